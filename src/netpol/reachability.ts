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
 *    the traffic source is the pod's local node") — see `ownNodeConnections`;
 *  - external addresses have no policies: only the pod side decides.
 */
import { ConnectionSet } from './connectionSet.js';
import { disjointRanges, type Family, type IpRange, type IpSet } from './ipSet.js';
import type { CompiledNetworkPolicy, CompiledRule, Direction } from './networkPolicy.js';
import { matchRulePeers, selectInNamespace, type PeerMatch } from './peers.js';
import type { PodClass, PodClassIndex } from './podClasses.js';
import { resolvePorts } from './ports.js';

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

/** The policy side of reachability, computed once per class. */
export class Reachability {
  readonly policiesOf: readonly ClassPolicies[];
  /** Disjoint external ranges that can be sources (cut by every ingress ipBlock) and destinations (egress ipBlocks). */
  readonly externalSources: readonly IpRange[];
  readonly externalDestinations: readonly IpRange[];

  constructor(
    readonly index: PodClassIndex,
    policies: readonly CompiledNetworkPolicy[],
    families: readonly Family[],
  ) {
    const byNamespace = new Map<string, CompiledNetworkPolicy[]>();
    for (const p of policies) {
      const list = byNamespace.get(p.namespace);
      if (list) list.push(p);
      else byNamespace.set(p.namespace, [p]);
    }
    const selecting: CompiledNetworkPolicy[][] = index.classes.map(() => []);
    for (const [ns, list] of byNamespace) {
      for (const policy of list) {
        for (const cls of selectInNamespace(policy.podSelector, ns, index)) selecting[cls.id]!.push(policy);
      }
    }
    const matches = new Map<CompiledRule, PeerMatch>();
    const grantsOf = (list: readonly CompiledNetworkPolicy[], direction: Direction): Grant[] | undefined => {
      const isolating = list.filter((p) => p[direction] !== undefined);
      if (isolating.length === 0) return undefined;
      return isolating.flatMap((policy) =>
        policy[direction]!.map((rule) => {
          let peers = matches.get(rule);
          if (peers === undefined) {
            peers = matchRulePeers(rule, policy.namespace, index);
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
    const blocks = (direction: Direction) =>
      policies.flatMap((p) =>
        (p[direction] ?? []).flatMap((r) =>
          (r.peers ?? []).flatMap((peer) => (peer.kind === 'ipBlock' ? [peer.ips] : [])),
        ),
      );
    this.externalSources = disjointRanges(families, blocks('ingress'));
    this.externalDestinations = disjointRanges(families, blocks('egress'));
  }

  /** What the destination class's ingress side admits from a source class. */
  ingressFromClass(dst: PodClass, src: PodClass): ConnectionSet {
    const grants = this.policiesOf[dst.id]!.ingress;
    if (grants === undefined) return ConnectionSet.all;
    let out = ConnectionSet.none;
    for (const g of grants) {
      if (g.peers.classes === 'all' || g.peers.classes.has(src.id))
        out = out.union(resolvePorts(g.rule.ports, dst.ports));
    }
    return out;
  }

  /** What the source class's egress side admits towards a destination class (named ports resolved on it). */
  egressToClass(src: PodClass, dst: PodClass): ConnectionSet {
    const grants = this.policiesOf[src.id]!.egress;
    if (grants === undefined) return ConnectionSet.all;
    let out = ConnectionSet.none;
    for (const g of grants) {
      if (g.peers.classes === 'all' || g.peers.classes.has(dst.id))
        out = out.union(resolvePorts(g.rule.ports, dst.ports));
    }
    return out;
  }

  /** Ingress of `dst` from addresses `range` (wholly inside or outside every ipBlock: one of `externalSources`). */
  ingressFromRange(dst: PodClass, range: IpRange): ConnectionSet {
    const grants = this.policiesOf[dst.id]!.ingress;
    if (grants === undefined) return ConnectionSet.all;
    let out = ConnectionSet.none;
    for (const g of grants) {
      if (g.peers.ips.has(range.family, range.start)) out = out.union(resolvePorts(g.rule.ports, dst.ports));
    }
    return out;
  }

  /** Egress of `src` towards addresses `range`: named ports never resolve for an IP destination. */
  egressToRange(src: PodClass, range: IpRange): ConnectionSet {
    const grants = this.policiesOf[src.id]!.egress;
    if (grants === undefined) return ConnectionSet.all;
    let out = ConnectionSet.none;
    for (const g of grants)
      if (g.peers.ips.has(range.family, range.start)) out = out.union(g.rule.ports.numeric);
    return out;
  }

  /** Connections from one class to another: egress of the source AND ingress of the destination. */
  between(src: PodClass, dst: PodClass): ConnectionSet {
    const egress = this.egressToClass(src, dst);
    if (egress.isEmpty()) return egress;
    return egress.intersect(this.ingressFromClass(dst, src));
  }

  isIsolated(cls: PodClass, direction: Direction): boolean {
    return this.policiesOf[cls.id]![direction] !== undefined;
  }
}

/** Traffic between a pod and its own node is always allowed, in both directions (API doc of `ingress`; concept page). */
export function ownNodeConnections(): ConnectionSet {
  return ConnectionSet.all;
}

/** The families of external space to model: IPv4 always; IPv6 when a policy or a pod IP uses it. */
export function familiesIn(ipBlocks: IpSet, podIps: IpSet): Family[] {
  return ipBlocks.v6.length > 0 || podIps.v6.length > 0 ? ['v4', 'v6'] : ['v4'];
}
