/**
 * A NetworkPolicy read once into the shape its semantics need: the selected pods,
 * the directions it isolates after the API server's defaulting, and its rules with
 * their peers and ports — each with the absolute field path it came from.
 *
 * Semantics (k8s.io/api networking/v1 types.go field docs; reference/netpol.md §1):
 *  - a missing `spec.podSelector` is the empty selector: every pod of the namespace;
 *  - `policyTypes` missing or empty defaults to [Ingress], plus Egress when the policy
 *    has at least one egress rule (`SetDefaults_NetworkPolicy`, pkg/apis/networking/v1/defaults.go);
 *  - a rule whose `from`/`to` is missing or empty admits every peer (pods, nodes, external IPs);
 *    whose `ports` is missing or empty admits every port and protocol;
 *  - a port's protocol defaults to TCP (`SetDefaults_NetworkPolicyPort`); `port` missing
 *    means every port of that protocol; `endPort` extends a numeric port to a range.
 * Only `networking.k8s.io` (and the legacy `extensions/v1beta1`) policies are Kubernetes
 * NetworkPolicies: Calico's and Cilium's CRDs share the kind name but not the schema.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { KeptObject } from '../../../model/clusterModel.js';
import { compileLabelSelector, type CompiledSelector } from '../../../k8s/selector.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../../../k8s/shape.js';

export type Direction = 'ingress' | 'egress';

export interface PolicyTypes {
  readonly ingress: boolean;
  readonly egress: boolean;
  /** True when `policyTypes` was missing or empty and the server's defaulting decided. */
  readonly defaulted: boolean;
}

export interface PolicyPeer {
  readonly path: FieldPath;
  /** Present when the peer has a `podSelector` (relative to the policy's namespace unless a namespaceSelector is set). */
  readonly podSelector?: CompiledSelector;
  readonly namespaceSelector?: CompiledSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except: readonly string[] };
}

export interface PolicyPort {
  /** `TCP` unless the entry says otherwise. */
  readonly protocol: string;
  /** A number, a named port, or undefined for every port of the protocol. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface PolicyRule {
  /** `spec.ingress[i]` or `spec.egress[i]`. */
  readonly path: FieldPath;
  /** The peers, or undefined when `from`/`to` is missing or empty: every source or destination. */
  readonly peers?: readonly PolicyPeer[];
  /** The ports, or undefined when `ports` is missing or empty: every port and protocol. */
  readonly ports?: readonly PolicyPort[];
}

export interface CompiledNetworkPolicy {
  readonly resource: KeptObject;
  readonly namespace: string;
  readonly podSelector: CompiledSelector;
  readonly types: PolicyTypes;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

const NETWORK_POLICY_API = /^(?:networking\.k8s\.io\/[^/]+|extensions\/v1beta1)$/;

/** True for a Kubernetes NetworkPolicy (not a CNI's CRD of the same kind name). */
export function isKubernetesNetworkPolicy(resource: Pick<KeptObject, 'ref'>): boolean {
  return resource.ref.kind === 'NetworkPolicy' && NETWORK_POLICY_API.test(resource.ref.apiVersion);
}

/** The directions a policy isolates, after `SetDefaults_NetworkPolicy`. */
export function effectivePolicyTypes(spec: JsonRecord): PolicyTypes {
  const listed = spec.policyTypes;
  if (Array.isArray(listed) && listed.length > 0) {
    return { ingress: listed.includes('Ingress'), egress: listed.includes('Egress'), defaulted: false };
  }
  return { ingress: true, egress: asArray(spec.egress).length > 0, defaulted: true };
}

/** Reads a NetworkPolicy; `namespace` is where it lives (the default namespace for objects without one). */
export function compileNetworkPolicy(resource: KeptObject, namespace: string): CompiledNetworkPolicy {
  const spec = asRecord(resource.object.spec) ?? {};
  // `podSelector` is not omitempty in the Go type: absent decodes to the empty selector.
  const rawSelector = spec.podSelector ?? {};
  return {
    resource,
    namespace,
    podSelector: compileLabelSelector(rawSelector),
    types: effectivePolicyTypes(spec),
    ingress: rulesOf(spec.ingress, ['spec', 'ingress'], 'from'),
    egress: rulesOf(spec.egress, ['spec', 'egress'], 'to'),
  };
}

function rulesOf(value: unknown, base: FieldPath, peersKey: 'from' | 'to'): PolicyRule[] {
  const out: PolicyRule[] = [];
  asArray(value).forEach((raw, i) => {
    const rule = asRecord(raw);
    if (rule === undefined) return;
    const path = [...base, i];
    const peerList = asArray(rule[peersKey]);
    const portList = asArray(rule.ports);
    const peers: PolicyPeer[] = [];
    peerList.forEach((p, j) => {
      const peer = asRecord(p);
      if (peer !== undefined) peers.push(peerOf(peer, [...path, peersKey, j]));
    });
    const ports: PolicyPort[] = [];
    for (const p of portList) {
      const port = asRecord(p);
      if (port !== undefined) ports.push(portOf(port));
    }
    out.push({
      path,
      ...(peerList.length > 0 ? { peers } : {}),
      ...(portList.length > 0 ? { ports } : {}),
    });
  });
  return out;
}

function peerOf(peer: JsonRecord, path: FieldPath): PolicyPeer {
  const ipBlock = asRecord(peer.ipBlock);
  const cidr = asString(ipBlock?.cidr);
  return {
    path,
    ...(isRecord(peer.podSelector) ? { podSelector: compileLabelSelector(peer.podSelector) } : {}),
    ...(isRecord(peer.namespaceSelector)
      ? { namespaceSelector: compileLabelSelector(peer.namespaceSelector) }
      : {}),
    ...(cidr !== undefined
      ? {
          ipBlock: {
            cidr,
            except: asArray(ipBlock?.except).filter((e): e is string => typeof e === 'string'),
          },
        }
      : {}),
  };
}

function portOf(port: JsonRecord): PolicyPort {
  const p = port.port;
  const endPort = port.endPort;
  return {
    protocol: asString(port.protocol) ?? 'TCP',
    ...(typeof p === 'number' || typeof p === 'string' ? { port: p } : {}),
    ...(typeof endPort === 'number' ? { endPort } : {}),
  };
}

/**
 * True when a rule's ports admit `protocol`/`port` towards a destination that is not
 * a pod (an ipBlock address): named ports resolve against the destination pod's
 * container ports, so they admit nothing there (reference/netpol.md §1.6).
 */
export function portsAdmit(
  ports: readonly PolicyPort[] | undefined,
  protocol: string,
  port: number,
): boolean {
  if (ports === undefined) return true;
  return ports.some((p) => {
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port !== 'number') return false;
    const last = p.endPort !== undefined && p.endPort >= p.port ? p.endPort : p.port;
    return port >= p.port && port <= last;
  });
}

/** True when the policy isolates `direction` and allows nothing in it: a deny for the pods it selects. */
export function deniesAll(policy: CompiledNetworkPolicy, direction: Direction): boolean {
  return policy.types[direction] && policy[direction].length === 0;
}
