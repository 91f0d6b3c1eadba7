/**
 * Baseline `hostNamespaces` (policy/check_hostNamespaces.go): `spec.hostNetwork`,
 * `spec.hostPID` and `spec.hostIPC` must be unset or false.
 */
import { specPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck } from '../types.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
const REASON = 'host namespaces';

function hostNamespaces(pod: PodView): CheckOutcome | undefined {
  const spec = pod.spec;
  if (spec.hostNetwork !== true && spec.hostPID !== true && spec.hostIPC !== true) return undefined;
  const set = FIELDS.filter((f) => spec[f] === true);
  const detail = set.map((f) => `${f}=true`).join(', ');
  return { reason: REASON, detail, items: [{ path: specPath(pod, set[0]!), reason: REASON, detail }] };
}

export const hostNamespacesCheck: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: hostNamespaces }],
};
