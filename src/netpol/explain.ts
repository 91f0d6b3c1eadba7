/**
 * Why a connection is allowed or denied: for one pair of ends, the connection space cut
 * into regions that share a verdict and the same deciding rules, on both sides — the
 * egress of the source and the ingress of the destination (a connection needs both,
 * reference/netpol.md §1.7). The walk through the tiers is the one of
 * `Reachability.side` (admin rules first match: Allow / Deny / Pass; then NetworkPolicy
 * when a policy isolates the pod; otherwise the baseline; otherwise allowed), recording
 * which rule decided each region. netpol-analyzer's `--explain` reports the same facts
 * (np-guard/netpol-analyzer docs/explain_output.md, as its expected outputs show).
 */
import type { AdminRule, CompiledAdminPolicy } from './adminPolicy.js';
import { adminPortsOn } from './adminTiers.js';
import type { NetpolAnalysis } from './analyze.js';
import { ConnectionSet } from './connectionSet.js';
import { pairInFocus, type ConnlistOptions, type End } from './connlist.js';
import { formatRange, type IpRange } from './ipSet.js';
import { workloadName } from './model.js';
import type { CompiledNetworkPolicy, CompiledRule, Direction } from './networkPolicy.js';
import { admittingPeer } from './peers.js';
import type { PodClass } from './podClasses.js';
import { resolvePorts } from './ports.js';
import type { Peer } from './reachability.js';

export type SideReason =
  /** Nothing of any tier applies: the pod is not isolated for the direction (default allow). */
  | { readonly kind: 'default' }
  /** A NetworkPolicy rule admits the peer on these ports (`peer`: the index of the admitting peer, undefined when the rule has no peers). */
  | {
      readonly kind: 'allow';
      readonly policy: CompiledNetworkPolicy;
      readonly rule: CompiledRule;
      readonly peer?: number;
    }
  /** The policy isolates the pod and none of its rules admits the peer (`noRules`: it has none for the direction). */
  | { readonly kind: 'not-selected'; readonly policy: CompiledNetworkPolicy; readonly noRules: boolean }
  /** A rule admits the peer but not these ports (`named`: its named ports do not resolve on the destination). */
  | {
      readonly kind: 'ports';
      readonly policy: CompiledNetworkPolicy;
      readonly rule: CompiledRule;
      readonly peer?: number;
      readonly named: boolean;
    }
  /** An admin or baseline rule matched first and decided (or passed) these connections. */
  | { readonly kind: 'admin'; readonly policy: CompiledAdminPolicy; readonly rule: AdminRule };

export interface SideRegion {
  readonly conns: ConnectionSet;
  readonly allowed: boolean;
  readonly reasons: readonly SideReason[];
}

export interface ExplainGroup {
  readonly conns: ConnectionSet;
  readonly allowed: boolean;
  readonly egress: SideRegion;
  readonly ingress: SideRegion;
}

/** One end of a connection: a pod class, or external addresses (one range of the disjoint partition). */
export type ExplainEnd = { readonly cls: PodClass } | { readonly range: IpRange };

/**
 * The groups of a pair, allowed ones first, each with both sides' verdicts and reasons.
 * External addresses have no policies: their side is always the system default.
 */
export function explainPair(analysis: NetpolAnalysis, src: ExplainEnd, dst: ExplainEnd): ExplainGroup[] {
  const egress: SideRegion[] =
    'cls' in src ? explainSide(analysis, 'egress', src.cls, dst) : [DEFAULT_REGION];
  const ingress: SideRegion[] =
    'cls' in dst ? explainSide(analysis, 'ingress', dst.cls, src) : [DEFAULT_REGION];
  const groups: ExplainGroup[] = [];
  for (const e of egress) {
    for (const i of ingress) {
      const conns = e.conns.intersect(i.conns);
      if (!conns.isEmpty()) groups.push({ conns, allowed: e.allowed && i.allowed, egress: e, ingress: i });
    }
  }
  return groups.sort((a, b) => Number(b.allowed) - Number(a.allowed));
}

export interface ExplainedPair {
  readonly src: string;
  readonly dst: string;
  readonly groups: readonly ExplainGroup[];
}

export interface Explanation {
  /** Pairs some policy of some tier decides, sorted by source then destination. */
  readonly pairs: readonly ExplainedPair[];
  /** Pairs whose both sides are not isolated: everything allowed by the system default. */
  readonly defaultOnly: readonly { readonly src: string; readonly dst: string }[];
}

/**
 * Every pair of the input explained (netpol-analyzer `list --explain`): workloads to
 * workloads (a workload to itself left out), and workloads to and from the disjoint
 * external ranges; with the focus options of the connectivity list, and `--focus-conn`
 * narrowing every group to that connection.
 */
export function explainAll(analysis: NetpolAnalysis, options: ConnlistOptions = {}): Explanation {
  const { index, reachability } = analysis;
  const keep = pairInFocus(options);
  const focusConn =
    options.focusConnection !== undefined
      ? ConnectionSet.range(options.focusConnection.protocol, options.focusConnection.port)
      : undefined;
  const pairs: ExplainedPair[] = [];
  const defaultOnly: { src: string; dst: string }[] = [];
  const add = (src: End, dst: End, from: ExplainEnd, to: ExplainEnd) => {
    if (!keep(src, dst)) return;
    let groups = explainPair(analysis, from, to);
    if (focusConn !== undefined) {
      groups = groups
        .map((g) => ({ ...g, conns: g.conns.intersect(focusConn) }))
        .filter((g) => !g.conns.isEmpty());
      if (!groups.some((g) => g.allowed)) return;
    }
    if (onlyDefault(groups)) defaultOnly.push({ src: src.name, dst: dst.name });
    else pairs.push({ src: src.name, dst: dst.name, groups });
  };
  const ends = index.classes.map((c) =>
    c.workloads.map((w): End => ({ name: workloadName(w.ref), workload: w })),
  );
  const external = (range: IpRange): End => ({ name: `${formatRange(range)}[External]` });
  for (const cls of index.classes) {
    for (const range of reachability.externalSources)
      for (const d of ends[cls.id]!) add(external(range), d, { range }, { cls });
    for (const range of reachability.externalDestinations)
      for (const s of ends[cls.id]!) add(s, external(range), { cls }, { range });
    for (const other of index.classes) {
      for (const s of ends[cls.id]!)
        for (const d of ends[other.id]!) if (s.workload !== d.workload) add(s, d, { cls }, { cls: other });
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = (a: { src: string; dst: string }, b: { src: string; dst: string }) =>
    byText(a.src, b.src) || byText(a.dst, b.dst);
  return { pairs: pairs.sort(order), defaultOnly: defaultOnly.sort(order) };
}

/** True when both sides of every group are the system default: nothing but "not isolated" decides the pair. */
export function onlyDefault(groups: readonly ExplainGroup[]): boolean {
  return groups.every(
    (g) =>
      g.egress.reasons.every((r) => r.kind === 'default') &&
      g.ingress.reasons.every((r) => r.kind === 'default'),
  );
}

const DEFAULT_REGION: SideRegion = {
  conns: ConnectionSet.all,
  allowed: true,
  reasons: [{ kind: 'default' }],
};

interface Pending {
  readonly conns: ConnectionSet;
  readonly prefix: readonly SideReason[];
}

/** The regions of one side, merged where verdict and reasons agree. */
export function explainSide(
  analysis: NetpolAnalysis,
  direction: Direction,
  subject: PodClass,
  other: ExplainEnd,
): SideRegion[] {
  const r = analysis.reachability;
  const peer: Peer = 'cls' in other ? { cls: other.cls } : { range: other.range };
  const destination = direction === 'ingress' ? subject.ports : 'cls' in other ? other.cls.ports : undefined;
  const out: SideRegion[] = [];
  let open = ConnectionSet.all;
  const passed: Pending[] = [];
  for (const g of r.adminOf[subject.id]![direction]) {
    if (!r.peerAdmits(g.peers, peer)) continue;
    const hit = adminPortsOn(g.rule.ports, destination).intersect(open);
    if (hit.isEmpty()) continue;
    const reason: SideReason = { kind: 'admin', policy: g.policy, rule: g.rule };
    if (g.rule.action === 'Pass') passed.push({ conns: hit, prefix: [reason] });
    else out.push({ conns: hit, allowed: g.rule.action === 'Allow', reasons: [reason] });
    open = open.subtract(hit);
  }
  const pending: Pending[] = [...(open.isEmpty() ? [] : [{ conns: open, prefix: [] }]), ...passed];
  const isolating = r.policiesOf[subject.id]!.selecting.filter((p) => p[direction] !== undefined);
  for (const region of pending) {
    if (isolating.length > 0)
      out.push(...networkPolicyRegions(analysis, direction, subject, other, isolating, region));
    else out.push(...baselineRegions(analysis, direction, subject, peer, destination, region));
  }
  return merge(out);
}

function networkPolicyRegions(
  analysis: NetpolAnalysis,
  direction: Direction,
  subject: PodClass,
  other: ExplainEnd,
  isolating: readonly CompiledNetworkPolicy[],
  region: Pending,
): SideRegion[] {
  const index = analysis.index;
  const destination = direction === 'ingress' ? subject.ports : 'cls' in other ? other.cls.ports : undefined;
  const end = 'cls' in other ? { cls: other.cls } : { address: other.range };
  const matching: {
    policy: CompiledNetworkPolicy;
    rule: CompiledRule;
    peer?: number;
    conns: ConnectionSet;
  }[] = [];
  for (const policy of isolating) {
    for (const rule of policy[direction]!) {
      const peer = rule.peers === undefined ? undefined : admittingPeer(rule, policy.namespace, index, end);
      if (rule.peers !== undefined && peer === undefined) continue;
      const conns = destination !== undefined ? resolvePorts(rule.ports, destination) : rule.ports.numeric;
      matching.push({ policy, rule, ...(peer !== undefined ? { peer } : {}), conns });
    }
  }
  let atoms = [region.conns];
  for (const m of matching) {
    atoms = atoms.flatMap((a) => [a.intersect(m.conns), a.subtract(m.conns)]).filter((a) => !a.isEmpty());
  }
  const denied: SideReason[] = isolating.flatMap((policy): SideReason[] => {
    const rules = matching.filter((m) => m.policy === policy);
    if (rules.length === 0)
      return [{ kind: 'not-selected', policy, noRules: policy[direction]!.length === 0 }];
    return rules.map((m) => ({
      kind: 'ports',
      policy,
      rule: m.rule,
      ...(m.peer !== undefined ? { peer: m.peer } : {}),
      named: m.rule.ports.named.length > 0 && m.conns.isEmpty(),
    }));
  });
  return atoms.map((conns) => {
    const allowing = matching.filter((m) => m.conns.contains(conns));
    return allowing.length > 0
      ? {
          conns,
          allowed: true,
          reasons: [
            ...region.prefix,
            ...allowing.map((m): SideReason => ({
              kind: 'allow',
              policy: m.policy,
              rule: m.rule,
              ...(m.peer !== undefined ? { peer: m.peer } : {}),
            })),
          ],
        }
      : { conns, allowed: false, reasons: [...region.prefix, ...denied] };
  });
}

function baselineRegions(
  analysis: NetpolAnalysis,
  direction: Direction,
  subject: PodClass,
  peer: Peer,
  destination: Parameters<typeof adminPortsOn>[1],
  region: Pending,
): SideRegion[] {
  const r = analysis.reachability;
  const out: SideRegion[] = [];
  let rest = region.conns;
  for (const g of r.baselineOf[subject.id]![direction]) {
    if (!r.peerAdmits(g.peers, peer)) continue;
    const hit = adminPortsOn(g.rule.ports, destination).intersect(rest);
    if (hit.isEmpty()) continue;
    out.push({
      conns: hit,
      allowed: g.rule.action !== 'Deny',
      reasons: [...region.prefix, { kind: 'admin', policy: g.policy, rule: g.rule }],
    });
    rest = rest.subtract(hit);
  }
  if (!rest.isEmpty())
    out.push({ conns: rest, allowed: true, reasons: [...region.prefix, { kind: 'default' }] });
  return out;
}

function reasonKey(reason: SideReason): string {
  switch (reason.kind) {
    case 'default':
      return 'default';
    case 'admin':
      return `admin\u0000${reason.policy.kind}\u0000${reason.policy.name}\u0000${reason.rule.path}`;
    case 'not-selected':
      return `not-selected\u0000${reason.policy.namespace}/${reason.policy.name}`;
    default:
      return `${reason.kind}\u0000${reason.policy.namespace}/${reason.policy.name}\u0000${reason.rule.path}\u0000${reason.peer ?? ''}`;
  }
}

function merge(regions: readonly SideRegion[]): SideRegion[] {
  const byKey = new Map<string, SideRegion>();
  for (const region of regions) {
    const key = `${region.allowed}\u0001${region.reasons.map(reasonKey).join('\u0001')}`;
    const seen = byKey.get(key);
    byKey.set(key, seen === undefined ? region : { ...seen, conns: seen.conns.union(region.conns) });
  }
  return [...byKey.values()];
}
