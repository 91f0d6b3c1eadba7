/**
 * Facts about single NetworkPolicies that the catalog's rules report, read off the engine's
 * analysis (one implementation of the semantics: the rules in src/policy/rules/network only
 * phrase these facts). Every fact is about the policies as the API server would hold them:
 * invalid policies are not in the analysis (their errors are `PolicySelection.problems`).
 */
import type { PolicySelection } from './analyze.js';
import { isProtocol, type Protocol } from './connectionSet.js';
import { IpSet, UNIVERSE } from './ipSet.js';
import type { ContainerPort } from './model.js';
import type { CompiledNetworkPolicy, CompiledPeer, CompiledRule, Direction } from './networkPolicy.js';
import { matchRulePeers, selectInNamespace } from './peers.js';
import type { PodClass, PodClassIndex } from './podClasses.js';
import { resolvePorts } from './ports.js';

export type IpBlockPeer = Extract<CompiledPeer, { kind: 'ipBlock' }>;

const byAnalysis = new WeakMap<PolicySelection, ReadonlyMap<string, readonly CompiledNetworkPolicy[]>>();

/** The valid NetworkPolicies of a namespace, in input order. */
export function policiesIn(analysis: PolicySelection, namespace: string): readonly CompiledNetworkPolicy[] {
  let map = byAnalysis.get(analysis);
  if (map === undefined) {
    const grouped = new Map<string, CompiledNetworkPolicy[]>();
    for (const p of analysis.policies) {
      const list = grouped.get(p.namespace);
      if (list) list.push(p);
      else grouped.set(p.namespace, [p]);
    }
    byAnalysis.set(analysis, (map = grouped));
  }
  return map.get(namespace) ?? [];
}

/** The policies that select a pod class, and those of them that isolate each direction. */
export interface ClassIsolation {
  readonly selecting: readonly CompiledNetworkPolicy[];
  /** Empty when the class is not isolated for ingress: everything is allowed in. */
  readonly ingress: readonly CompiledNetworkPolicy[];
  readonly egress: readonly CompiledNetworkPolicy[];
}

/** A pod is isolated for a direction iff a policy of its namespace selects it and isolates that direction. */
export function isolationOf(selection: PolicySelection, cls: PodClass): ClassIsolation {
  const selecting = selection.selecting[cls.id] ?? [];
  return {
    selecting,
    ingress: selecting.filter((p) => p.ingress !== undefined),
    egress: selecting.filter((p) => p.egress !== undefined),
  };
}

/**
 * True when the policy is a namespace-wide default deny for `direction`: its podSelector
 * selects every pod (`{}`), it isolates the direction and has no rule for it ("serves solely
 * to ensure that the pods it selects are isolated by default", API doc).
 */
export function isDefaultDeny(policy: CompiledNetworkPolicy, direction: Direction): boolean {
  const rules = policy[direction];
  return policy.podSelector.matchesAll && rules !== undefined && rules.length === 0;
}

/** The pod classes of the input a policy selects (its own namespace only), in input order. */
export function selectedClasses(index: PodClassIndex, policy: CompiledNetworkPolicy): readonly PodClass[] {
  // the label index may hand classes over in another order
  return [...selectInNamespace(policy.podSelector, policy.namespace, index)].sort((a, b) => a.id - b.id);
}

/** The rules of the directions a policy isolates, with their direction. */
export function rulesOf(
  policy: CompiledNetworkPolicy,
): { readonly direction: Direction; readonly rule: CompiledRule }[] {
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    (policy[direction] ?? []).map((rule) => ({ direction, rule })),
  );
}

/** A selector over the policy's own namespace that selects no pod of the input. */
export interface UnmatchedSelector {
  /** `spec.podSelector`, or a peer's podSelector (`spec.ingress[0].from[1].podSelector`). */
  readonly path: string;
  /** Undefined for `spec.podSelector`. */
  readonly direction?: Direction;
}

/**
 * `spec.podSelector`, and the peer podSelectors without a namespaceSelector (pods of the
 * policy's own namespace), that select no pod of the input. Empty selectors always match;
 * a namespace with no pod in the input says nothing (the policies were read without their
 * workloads). Peers with a namespaceSelector are not judged: their namespaces are often
 * not in the input.
 */
export function unmatchedSelectors(
  analysis: PolicySelection,
  policy: CompiledNetworkPolicy,
): UnmatchedSelector[] {
  const index = analysis.index;
  if (index.inNamespace(policy.namespace).length === 0) return [];
  const out: UnmatchedSelector[] = [];
  if (!policy.podSelector.matchesAll && selectedClasses(analysis.index, policy).length === 0)
    out.push({ path: 'spec.podSelector' });
  for (const { direction, rule } of rulesOf(policy)) {
    for (const peer of rule.peers ?? []) {
      if (peer.kind !== 'pods' || peer.namespaceSelector !== undefined || peer.podSelector === undefined)
        continue;
      if (peer.podSelector.matchesAll) continue;
      if (selectInNamespace(peer.podSelector, policy.namespace, index).length > 0) continue;
      out.push({ path: `${peer.path}.podSelector`, direction });
    }
  }
  return out;
}

const WHOLE_FAMILIES = [IpSet.of('v4', [UNIVERSE.v4]), IpSet.of('v6', [UNIVERSE.v6])];

/**
 * True when an ipBlock's `cidr` is a whole address family, `0.0.0.0/0` or `::/0`: the internet,
 * whatever its `except` entries carve out (they name private ranges, not the rest of the world).
 */
export function isWholeFamily(peer: IpBlockPeer): boolean {
  const cidr = IpSet.fromCidr(peer.cidr);
  return cidr !== undefined && WHOLE_FAMILIES.some((f) => cidr.contains(f));
}

/** The first of `addresses` an ipBlock admits (its `except` entries subtracted), or undefined. */
export function firstAdmittedAddress(peer: IpBlockPeer, addresses: readonly string[]): string | undefined {
  return addresses.find((a) => {
    const ip = IpSet.fromAddress(a);
    return ip !== undefined && peer.ips.contains(ip);
  });
}

/** True when a rule's ports admit `protocol`/`port` towards an address (named ports never do). */
export function admitsOnAddress(rule: CompiledRule, protocol: Protocol, port: number): boolean {
  return rule.ports.numeric.allows(protocol, port);
}

/**
 * How an ingress rule admits sources from anywhere: every source (no `from`), every pod of
 * every namespace (`namespaceSelector: {}` without a narrowing podSelector), or a whole
 * address family (`0.0.0.0/0`, `::/0`). Undefined when it does not.
 */
export function openToAnywhere(rule: CompiledRule): string | undefined {
  if (rule.peers === undefined) return 'every source (the rule has no "from")';
  for (const peer of rule.peers) {
    if (peer.kind === 'ipBlock' && isWholeFamily(peer)) return `ipBlock ${peer.text}`;
    if (peer.kind === 'pods' && peer.representative.entireCluster)
      return 'every pod of every namespace (namespaceSelector: {})';
  }
  return undefined;
}

/** The container ports of a class that a rule lets in (named ports resolved on the class). */
export function admittedContainerPorts(rule: CompiledRule, cls: PodClass): ContainerPort[] {
  const allowed = resolvePorts(rule.ports, cls.ports);
  return cls.ports.filter((p) => {
    const protocol = p.protocol || 'TCP';
    return isProtocol(protocol) && allowed.allows(protocol, p.containerPort);
  });
}

/** A named port of a rule that the destination pods do not define. */
export interface NamedPortGap {
  readonly direction: Direction;
  /** The port entry, `spec.ingress[0].ports[1]`. */
  readonly path: string;
  readonly name: string;
  readonly protocol: Protocol;
  /** The same name with another protocol on some destination pod (`SCTP`), when there is one. */
  readonly otherProtocols: readonly string[];
  /** The destinations are ipBlock addresses only: a name cannot be resolved there. */
  readonly ipOnly: boolean;
}

/**
 * Named ports of a policy's rules that no destination pod defines with that name and
 * protocol (reference/netpol.md §1.6: resolved on the destination pod, by name and
 * protocol). Destinations: for ingress the pods the policy selects; for egress the pods the
 * rule's peers admit (every pod without `to`). No destination pod in the input says nothing.
 */
export function namedPortGaps(analysis: PolicySelection, policy: CompiledNetworkPolicy): NamedPortGap[] {
  const out: NamedPortGap[] = [];
  for (const { direction, rule } of rulesOf(policy)) {
    if (rule.ports.named.length === 0) continue;
    const ipOnly = rule.peers !== undefined && rule.peers.every((p) => p.kind === 'ipBlock');
    const destinations = ipOnly ? [] : destinationClasses(analysis, policy, direction, rule);
    if (!ipOnly && destinations.length === 0) continue;
    rule.ports.named.forEach((named) => {
      const defined = destinations.some((c) =>
        c.ports.some((p) => p.name === named.name && (p.protocol || 'TCP') === named.protocol),
      );
      if (defined) return;
      const otherProtocols = [
        ...new Set(
          destinations.flatMap((c) =>
            c.ports.filter((p) => p.name === named.name).map((p) => p.protocol || 'TCP'),
          ),
        ),
      ];
      out.push({
        direction,
        path: named.path ?? `${rule.path}.ports`,
        name: named.name,
        protocol: named.protocol,
        otherProtocols,
        ipOnly,
      });
    });
  }
  return out;
}

/** Per selection, the classes of each pods peer by its representative: one DNS peer written in every policy is matched once. */
const peerSelections = new WeakMap<PolicySelection, Map<string, readonly PodClass[]>>();

function destinationClasses(
  analysis: PolicySelection,
  policy: CompiledNetworkPolicy,
  direction: Direction,
  rule: CompiledRule,
): readonly PodClass[] {
  if (direction === 'ingress') return selectedClasses(analysis.index, policy);
  let selections = peerSelections.get(analysis);
  if (selections === undefined)
    peerSelections.set(analysis, (selections = new Map<string, readonly PodClass[]>()));
  const match = matchRulePeers(rule, policy.namespace, analysis.index, selections);
  if (match.classes === 'all') return analysis.index.classes;
  return [...match.classes].sort((a, b) => a - b).map((id) => analysis.index.classes[id]!);
}

/** The hostNetwork pod classes a policy selects (most plugins do not enforce policies on them). */
export function selectedHostNetworkClasses(
  index: PodClassIndex,
  policy: CompiledNetworkPolicy,
): readonly PodClass[] {
  return selectedClasses(index, policy).filter((c) => c.hostNetwork);
}

/** The ipBlock peers of a policy's rules, with the rule's direction. */
export function ipBlockPeers(
  policy: CompiledNetworkPolicy,
): { readonly direction: Direction; readonly rule: CompiledRule; readonly peer: IpBlockPeer }[] {
  return rulesOf(policy).flatMap(({ direction, rule }) =>
    (rule.peers ?? []).flatMap((peer) => (peer.kind === 'ipBlock' ? [{ direction, rule, peer }] : [])),
  );
}

/** The CIDRs of `cidrs` (the cluster's pod and node ranges) an ipBlock admits addresses of, its `except` subtracted. */
export function overlappedCidrs(peer: IpBlockPeer, cidrs: readonly string[]): string[] {
  return cidrs.filter((c) => {
    const block = IpSet.fromCidr(c);
    return block !== undefined && peer.ips.overlaps(block);
  });
}
