/**
 * Baseline `privileged` (policy/check_privileged.go): no container may set
 * `securityContext.privileged: true`.
 */
import { containerPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';

const REASON = 'privileged';
const MUST = 'must not set securityContext.privileged=true';

function privileged(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  for (const c of pod.containers) {
    if (c.securityContext?.privileged !== true) continue;
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'privileged'),
      reason: REASON,
      detail: `${containersPhrase([c.name])} ${MUST}`,
    });
  }
  if (items === undefined) return undefined;
  return { reason: REASON, detail: `${containersPhrase(items.map((i) => i.container!))} ${MUST}`, items };
}

export const privilegedCheck: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: privileged }],
};
