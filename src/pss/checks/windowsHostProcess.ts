/**
 * Baseline `windowsHostProcess` (policy/check_windowsHostProcess.go): neither the pod's
 * nor any container's `securityContext.windowsOptions.hostProcess` may be true.
 */
import { containerPath, recordField, specPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';

const REASON = 'hostProcess';
const MUST = 'must not set securityContext.windowsOptions.hostProcess=true';

function windowsHostProcess(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let badContainers: string[] | undefined;
  for (const c of pod.containers) {
    if (recordField(c.securityContext, 'windowsOptions')?.hostProcess !== true) continue;
    (badContainers ??= []).push(c.name);
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'windowsOptions', 'hostProcess'),
      reason: REASON,
      detail: `${containersPhrase([c.name])} ${MUST}`,
    });
  }
  const podBad = recordField(pod.podSecurityContext, 'windowsOptions')?.hostProcess === true;
  if (podBad) {
    (items ??= []).unshift({
      path: specPath(pod, 'securityContext', 'windowsOptions', 'hostProcess'),
      reason: REASON,
      detail: `pod ${MUST}`,
    });
  }
  if (items === undefined) return undefined;
  const setters: string[] = [];
  if (podBad) setters.push('pod');
  if (badContainers !== undefined) setters.push(containersPhrase(badContainers));
  return { reason: REASON, detail: `${setters.join(' and ')} ${MUST}`, items };
}

export const windowsHostProcessCheck: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: windowsHostProcess }],
};
