/**
 * Which workloads a Service sends traffic to, and how a list of them reads in a
 * message. A Service selects pods of its own namespace by equality on every
 * `spec.selector` pair; a Service without selector has hand-managed endpoints
 * (`mapSelectorMatches` holds the semantics).
 */
import { describeRef, type Resource } from '../../../k8s/resource.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { serviceSelectorOf } from '../../../model/summarise.js';

/** The namespace a namespaced resource is in: its own, else the default namespace. */
export function namespaceIn(model: ClusterModelIndex, resource: Resource): string {
  return model.namespaceOf(resource.ref) ?? model.defaultNamespace;
}

/**
 * The workloads whose pod labels the rule's own Service's selector matches, as the model
 * answers for every Service of the input (`ClusterModelIndex.workloadsSelectedBy`, found once
 * per selector: several rules ask).
 */
export function workloadsSelectedBy(model: ClusterModelIndex, service: Resource): readonly WorkloadSummary[] {
  const selector = serviceSelectorOf(service.object);
  return model.workloadsSelectedBy({
    namespace: namespaceIn(model, service),
    ...(selector !== undefined ? { selector } : {}),
  });
}

const LISTED = 3;

/** `Deployment shop/web, StatefulSet shop/db and 2 more`. */
export function describeWorkloads(workloads: readonly WorkloadSummary[]): string {
  const names = workloads.slice(0, LISTED).map((w) => describeRef({ ...w.ref, namespace: w.namespace }));
  const more = workloads.length - LISTED;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
