/**
 * The ports of a rule, before and after the destination is known.
 *
 * Semantics (k8s.io/api networking/v1 `NetworkPolicyPort`; reference/netpol.md §1.6):
 *  - `ports` empty or missing: every port of every protocol;
 *  - `protocol` defaults to TCP (`SetDefaults_NetworkPolicyPort`), so `ports: [{}]` is
 *    every TCP port, not all traffic;
 *  - `port` missing: every port of that protocol; `endPort` makes `port..endPort` inclusive;
 *  - a named port resolves against the **destination pod's** container ports, by name
 *    and protocol: the first container port of that name, and only when its protocol is
 *    the rule's (upstream `netpol_named_port_test`: `newport`/UDP against a container
 *    port `newport`/SCTP does not match; netpol-analyzer `ConvertPodNamedPort`);
 *  - a named port cannot be resolved for an IP destination: it admits no external traffic.
 */
import { ConnectionSet, type Protocol } from './connectionSet.js';
import type { ContainerPort } from './model.js';

export interface NamedPort {
  readonly protocol: Protocol;
  readonly name: string;
  /** Where the entry is in its policy (`spec.ingress[0].ports[1]`), for messages. */
  readonly path?: string;
}

export interface PortSpec {
  /** Numeric ports (and whole protocols) the rule allows. */
  readonly numeric: ConnectionSet;
  /** Named ports, resolved per destination pod. */
  readonly named: readonly NamedPort[];
}

export const ALL_PORTS: PortSpec = { numeric: ConnectionSet.all, named: [] };

/** The connections a rule's ports allow towards a pod with these container ports. */
export function resolvePorts(spec: PortSpec, containerPorts: readonly ContainerPort[]): ConnectionSet {
  let out = spec.numeric;
  for (const named of spec.named) {
    const port = containerPorts.find((p) => p.name === named.name);
    if (port !== undefined && (port.protocol || 'TCP') === named.protocol) {
      out = out.union(ConnectionSet.range(named.protocol, port.containerPort));
    }
  }
  return out;
}

/** A stable key of the named ports a workload defines, for grouping pods whose named ports resolve alike. */
export function namedPortsKey(containerPorts: readonly ContainerPort[]): string {
  if (!containerPorts.some((p) => p.name !== undefined && p.name !== '')) return '';
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const p of containerPorts) {
    if (p.name === undefined || p.name === '' || seen.has(p.name)) continue;
    seen.add(p.name);
    parts.push(`${p.name}=${p.protocol || 'TCP'}/${p.containerPort}`);
  }
  return parts.sort().join(',');
}
