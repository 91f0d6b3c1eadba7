/**
 * Reachability between pod classes and external address ranges under Kubernetes
 * NetworkPolicy.
 *
 * Semantics (reference/netpol.md §1.1, §1.7, §1.8):
 *  - a pod is isolated for a direction iff some policy **of its own namespace** selects it
 *    and isolates that direction; otherwise everything is allowed in that direction
 *    ("By default, pods are non-isolated", concept page);
 *  - the allowed set of an isolated direction is the union of the rules of all policies
 *    selecting the pod; order does not matter and there is no deny (concept page);
 *  - a connection needs both the egress side of the source and the ingress side of the
 *    destination ("both the egress policy on the source pod and the ingress policy on the
 *    destination pod need to allow the traffic"); replies are implicit;
 *  - ports are destination ports: named ports resolve on the destination pod;
 *  - traffic from or to a pod's own node is always allowed (API doc of `ingress`: "OR if
 *    the traffic source is the pod's local node") — see `connectionsBetween` in query.ts;
 *  - external addresses have no policies: only the pod side decides;
 *  - admin tiers wrap NetworkPolicy on each side (`side`, reference/netpol.md §1.11).
 */
import type { CompiledAdminPolicy } from './adminPolicy.js';
import { adminPortsOn, adminRulesPerClass, type ClassAdminRules } from './adminTiers.js';
import { ConnectionSet } from './connectionSet.js';
import { disjointRanges, type Family, type IpRange, type IpSet } from './ipSet.js';
import type { CompiledNetworkPolicy, CompiledRule, Direction } from './networkPolicy.js';
import { matchRulePeers, selectInNamespace, type PeerMatch } from './peers.js';
import type { PodClass, PodClassIndex } from './podClasses.js';
import { resolvePorts } from './ports.js';
import type { Representative } from './representatives.js';

export interface Grant {
  readonly policy: CompiledNetworkPolicy;
  readonly rule: CompiledRule;
  readonly direction: Direction;
  readonly peers: PeerMatch;
}

export interface ClassPolicies {
  /** Every policy whose podSelector selects the class, whatever its policyTypes. */
  readonly selecting: readonly CompiledNetworkPolicy[];
  /** Undefined when the class is not isolated for ingress; otherwise its allow rules (maybe none). */
  readonly ingress?: readonly Grant[];
  readonly egress?: readonly Grant[];
}

/**
 * The other end of one side of a connection: a pod class, a range of external addresses,
 * or a representative of pods the input may not hold (exposure analysis).
 */
export type Peer =
  { readonly cls: PodClass } | { readonly range: IpRange } | { readonly representative: Representative };

/**
 * By class id, the policies whose podSelector selects the class (in input order): each policy
 * is matched against the classes of its own namespace only (`spec.podSelector` selects pods in
 * the policy's namespace), through the label index.
 */
export function selectingPolicies(
  index: PodClassIndex,
  policies: readonly CompiledNetworkPolicy[],
): CompiledNetworkPolicy[][] {
  const selecting: CompiledNetworkPolicy[][] = index.classes.map(() => []);
  for (const policy of policies) {
    for (const cls of selectInNamespace(policy.podSelector, policy.namespace, index))
      selecting[cls.id]!.push(policy);
  }
  return selecting;
}

/** The policy side of reachability, computed once per class. */
export class Reachability {
  readonly policiesOf: readonly ClassPolicies[];
  readonly adminOf: readonly ClassAdminRules[];
  readonly baselineOf: readonly ClassAdminRules[];
  /** Disjoint external ranges that can be sources (cut by every ingress ipBlock) and destinations (egress ipBlocks, admin networks). */
  readonly externalSources: readonly IpRange[];
  readonly externalDestinations: readonly IpRange[];

  constructor(
    readonly index: PodClassIndex,
    policies: readonly CompiledNetworkPolicy[],
    families: readonly Family[],
    admin: readonly CompiledAdminPolicy[] = [],
    baselines: readonly CompiledAdminPolicy[] = [],
    selecting: readonly (readonly CompiledNetworkPolicy[])[] = selectingPolicies(index, policies),
  ) {
    const matches = new Map<CompiledRule, PeerMatch>();
    const selections = new Map<string, readonly PodClass[]>();
    const grantsOf = (list: readonly CompiledNetworkPolicy[], direction: Direction): Grant[] | undefined => {
      const isolating = list.filter((p) => p[direction] !== undefined);
      if (isolating.length === 0) return undefined;
      return isolating.flatMap((policy) =>
        policy[direction]!.map((rule) => {
          let peers = matches.get(rule);
          if (peers === undefined) {
            peers = matchRulePeers(rule, policy.namespace, index, selections);
            matches.set(rule, peers);
          }
          return { policy, rule, direction, peers };
        }),
      );
    };
    this.policiesOf = selecting.map((list) => {
      const ingress = grantsOf(list, 'ingress');
      const egress = grantsOf(list, 'egress');
      return { selecting: list, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) };
    });
    this.adminOf = adminRulesPerClass(admin, index);
    this.baselineOf = adminRulesPerClass(baselines, index);
    const blocks = (direction: Direction) =>
      policies.flatMap((p) =>
        (p[direction] ?? []).flatMap((r) =>
          (r.peers ?? []).flatMap((peer) => (peer.kind === 'ipBlock' ? [peer.ips] : [])),
        ),
      );
    const networks = [...admin, ...baselines].flatMap((p) => p.egress.map((r) => r.networks));
    this.externalSources = disjointRanges(families, blocks('ingress'));
    this.externalDestinations = disjointRanges(families, [...blocks('egress'), ...networks]);
  }

  /**
   * What one side of a connection allows: the ingress side of `subject` towards traffic
   * from `peer`, or its egress side towards `peer`. Tiers in order (reference/netpol.md
   * §1.11): admin rules first match decides (Allow / Deny / Pass); what is passed or not
   * matched goes to NetworkPolicy when a policy isolates the subject for the direction,
   * otherwise to the baseline's first matching rule, and is allowed when nothing matches.
   */
  side(direction: Direction, subject: PodClass, peer: Peer): ConnectionSet {
    // Ports are destination ports: named ports resolve on the destination pod, never on an address.
    const destination = direction === 'ingress' ? subject.ports : 'cls' in peer ? peer.cls.ports : undefined;
    let allowed = ConnectionSet.none;
    let open = ConnectionSet.all;
    let passed = ConnectionSet.none;
    for (const g of this.adminOf[subject.id]![direction]) {
      if (!peerMatches(g.peers, peer)) continue;
      const hit = adminPortsOn(g.rule.ports, destination).intersect(open);
      if (hit.isEmpty()) continue;
      if (g.rule.action === 'Allow') allowed = allowed.union(hit);
      else if (g.rule.action === 'Pass') passed = passed.union(hit);
      open = open.subtract(hit);
      if (open.isEmpty()) break;
    }
    const toNetworkPolicy = open.union(passed);
    if (toNetworkPolicy.isEmpty()) return allowed;
    const grants = this.policiesOf[subject.id]![direction];
    if (grants !== undefined) {
      let byPolicy = ConnectionSet.none;
      for (const g of grants) {
        if (!peerMatches(g.peers, peer)) continue;
        byPolicy = byPolicy.union(
          destination !== undefined ? resolvePorts(g.rule.ports, destination) : g.rule.ports.numeric,
        );
      }
      return allowed.union(byPolicy.intersect(toNetworkPolicy));
    }
    let rest = toNetworkPolicy;
    for (const g of this.baselineOf[subject.id]![direction]) {
      if (!peerMatches(g.peers, peer)) continue;
      const hit = adminPortsOn(g.rule.ports, destination).intersect(rest);
      // Pass in the Baseline tier (ClusterNetworkPolicy) hands over to the default: allowed.
      if (g.rule.action !== 'Deny') allowed = allowed.union(hit);
      rest = rest.subtract(hit);
      if (rest.isEmpty()) break;
    }
    return allowed.union(rest);
  }

  /** True when a rule's peers (of any tier) admit `peer`. */
  peerAdmits(match: PeerMatch, peer: Peer): boolean {
    return peerMatches(match, peer);
  }

  /** Ingress of `dst` from addresses `range` (one of `externalSources`, or a single address). */
  ingressFromRange(dst: PodClass, range: IpRange): ConnectionSet {
    return this.side('ingress', dst, { range });
  }

  /** Egress of `src` towards addresses `range`: named ports never resolve for an IP destination. */
  egressToRange(src: PodClass, range: IpRange): ConnectionSet {
    return this.side('egress', src, { range });
  }

  /** Connections from one class to another: egress of the source AND ingress of the destination. */
  between(src: PodClass, dst: PodClass): ConnectionSet {
    const egress = this.side('egress', src, { cls: dst });
    if (egress.isEmpty()) return egress;
    return egress.intersect(this.side('ingress', dst, { cls: src }));
  }

  /**
   * The classes that may reach `dst` at all: when only NetworkPolicy rules decide its
   * ingress (it is isolated and no admin tier applies), just the classes its rules admit;
   * otherwise every class. Lets pair enumeration skip the pairs that cannot connect.
   */
  possibleSources(dst: PodClass): readonly PodClass[] {
    const grants = this.policiesOf[dst.id]!.ingress;
    const all = this.index.classes;
    if (grants === undefined || this.adminOf[dst.id]!.ingress.length > 0) return all;
    const ids = new Set<number>();
    for (const g of grants) {
      if (g.peers.classes === 'all') return all;
      for (const id of g.peers.classes) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b).map((id) => all[id]!);
  }

  /** The grants of every tier that apply to the class in `direction`, for listing what they admit. */
  peerMatchesOf(cls: PodClass, direction: Direction): PeerMatch[] {
    return [
      ...this.adminOf[cls.id]![direction].map((g) => g.peers),
      ...(this.policiesOf[cls.id]![direction] ?? []).map((g) => g.peers),
      ...this.baselineOf[cls.id]![direction].map((g) => g.peers),
    ];
  }

  /**
   * True when some policy of any tier constrains the class in `direction`: a
   * NetworkPolicy isolating it, or an admin or baseline policy whose subject it is with
   * rules for that direction (netpol-analyzer's "protected").
   */
  isProtected(cls: PodClass, direction: Direction): boolean {
    return (
      this.isIsolated(cls, direction) ||
      this.adminOf[cls.id]![direction].length > 0 ||
      this.baselineOf[cls.id]![direction].length > 0
    );
  }

  /** True when some NetworkPolicy isolates the class for `direction`. */
  isIsolated(cls: PodClass, direction: Direction): boolean {
    return this.policiesOf[cls.id]![direction] !== undefined;
  }
}

/**
 * True when a rule's peers admit `peer`. A range is wholly inside or outside every block
 * (external ranges are cut at every boundary), so its first address decides.
 */
function peerMatches(match: PeerMatch, peer: Peer): boolean {
  if ('cls' in peer) return match.classes === 'all' || match.classes.has(peer.cls.id);
  if ('range' in peer) return match.ips.has(peer.range.family, peer.range.start);
  // A representative stands for unknown pods: only a peer admitting the entire cluster,
  // or one with the same selectors, is sure to admit them.
  return (
    match.entireCluster ||
    match.representatives.some((r) => r.representative.text === peer.representative.text)
  );
}

/** The families of external space to model: IPv4 always; IPv6 when a policy or a pod IP uses it. */
export function familiesIn(ipBlocks: IpSet, podIps: IpSet): Family[] {
  return ipBlocks.v6.length > 0 || podIps.v6.length > 0 ? ['v4', 'v6'] : ['v4'];
}
