/**
 * Which pods and addresses the peers of one rule admit.
 *
 * Semantics (k8s.io/api networking/v1 `NetworkPolicyPeer`; concept page "Behavior of to
 * and from selectors"; reference/netpol.md §1.3–1.5):
 *  - no peers (`from`/`to` empty or missing): every pod of every namespace **and** every
 *    address outside the cluster — strictly more than `namespaceSelector: {}`;
 *  - `podSelector` alone: pods of the **policy's** namespace; `namespaceSelector` alone:
 *    every pod of the selected namespaces (no external addresses); both in one peer: pods
 *    matching the podSelector inside the selected namespaces (AND); separate peers are ORed;
 *  - namespaces are selected by their labels only, `kubernetes.io/metadata.name` included;
 *  - `ipBlock`: the addresses of `cidr` minus `except`; it also matches a pod whose IP
 *    is inside (upstream e2e "should allow egress access to server in CIDR block";
 *    netpol-analyzer and Cilium do not — reference/netpol.md §1.5).
 */
import { selectorMatches, type CompiledSelector } from '../k8s/selector.js';
import { IpSet } from './ipSet.js';
import type { CompiledPeer, CompiledRule } from './networkPolicy.js';
import type { PodClass, PodClassIndex } from './podClasses.js';
import type { Representative } from './representatives.js';

export interface PeerMatch {
  /** Pod classes admitted, or `all` for every pod. */
  readonly classes: ReadonlySet<number> | 'all';
  /** Addresses admitted (external space and, for ipBlocks, pod IPs). */
  readonly ips: IpSet;
  /** The pods peers as representatives (exposure analysis), with whether some input workload matches each. */
  readonly representatives: readonly { readonly representative: Representative; readonly matched: boolean }[];
  /** True when every pod of every namespace is admitted, including pods not in the input. */
  readonly entireCluster: boolean;
}

export const EVERY_PEER: PeerMatch = {
  classes: 'all',
  ips: IpSet.all,
  representatives: [],
  entireCluster: true,
};

/**
 * Matches every peer of a rule once (the caller caches per rule). `selections` caches the
 * classes of a pods peer by its representative — the same namespaces and pod selectors
 * written in many policies (a DNS rule in every namespace) are matched once.
 */
export function matchRulePeers(
  rule: CompiledRule,
  policyNamespace: string,
  index: PodClassIndex,
  selections: Map<string, readonly PodClass[]> = new Map(),
): PeerMatch {
  if (rule.peers === undefined) return EVERY_PEER;
  const classes = new Set<number>();
  let ips = IpSet.none;
  const representatives: PeerMatch['representatives'][number][] = [];
  for (const peer of rule.peers) {
    if (peer.kind === 'ipBlock') {
      ips = ips.union(peer.ips);
      for (const cls of ipMatchedClasses(peer, index)) classes.add(cls.id);
    } else {
      let matched = selections.get(peer.representative.text);
      if (matched === undefined) {
        matched = podPeerClasses(peer, policyNamespace, index);
        selections.set(peer.representative.text, matched);
      }
      for (const cls of matched) classes.add(cls.id);
      representatives.push({ representative: peer.representative, matched: matched.length > 0 });
    }
  }
  return {
    classes,
    ips,
    representatives,
    entireCluster: representatives.some((r) => r.representative.entireCluster),
  };
}

/** Classes whose (relevant) pod IPs fall inside an ipBlock peer. */
export function ipMatchedClasses(
  peer: Extract<CompiledPeer, { kind: 'ipBlock' }>,
  index: PodClassIndex,
): PodClass[] {
  return index.withIps.filter((c) => c.ips!.overlaps(peer.ips));
}

function podPeerClasses(
  peer: Extract<CompiledPeer, { kind: 'pods' }>,
  policyNamespace: string,
  index: PodClassIndex,
): PodClass[] {
  const namespaces =
    peer.namespaceSelector === undefined
      ? [policyNamespace]
      : [...index.namespaces]
          .filter(([, labels]) => selectorMatches(peer.namespaceSelector!, labels))
          .map(([n]) => n);
  const out: PodClass[] = [];
  for (const ns of namespaces) out.push(...selectInNamespace(peer.podSelector, ns, index));
  return out;
}

/** The classes of `namespace` a pod selector selects (absent selector: all of them), narrowed through the label index. */
export function selectInNamespace(
  selector: CompiledSelector | undefined,
  namespace: string,
  index: PodClassIndex,
): readonly PodClass[] {
  if (selector === undefined || selector.matchesAll) return index.inNamespace(namespace);
  if (selector.matchesNone) return [];
  let candidates = index.inNamespace(namespace);
  for (const req of selector.requirements) {
    if (req.op !== 'In') continue;
    const narrowed = [...req.values].flatMap((v) => index.withLabel(namespace, req.key, v));
    if (narrowed.length < candidates.length) candidates = narrowed;
  }
  return candidates.filter((c) => selectorMatches(selector, c.labels));
}

/**
 * The index of the first peer of a rule that admits a pod class or an address (the one
 * an explanation names), or undefined. Same semantics as `matchRulePeers`, for one end.
 */
export function admittingPeer(
  rule: CompiledRule,
  policyNamespace: string,
  index: PodClassIndex,
  end:
    | { readonly cls: PodClass }
    | { readonly address: { readonly family: 'v4' | 'v6'; readonly start: bigint } },
): number | undefined {
  const peers = rule.peers ?? [];
  for (let j = 0; j < peers.length; j++) {
    const peer = peers[j]!;
    if ('address' in end) {
      if (peer.kind === 'ipBlock' && peer.ips.has(end.address.family, end.address.start)) return j;
      continue;
    }
    const cls = end.cls;
    if (peer.kind === 'ipBlock') {
      if (cls.ips !== undefined && cls.ips.overlaps(peer.ips)) return j;
      continue;
    }
    const inNamespace =
      peer.namespaceSelector === undefined
        ? cls.namespace === policyNamespace
        : selectorMatches(peer.namespaceSelector, index.namespaces.get(cls.namespace) ?? {});
    if (inNamespace && (peer.podSelector === undefined || selectorMatches(peer.podSelector, cls.labels)))
      return j;
  }
  return undefined;
}
