/**
 * Restricted `runAsUser` (policy/check_runAsUser.go), from v1.23: neither the pod's nor
 * any container's `securityContext.runAsUser` may be 0. From v1.35 user-namespaced pods
 * (`spec.hostUsers: false`) are exempt.
 */
import { containerPath, specPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';

const REASON = 'runAsUser=0';
const MUST_NOT = 'must not set runAsUser=0';

function runAsUser(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let badContainers: string[] | undefined;
  const podBad = pod.podSecurityContext?.runAsUser === 0;
  if (podBad) {
    (items ??= []).push({
      path: specPath(pod, 'securityContext', 'runAsUser'),
      reason: REASON,
      detail: `pod ${MUST_NOT}`,
    });
  }
  for (const c of pod.containers) {
    if (c.securityContext?.runAsUser !== 0) continue;
    (badContainers ??= []).push(c.name);
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'runAsUser'),
      reason: REASON,
      detail: `${containersPhrase([c.name])} ${MUST_NOT}`,
    });
  }
  if (items === undefined) return undefined;
  const setters: string[] = [];
  if (podBad) setters.push('pod');
  if (badContainers !== undefined) setters.push(containersPhrase(badContainers));
  return { reason: REASON, detail: `${setters.join(' and ')} ${MUST_NOT}`, items };
}

function runAsUserUnlessUserNamespaced(pod: PodView): CheckOutcome | undefined {
  return pod.userNamespaced ? undefined : runAsUser(pod);
}

export const runAsUserCheck: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  revisions: [
    { minVersion: 23, evaluate: runAsUser },
    { minVersion: 35, evaluate: runAsUserUnlessUserNamespaced },
  ],
};
