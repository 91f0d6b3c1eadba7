/**
 * Baseline `procMount` (policy/check_procMount_baseline.go) and restricted
 * `procMount_restricted` (policy/check_procMount_restricted.go). Each container's
 * `securityContext.procMount`, when set, must be `Default`. From v1.35 baseline allows
 * any value in a user-namespaced pod (`spec.hostUsers: false`, KEP-127), and restricted
 * replaces it with the unrelaxed rule.
 */
import { containerPath } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, joinQuote, sortedSet } from '../wording.js';

const REASON = 'procMount';

function mustNot(containers: readonly string[], values: readonly string[]): string {
  return `${containersPhrase(containers)} must not set securityContext.procMount to ${joinQuote(sortedSet(values))}`;
}

function procMountDefaultOnly(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let values: string[] | undefined;
  for (const c of pod.containers) {
    const v = c.securityContext?.procMount;
    if (typeof v !== 'string' || v === 'Default') continue;
    (values ??= []).push(v);
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'procMount'),
      reason: REASON,
      detail: mustNot([c.name], [v]),
    });
  }
  if (items === undefined) return undefined;
  return {
    reason: REASON,
    detail: mustNot(
      items.map((i) => i.container!),
      values!,
    ),
    items,
  };
}

function procMountUnlessUserNamespaced(pod: PodView): CheckOutcome | undefined {
  return pod.userNamespaced ? undefined : procMountDefaultOnly(pod);
}

export const procMountCheck: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  revisions: [
    { minVersion: 0, evaluate: procMountDefaultOnly },
    { minVersion: 35, evaluate: procMountUnlessUserNamespaced },
  ],
};

export const procMountRestrictedCheck: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  revisions: [{ minVersion: 35, evaluate: procMountDefaultOnly, overrides: ['procMount'] }],
};
