/**
 * Restricted `allowPrivilegeEscalation` (policy/check_allowPrivilegeEscalation.go),
 * from v1.8 (when the field was added): every container must set
 * `securityContext.allowPrivilegeEscalation: false` explicitly (there is no pod-level
 * field). From v1.25 Windows pods are exempt (pod validation forbids the field there).
 */
import { containerPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';

const REASON = 'allowPrivilegeEscalation != false';
const MUST = 'must set securityContext.allowPrivilegeEscalation=false';

function allowPrivilegeEscalation(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  for (const c of pod.containers) {
    if (c.securityContext?.allowPrivilegeEscalation === false) continue;
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'allowPrivilegeEscalation'),
      reason: REASON,
      detail: `${containersPhrase([c.name])} ${MUST}`,
    });
  }
  if (items === undefined) return undefined;
  return { reason: REASON, detail: `${containersPhrase(items.map((i) => i.container!))} ${MUST}`, items };
}

function allowPrivilegeEscalationExceptWindows(pod: PodView): CheckOutcome | undefined {
  return pod.windows ? undefined : allowPrivilegeEscalation(pod);
}

export const allowPrivilegeEscalationCheck: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  revisions: [
    { minVersion: 8, evaluate: allowPrivilegeEscalation },
    { minVersion: 25, evaluate: allowPrivilegeEscalationExceptWindows },
  ],
};
