/**
 * Entry points (DESIGN.md "Entry point"): workloads reachable from outside the cluster, each
 * behind the endpoint that exposes it —
 *  - a Service of type LoadBalancer or NodePort, or with externalIPs: the workloads it selects;
 *  - an Ingress, or a Gateway API route attached to at least one Gateway: the workloads behind
 *    each backend Service;
 *  - a pod with hostNetwork or a hostPort: the workload itself, on the node's address.
 * Read from the model's summaries (the policy rules read the same objects whole,
 * `policy/rules/exposure/entryPoints.ts`); which workloads a Service selects is the model
 * index's answer, as there.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { runsPods } from '../k8s/namespacePods.js';
import { formatFieldPath } from '../k8s/fieldPath.js';
import { whereText } from './evidence.js';
import type { Asset, Evidence } from './types.js';

export interface EntryPoint {
  /** The exposing object: `{kind: "Service", …}`, `{kind: "Ingress", …}`, `{kind: "HostNetwork", …}`. */
  readonly endpoint: Asset;
  readonly workload: WorkloadSummary;
  readonly evidence: Evidence;
}

/**
 * Whether a Service is reachable from outside the cluster by its own settings, and the field
 * that makes it so: type NodePort or LoadBalancer, or any externalIPs. The exposure rules ask
 * the same question of whole Service objects (`policy/rules/exposure/entryPoints.ts`).
 */
export function serviceExposure(
  type: string,
  externalIPs: number,
): { path: FieldPath; via: string } | undefined {
  if (type === 'NodePort' || type === 'LoadBalancer')
    return { path: ['spec', 'type'], via: `Service of type ${type}` };
  if (externalIPs > 0) return { path: ['spec', 'externalIPs'], via: 'Service with externalIPs' };
  return undefined;
}

export function entryPoints(model: ClusterModelIndex): EntryPoint[] {
  const out: EntryPoint[] = [];
  const serviceText = (ns: string, name: string) => `Service ${ns}/${name}`;
  for (const s of model.model.services) {
    const external = serviceExposure(s.type, s.externalIPs.length);
    if (external === undefined) continue;
    for (const workload of model.workloadsSelectedBy(s)) {
      out.push({
        endpoint: { kind: 'Service', namespace: s.namespace, name: s.ref.name },
        workload,
        evidence: {
          text: `${serviceText(s.namespace, s.ref.name)} ${formatFieldPath(external.path)} (${external.via})${whereText(s.source)}`,
          fix: `make ${serviceText(s.namespace, s.ref.name)} type ClusterIP without externalIPs, or put it behind an authenticating proxy`,
        },
      });
    }
  }
  for (const r of model.model.routes) {
    if (r.ref.kind !== 'Ingress' && r.parents.length === 0) continue;
    for (const b of r.backends) {
      if (b.kind !== 'Service') continue;
      const service = model.service(b.namespace, b.name);
      if (service === undefined) continue;
      for (const workload of model.workloadsSelectedBy(service)) {
        out.push({
          endpoint: { kind: r.ref.kind, namespace: r.namespace, name: r.ref.name },
          workload,
          evidence: {
            text: `${r.ref.kind} ${r.namespace}/${r.ref.name} ${formatFieldPath(b.path)} → ${serviceText(b.namespace, b.name)}${whereText(r.source)}`,
            fix: `remove the backend ${serviceText(b.namespace, b.name)} from ${r.ref.kind} ${r.namespace}/${r.ref.name}`,
          },
        });
      }
    }
  }
  for (const w of model.model.workloads) {
    if (!runsPods(w.ref)) continue;
    const host = hostExposure(w);
    if (host === undefined) continue;
    out.push({
      endpoint: { kind: host.kind, namespace: w.namespace, name: w.ref.name },
      workload: w,
      evidence: {
        text: `${w.namespace}/${w.ref.kind}/${w.ref.name} ${formatFieldPath(host.path)}${whereText(w.source)}`,
        fix: host.fix,
      },
    });
  }
  return out;
}

function hostExposure(w: WorkloadSummary): { kind: string; path: FieldPath; fix: string } | undefined {
  if (w.hostNetwork)
    return {
      kind: 'HostNetwork',
      path: [...w.specPath, 'hostNetwork'],
      fix: 'remove hostNetwork: true (serve through a Service)',
    };
  for (const c of w.containers) {
    const i = c.ports.findIndex((p) => p.hostPort !== undefined && p.hostPort !== 0);
    if (i >= 0)
      return {
        kind: 'HostPort',
        path: [...w.specPath, c.list, c.index, 'ports', i, 'hostPort'],
        fix: 'remove the hostPort (serve through a Service)',
      };
  }
  return undefined;
}
