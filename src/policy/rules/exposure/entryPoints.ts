/**
 * The workloads an exposing object (Service, Ingress, Gateway API route) makes
 * reachable from outside the cluster — DESIGN.md's "entry point", seen from the
 * object that creates it, with the field path that does it:
 *  - a Service of type NodePort or LoadBalancer, or with externalIPs: the workloads its selector matches;
 *  - an Ingress: the workloads behind each backend Service of its namespace;
 *  - a route attached to at least one Gateway: the workloads behind each Service backendRef.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Resource } from '../../../k8s/resource.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { asArray, asRecord } from '../../../k8s/shape.js';
import { serviceExposure } from '../../../graph/entryPoints.js';
import {
  ingressBackends,
  isGatewayApiRoute,
  routeBackends,
  routeGateways,
  type ServiceRef,
} from './backends.js';
import { serviceType } from './servicePorts.js';
import { namespaceIn, workloadsSelectedBy } from './serviceTargets.js';

export interface ExposedWorkload {
  readonly workload: WorkloadSummary;
  /** The field of the exposing object that makes the workload reachable. */
  readonly path: FieldPath;
  /** `Service of type LoadBalancer`, `Ingress backend Service "web"`. */
  readonly via: string;
}

/** True when a Service is reachable from outside the cluster by its own settings (the attack graph's definition). */
export function isExternalService(service: Resource): { path: FieldPath; via: string } | undefined {
  return serviceExposure(serviceType(service), asArray(asRecord(service.object.spec)?.externalIPs).length);
}

function behind(model: ClusterModelIndex, refs: readonly ServiceRef[], what: string): ExposedWorkload[] {
  const out: ExposedWorkload[] = [];
  for (const ref of refs) {
    const service = model.service(ref.namespace, ref.name);
    if (service === undefined) continue;
    for (const workload of model.workloadsSelectedBy(service)) {
      out.push({ workload, path: ref.path, via: `${what} backend Service "${ref.name}"` });
    }
  }
  return out;
}

/** The workloads `resource` exposes outside the cluster, in document order (a workload may appear once per path). */
export function exposedWorkloads(model: ClusterModelIndex, resource: Resource): ExposedWorkload[] {
  const namespace = namespaceIn(model, resource);
  switch (resource.ref.kind) {
    case 'Service': {
      const external = isExternalService(resource);
      if (external === undefined) return [];
      return workloadsSelectedBy(model, resource).map((workload) => ({ workload, ...external }));
    }
    case 'Ingress':
      return behind(model, ingressBackends(resource, namespace), 'Ingress');
    default:
      if (!isGatewayApiRoute(resource) || routeGateways(resource, namespace).length === 0) return [];
      return behind(model, routeBackends(resource, namespace), resource.ref.kind);
  }
}
