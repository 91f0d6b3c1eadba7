/**
 * One connection question: what may flow from one endpoint to another. Endpoints are
 * workloads of the input, addresses outside the cluster, or the pod's own node.
 *
 * Traffic between a pod and its own node is always allowed, whatever the policies
 * (API doc of `NetworkPolicySpec.ingress`: "OR if the traffic source is the pod's local
 * node"; concept page: "traffic to and from the node where a Pod is running is always
 * allowed"), which is why kubelet probes need no rule. Other nodes are ordinary
 * addresses, selectable only by ipBlock.
 */
import type { NetpolAnalysis } from './analyze.js';
import { ConnectionSet } from './connectionSet.js';
import { IpSet, type IpRange } from './ipSet.js';
import type { WorkloadRef } from './model.js';
import type { PodClass } from './podClasses.js';

export type Endpoint =
  | { readonly workload: Pick<WorkloadRef, 'namespace' | 'name'> & Partial<Pick<WorkloadRef, 'kind'>> }
  | { readonly address: string }
  | { readonly ownNode: true };

export type QueryResult = { readonly conns: ConnectionSet } | { readonly error: string };

export function connectionsBetween(analysis: NetpolAnalysis, src: Endpoint, dst: Endpoint): QueryResult {
  const from = resolve(analysis, src);
  const to = resolve(analysis, dst);
  if ('error' in from) return from;
  if ('error' in to) return to;
  const r = analysis.reachability;
  if (from.kind === 'node' || to.kind === 'node') {
    return from.kind === 'node' && to.kind === 'node'
      ? { error: 'one side must be a workload' }
      : { conns: ConnectionSet.all };
  }
  if (from.kind === 'range') {
    return to.kind === 'class'
      ? { conns: r.ingressFromRange(to.cls, from.range) }
      : { error: 'one side must be a workload' };
  }
  if (to.kind === 'range') return { conns: r.egressToRange(from.cls, to.range) };
  return { conns: r.between(from.cls, to.cls) };
}

type Resolved =
  | { readonly kind: 'class'; readonly cls: PodClass }
  | { readonly kind: 'range'; readonly range: IpRange }
  | { readonly kind: 'node' };

function resolve(analysis: NetpolAnalysis, endpoint: Endpoint): Resolved | { error: string } {
  if ('ownNode' in endpoint) return { kind: 'node' };
  if ('address' in endpoint) {
    const range = IpSet.fromAddress(endpoint.address)?.ranges()[0];
    return range !== undefined
      ? { kind: 'range', range }
      : { error: `"${endpoint.address}" is not an IP address` };
  }
  const { namespace, name, kind } = endpoint.workload;
  const i = analysis.input.workloads.findIndex(
    (w) =>
      w.ref.namespace === namespace && w.ref.name === name && (kind === undefined || w.ref.kind === kind),
  );
  if (i < 0)
    return { error: `no workload ${namespace}/${name}${kind !== undefined ? `[${kind}]` : ''} in the input` };
  return { kind: 'class', cls: analysis.index.classes[analysis.index.classOf[i]!]! };
}
