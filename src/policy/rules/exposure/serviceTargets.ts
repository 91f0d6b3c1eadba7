/**
 * Which workloads a Service sends traffic to, and how a list of them reads in a
 * message. A Service selects pods of its own namespace by equality on every
 * `spec.selector` pair; a Service without selector has hand-managed endpoints
 * (`mapSelectorMatches` holds the semantics).
 */
import type { Inventory, Workload } from '../../../k8s/inventory.js';
import { describeRef, type Resource } from '../../../k8s/resource.js';
import { mapSelectorMatches } from '../../../k8s/selector.js';
import { asRecord } from '../../../k8s/shape.js';
import { podWorkloadsIn } from '../../../k8s/namespacePods.js';

/** The namespace a namespaced resource is in, as the inventory decides it. */
export function namespaceIn(inventory: Inventory, resource: Resource): string {
  return inventory.namespaceOf(resource) ?? inventory.defaultNamespace;
}

const selected = new WeakMap<Inventory, WeakMap<Resource, readonly Workload[]>>();

/** The workloads whose pod labels a Service's selector matches (found once per inventory: several rules ask). */
export function workloadsSelectedBy(inventory: Inventory, service: Resource): readonly Workload[] {
  let byService = selected.get(inventory);
  if (byService === undefined) selected.set(inventory, (byService = new WeakMap()));
  let workloads = byService.get(service);
  if (workloads === undefined) {
    const selector = asRecord(service.object.spec)?.selector;
    workloads = podWorkloadsIn(inventory, namespaceIn(inventory, service)).filter((w) =>
      mapSelectorMatches(selector, w.template.labels),
    );
    byService.set(service, workloads);
  }
  return workloads;
}

const LISTED = 3;

/** `Deployment shop/web, StatefulSet shop/db and 2 more`. */
export function describeWorkloads(workloads: readonly Workload[]): string {
  const names = workloads
    .slice(0, LISTED)
    .map((w) => describeRef({ ...w.resource.ref, namespace: w.namespace }));
  const more = workloads.length - LISTED;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
