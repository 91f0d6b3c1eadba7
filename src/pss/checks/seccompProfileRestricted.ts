/**
 * Restricted `seccompProfile_restricted` (policy/check_seccompProfile_restricted.go),
 * from v1.19, replacing the baseline seccomp check: a profile must be set — the pod's
 * `securityContext.seccompProfile.type` is `RuntimeDefault`/`Localhost`, or every
 * container sets one of those — and nothing may set another type. From v1.25 Windows
 * pods are exempt.
 */
import { containerPath, recordField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';
import { explicitSeccompViolations } from './seccompProfileBaseline.js';

const REASON = 'seccompProfile';

function mustSet(containers: readonly string[]): string {
  return `pod or ${containersPhrase(containers)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`;
}

function seccompRestricted(pod: PodView): CheckOutcome | undefined {
  const explicit = explicitSeccompViolations(pod);
  if (explicit !== undefined) return explicit;
  // No explicit bad value; a valid pod-level profile covers every container that sets none.
  if (recordField(pod.podSecurityContext, 'seccompProfile') !== undefined) return undefined;
  let items: ViolationItem[] | undefined;
  for (const c of pod.containers) {
    if (recordField(c.securityContext, 'seccompProfile') !== undefined) continue;
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'seccompProfile', 'type'),
      reason: REASON,
      detail: mustSet([c.name]),
    });
  }
  if (items === undefined) return undefined;
  return { reason: REASON, detail: mustSet(items.map((i) => i.container!)), items };
}

function seccompRestrictedExceptWindows(pod: PodView): CheckOutcome | undefined {
  // Pod validation forbids seccomp settings on Windows pods, so PSA exempts them (v1.25+).
  return pod.windows ? undefined : seccompRestricted(pod);
}

const OVERRIDES = ['seccompProfile_baseline'] as const;

export const seccompProfileRestrictedCheck: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  revisions: [
    { minVersion: 19, evaluate: seccompRestricted, overrides: OVERRIDES },
    { minVersion: 25, evaluate: seccompRestrictedExceptWindows, overrides: OVERRIDES },
  ],
};
