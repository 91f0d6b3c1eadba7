/**
 * Baseline `capabilities_baseline` (policy/check_capabilities_baseline.go): every
 * `securityContext.capabilities.add` entry must be in the container runtime's default
 * set. The match is exact and case-sensitive (`CAP_CHOWN`, `chown` and `ALL` fail).
 */
import { containerPath, recordField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, joinQuote, sortedSet } from '../wording.js';

/** Capabilities baseline lets a container add (unchanged since v1.0). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const REASON = 'non-default capabilities';

function mustNot(containers: readonly string[], caps: readonly string[]): string {
  return `${containersPhrase(containers)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`;
}

function capabilitiesBaseline(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let allBad: string[] | undefined;
  for (const c of pod.containers) {
    const add = recordField(c.securityContext, 'capabilities')?.add;
    if (!Array.isArray(add)) continue;
    let bad: string[] | undefined;
    let first = -1;
    for (let i = 0; i < add.length; i++) {
      const cap: unknown = add[i];
      if (typeof cap !== 'string' || BASELINE_CAPABILITIES.has(cap)) continue;
      (bad ??= []).push(cap);
      if (first < 0) first = i;
    }
    if (bad === undefined) continue;
    (allBad ??= []).push(...bad);
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'capabilities', 'add', first),
      reason: REASON,
      detail: mustNot([c.name], bad),
    });
  }
  if (items === undefined) return undefined;
  return {
    reason: REASON,
    detail: mustNot(
      items.map((i) => i.container!),
      allBad!,
    ),
    items,
  };
}

export const capabilitiesBaselineCheck: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: capabilitiesBaseline }],
};
