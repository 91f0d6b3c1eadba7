/**
 * Restricted `capabilities_restricted` (policy/check_capabilities_restricted.go), from
 * v1.22, replacing the baseline capabilities check: every container must list `ALL` in
 * `securityContext.capabilities.drop`, and `capabilities.add` may hold only
 * `NET_BIND_SERVICE`. From v1.25 Windows pods are exempt — from both, since this check
 * replaces the baseline one.
 */
import { containerPath, recordField } from '../podView.js';
import type { CheckOutcome, ContainerView, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, joinQuote, sortedSet } from '../wording.js';

const REASON = 'unrestricted capabilities';

function mustDrop(containers: readonly string[]): string {
  return `${containersPhrase(containers)} must set securityContext.capabilities.drop=["ALL"]`;
}

function mustNotAdd(containers: readonly string[], caps: readonly string[]): string {
  return `${containersPhrase(containers)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`;
}

function droppedAll(drop: unknown): boolean {
  return Array.isArray(drop) && drop.includes('ALL');
}

/** Added capabilities other than NET_BIND_SERVICE, and the index of the first. */
function forbiddenAdds(add: unknown): { caps: string[]; first: number } | undefined {
  if (!Array.isArray(add)) return undefined;
  let caps: string[] | undefined;
  let first = -1;
  for (let i = 0; i < add.length; i++) {
    const cap: unknown = add[i];
    if (typeof cap !== 'string' || cap === 'NET_BIND_SERVICE') continue;
    (caps ??= []).push(cap);
    if (first < 0) first = i;
  }
  return caps === undefined ? undefined : { caps, first };
}

function capabilitiesRestricted(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let missingDrop: string[] | undefined;
  let adding: string[] | undefined;
  let added: string[] | undefined;
  for (const c of pod.containers) {
    const caps = recordField(c.securityContext, 'capabilities');
    const noDrop = !droppedAll(caps?.drop);
    const bad = caps === undefined ? undefined : forbiddenAdds(caps.add);
    if (!noDrop && bad === undefined) continue;
    if (noDrop) (missingDrop ??= []).push(c.name);
    if (bad !== undefined) {
      (adding ??= []).push(c.name);
      (added ??= []).push(...bad.caps);
    }
    (items ??= []).push(item(pod, c, noDrop, bad));
  }
  if (items === undefined) return undefined;
  const details: string[] = [];
  if (missingDrop !== undefined) details.push(mustDrop(missingDrop));
  if (adding !== undefined) details.push(mustNotAdd(adding, added!));
  return { reason: REASON, detail: details.join('; '), items };
}

function item(
  pod: PodView,
  c: ContainerView,
  noDrop: boolean,
  bad: { caps: string[]; first: number } | undefined,
): ViolationItem {
  const details: string[] = [];
  if (noDrop) details.push(mustDrop([c.name]));
  if (bad !== undefined) details.push(mustNotAdd([c.name], bad.caps));
  return {
    container: c.name,
    path: noDrop
      ? containerPath(pod, c, 'securityContext', 'capabilities', 'drop')
      : containerPath(pod, c, 'securityContext', 'capabilities', 'add', bad!.first),
    reason: REASON,
    detail: details.join('; '),
  };
}

function capabilitiesRestrictedExceptWindows(pod: PodView): CheckOutcome | undefined {
  return pod.windows ? undefined : capabilitiesRestricted(pod);
}

const OVERRIDES = ['capabilities_baseline'] as const;

export const capabilitiesRestrictedCheck: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  revisions: [
    { minVersion: 22, evaluate: capabilitiesRestricted, overrides: OVERRIDES },
    { minVersion: 25, evaluate: capabilitiesRestrictedExceptWindows, overrides: OVERRIDES },
  ],
};
