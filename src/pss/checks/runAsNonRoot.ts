/**
 * Restricted `runAsNonRoot` (policy/check_runAsNonRoot.go). Fails if the pod sets
 * `securityContext.runAsNonRoot: false`, any container sets it false, or the pod does
 * not set it true and some container does not set it. A non-zero `runAsUser` does not
 * count. From v1.35 a user-namespaced pod (`spec.hostUsers: false`) passes (KEP-127:
 * root in the pod is not root on the node).
 */
import { containerPath, specPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase } from '../wording.js';

const REASON = 'runAsNonRoot != true';
const MUST_NOT = 'must not set securityContext.runAsNonRoot=false';

function mustSet(containers: readonly string[]): string {
  return `pod or ${containersPhrase(containers)} must set securityContext.runAsNonRoot=true`;
}

function runAsNonRoot(pod: PodView): CheckOutcome | undefined {
  const podValue = pod.podSecurityContext?.runAsNonRoot;
  const podTrue = podValue === true;
  let explicit: ViolationItem[] | undefined;
  let implicit: ViolationItem[] | undefined;
  for (const c of pod.containers) {
    const v = c.securityContext?.runAsNonRoot;
    if (v === false) {
      (explicit ??= []).push({
        container: c.name,
        path: containerPath(pod, c, 'securityContext', 'runAsNonRoot'),
        reason: REASON,
        detail: `${containersPhrase([c.name])} ${MUST_NOT}`,
      });
    } else if (v !== true && !podTrue) {
      (implicit ??= []).push({
        container: c.name,
        path: containerPath(pod, c, 'securityContext', 'runAsNonRoot'),
        reason: REASON,
        detail: mustSet([c.name]),
      });
    }
  }
  // Explicit `false` anywhere is reported alone, as upstream does.
  if (podValue === false || explicit !== undefined) {
    const setters: string[] = [];
    const items: ViolationItem[] = [];
    if (podValue === false) {
      setters.push('pod');
      items.push({
        path: specPath(pod, 'securityContext', 'runAsNonRoot'),
        reason: REASON,
        detail: `pod ${MUST_NOT}`,
      });
    }
    if (explicit !== undefined) {
      setters.push(containersPhrase(explicit.map((i) => i.container!)));
      items.push(...explicit);
    }
    return { reason: REASON, detail: `${setters.join(' and ')} ${MUST_NOT}`, items };
  }
  if (implicit === undefined) return undefined;
  return { reason: REASON, detail: mustSet(implicit.map((i) => i.container!)), items: implicit };
}

function runAsNonRootUnlessUserNamespaced(pod: PodView): CheckOutcome | undefined {
  return pod.userNamespaced ? undefined : runAsNonRoot(pod);
}

export const runAsNonRootCheck: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  revisions: [
    { minVersion: 0, evaluate: runAsNonRoot },
    { minVersion: 35, evaluate: runAsNonRootUnlessUserNamespaced },
  ],
};
