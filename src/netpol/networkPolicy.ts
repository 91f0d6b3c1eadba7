/**
 * NetworkPolicy objects read into the form reachability needs, with the API server's
 * defaulting applied and its validation checked. A policy that fails validation would be
 * rejected by the API server and never exist in a cluster, so it is left out of the
 * analysis and reported as an error naming it and the field (netpol-analyzer rejects the
 * whole input instead; `invalid-inputs` in the shared cases). The other policies are
 * analysed as usual.
 *
 * Semantics (k8s.io/api networking/v1 types.go field docs; reference/netpol.md §1.1–1.6):
 *  - `spec.podSelector` missing is the empty selector: every pod of the policy's namespace;
 *  - `policyTypes` missing or empty: [Ingress], plus Egress when there is at least one
 *    egress rule (`SetDefaults_NetworkPolicy`, pkg/apis/networking/v1/defaults.go); when
 *    given, rules of an unlisted direction are ignored;
 *  - an isolated direction with no rules allows nothing ("serves solely to ensure that the
 *    pods it selects are isolated by default");
 *  - `from`/`to` empty or missing: every peer (pods, nodes, external addresses);
 *  - a peer with no field, or with an ipBlock and a selector, is invalid (`ValidateNetworkPolicyPeer`);
 *  - `ipBlock.except` entries must be strict subsets of `cidr` (`ValidateIPBlock`);
 *  - `endPort` only with a numeric `port`, and `endPort >= port` (`ValidateNetworkPolicyPort`).
 * Objects are read as decoded from YAML/JSON (the wire form); an ingress rule's `_from`,
 * the name @kubernetes/client-node's deserialised `V1NetworkPolicyIngressRule` uses for
 * `from`, is read too.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { compileLabelSelector, type CompiledSelector } from '../k8s/selector.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';
import { ConnectionSet, isProtocol, MAX_PORT, MIN_PORT } from './connectionSet.js';
import { IpSet } from './ipSet.js';
import { portNameProblem, selectorSyntaxProblems } from './labelSyntax.js';
import type { PolicyProblem } from './model.js';
import { ALL_PORTS, type NamedPort, type PortSpec } from './ports.js';
import { representativeOf, type Representative } from './representatives.js';

export type Direction = 'ingress' | 'egress';

export type CompiledPeer =
  | {
      readonly kind: 'pods';
      readonly path: string;
      /** Absent: the policy's own namespace. */
      readonly namespaceSelector?: CompiledSelector;
      /** Absent: every pod of the selected namespaces. */
      readonly podSelector?: CompiledSelector;
      /** What the peer stands for beyond the input's workloads (exposure analysis). */
      readonly representative: Representative;
    }
  | {
      readonly kind: 'ipBlock';
      readonly path: string;
      /** `cidr` minus the `except` entries. */
      readonly ips: IpSet;
      /** `cidr except a, b` as written. */
      readonly text: string;
      /** `cidr` as written. */
      readonly cidr: string;
    };

export interface CompiledRule {
  /** 1-based, as netpol-analyzer's explanations number rules. */
  readonly number: number;
  readonly path: string;
  /** Undefined when `from`/`to` is empty or missing: every peer. */
  readonly peers?: readonly CompiledPeer[];
  readonly ports: PortSpec;
}

export interface CompiledNetworkPolicy {
  /** Position of the object in the compiled list (tells apart two objects of one name). */
  readonly index: number;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: CompiledSelector;
  /** The rules of each isolated direction; undefined when the policy does not isolate it. */
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
  /** True when `policyTypes` was missing or empty and the server's defaulting decided. */
  readonly typesDefaulted: boolean;
}

export interface CompiledPolicies {
  readonly policies: readonly CompiledNetworkPolicy[];
  readonly problems: readonly PolicyProblem[];
}

/** Reads every policy; invalid or duplicate ones are left out and reported. */
export function compileNetworkPolicies(objects: readonly V1NetworkPolicy[]): CompiledPolicies {
  const policies: CompiledNetworkPolicy[] = [];
  const problems: PolicyProblem[] = [];
  const seen = new Map<string, number>();
  for (const [index, object] of objects.entries()) {
    const meta = asRecord((object as JsonRecord).metadata);
    const namespace = asString(meta?.namespace) || 'default';
    const name = asString(meta?.name) ?? '';
    const errors: { path: string; message: string; duplicateOf?: number }[] = [];
    const warnings: { path: string; message: string }[] = [];
    const key = `${namespace}/${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: 'metadata.name',
        message: `NetworkPolicy "${key}" is defined more than once`,
        duplicateOf: first,
      });
    }
    const compiled = compileOne(
      index,
      asRecord((object as JsonRecord).spec) ?? {},
      namespace,
      name,
      errors,
      warnings,
    );
    const report =
      (severity: 'error' | 'warning') => (p: { path: string; message: string; duplicateOf?: number }) =>
        problems.push({ severity, kind: 'NetworkPolicy', namespace, name, index, ...p });
    errors.forEach(report('error'));
    warnings.forEach(report('warning'));
    if (errors.length > 0) continue;
    // an object the API server rejects never existed: a later one of the name is no duplicate
    seen.set(key, index);
    policies.push(compiled);
  }
  return { policies, problems };
}

type Sink = { path: string; message: string }[];

function compileOne(
  index: number,
  spec: JsonRecord,
  namespace: string,
  name: string,
  errors: Sink,
  warnings: Sink,
) {
  const podSelector = selectorAt(spec.podSelector ?? {}, 'spec.podSelector', errors);
  const types = asArray(spec.policyTypes);
  if (types.length > 2)
    errors.push({ path: 'spec.policyTypes', message: 'at most two policyTypes may be given' });
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      errors.push({
        path: `spec.policyTypes[${i}]`,
        message: `policyType must be Ingress or Egress, not ${JSON.stringify(t)}`,
      });
    }
  });
  const typesDefaulted = types.length === 0;
  const ingressOn = typesDefaulted || types.includes('Ingress');
  const egressOn = typesDefaulted ? asArray(spec.egress).length > 0 : types.includes('Egress');
  const ingress = rulesOf(spec.ingress, 'ingress', namespace, errors, warnings);
  const egress = rulesOf(spec.egress, 'egress', namespace, errors, warnings);
  return {
    index,
    namespace,
    name,
    podSelector,
    typesDefaulted,
    ...(ingressOn ? { ingress } : {}),
    ...(egressOn ? { egress } : {}),
  } satisfies CompiledNetworkPolicy;
}

function selectorAt(raw: unknown, path: string, errors: Sink): CompiledSelector {
  const compiled = compileLabelSelector(raw);
  if (compiled.error !== undefined) errors.push({ path, message: `selector error: ${compiled.error}` });
  for (const message of selectorSyntaxProblems(raw))
    errors.push({ path, message: `selector error: ${message}` });
  return compiled;
}

function rulesOf(
  raw: unknown,
  direction: Direction,
  namespace: string,
  errors: Sink,
  warnings: Sink,
): CompiledRule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return asArray(raw).map((r, i) => {
    const rule = asRecord(r) ?? {};
    const path = `spec.${direction}[${i}]`;
    // Decoded manifests say `from`; @kubernetes/client-node's deserialised models say `_from`.
    const peerList = asArray(rule[peersKey] ?? (peersKey === 'from' ? rule._from : undefined));
    const peers = peerList.map((p, j) => peerOf(p, `${path}.${peersKey}[${j}]`, namespace, errors));
    const ports = portsOf(rule.ports, `${path}.ports`, errors);
    if (
      direction === 'egress' &&
      ports.named.length > 0 &&
      peers.length > 0 &&
      peers.every((p) => p.kind === 'ipBlock')
    ) {
      warnings.push({
        path: `${path}.ports`,
        message:
          'named port error: a named port cannot be resolved for an ipBlock destination; it allows no traffic there',
      });
    }
    return { number: i + 1, path, ...(peerList.length > 0 ? { peers } : {}), ports };
  });
}

function peerOf(raw: unknown, path: string, namespace: string, errors: Sink): CompiledPeer {
  const peer = asRecord(raw) ?? {};
  const hasPods = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNamespaces = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  const block = asRecord(peer.ipBlock);
  if (block !== undefined) {
    if (hasPods || hasNamespaces) {
      errors.push({
        path,
        message: 'rule NetworkPolicyPeer error: may not specify both ipBlock and another peer',
      });
    }
    return ipBlockOf(block, `${path}.ipBlock`, errors);
  }
  if (!hasPods && !hasNamespaces) {
    errors.push({
      path,
      message:
        'rule NetworkPolicyPeer error: must specify a peer (podSelector, namespaceSelector or ipBlock)',
    });
  }
  return {
    kind: 'pods',
    path,
    representative: representativeOf(
      hasNamespaces ? peer.namespaceSelector : undefined,
      hasPods ? peer.podSelector : undefined,
      namespace,
    ),
    ...(hasNamespaces
      ? { namespaceSelector: selectorAt(peer.namespaceSelector, `${path}.namespaceSelector`, errors) }
      : {}),
    ...(hasPods ? { podSelector: selectorAt(peer.podSelector, `${path}.podSelector`, errors) } : {}),
  };
}

function ipBlockOf(block: JsonRecord, path: string, errors: Sink): CompiledPeer {
  const cidrText = asString(block.cidr) ?? '';
  const cidr = IpSet.fromCidr(cidrText);
  if (cidr === undefined) {
    errors.push({ path: `${path}.cidr`, message: `CIDR error: invalid CIDR address "${cidrText}"` });
    return { kind: 'ipBlock', path, ips: IpSet.none, text: cidrText, cidr: cidrText };
  }
  let ips = cidr;
  const excepts: string[] = [];
  asArray(block.except).forEach((e, i) => {
    const text = typeof e === 'string' ? e : String(e);
    const except = IpSet.fromCidr(text);
    if (except === undefined) {
      errors.push({ path: `${path}.except[${i}]`, message: `CIDR error: invalid CIDR address "${text}"` });
    } else if (!cidr.contains(except) || except.contains(cidr)) {
      errors.push({
        path: `${path}.except[${i}]`,
        message: `except "${text}" must be a strict subset of cidr "${cidrText}"`,
      });
    } else {
      ips = ips.subtract(except);
      excepts.push(text);
    }
  });
  const text = excepts.length > 0 ? `${cidrText} except ${excepts.join(', ')}` : cidrText;
  return { kind: 'ipBlock', path, ips, text, cidr: cidrText };
}

function portsOf(raw: unknown, path: string, errors: Sink): PortSpec {
  const list = asArray(raw);
  if (list.length === 0) return ALL_PORTS;
  let numeric = ConnectionSet.none;
  const named: NamedPort[] = [];
  list.forEach((p, i) => {
    const entry = isRecord(p) ? p : {};
    const at = `${path}[${i}]`;
    const protocol = entry.protocol ?? 'TCP';
    if (!isProtocol(protocol)) {
      errors.push({
        path: `${at}.protocol`,
        message: `protocol must be TCP, UDP or SCTP, not ${JSON.stringify(protocol)}`,
      });
      return;
    }
    const port = entry.port;
    const endPort = entry.endPort;
    if (typeof port === 'string') {
      const problem = portNameProblem(port);
      if (problem !== undefined) errors.push({ path: `${at}.port`, message: problem });
      if (endPort !== undefined && endPort !== null) {
        errors.push({
          path: `${at}.endPort`,
          message: 'endPort may not be specified when port is non-numeric (a named port)',
        });
      }
      named.push({ protocol, name: port, path: at });
      return;
    }
    if (port === undefined || port === null) {
      if (endPort !== undefined && endPort !== null) {
        errors.push({
          path: `${at}.endPort`,
          message: 'endPort may not be specified when port is not specified',
        });
      }
      numeric = numeric.union(ConnectionSet.allOf(protocol));
      return;
    }
    if (typeof port !== 'number' || !Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
      errors.push({
        path: `${at}.port`,
        message: `port must be between ${MIN_PORT} and ${MAX_PORT}, not ${JSON.stringify(port)}`,
      });
      return;
    }
    let last = port;
    if (endPort !== undefined && endPort !== null) {
      if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < port || endPort > MAX_PORT) {
        errors.push({
          path: `${at}.endPort`,
          message: `port range ${port}-${JSON.stringify(endPort)} is not legal: endPort must be between port and ${MAX_PORT}`,
        });
        return;
      }
      last = endPort;
    }
    numeric = numeric.union(ConnectionSet.range(protocol, port, last));
  });
  return { numeric, named };
}
