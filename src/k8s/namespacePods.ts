/**
 * The workloads that run pods in a namespace, indexed once per inventory. A
 * `PodTemplate` object carries a pod spec but starts no pod, so selectors
 * (NetworkPolicy, Service) are matched against the other workload kinds only.
 */
import type { Inventory, Workload } from './inventory.js';

const byInventory = new WeakMap<Inventory, ReadonlyMap<string, readonly Workload[]>>();

/** True when the workload starts pods (every workload kind except PodTemplate). */
export function runsPods(workload: Workload): boolean {
  return workload.resource.ref.kind !== 'PodTemplate';
}

/** Workloads that run pods in `namespace`, in input order. */
export function podWorkloadsIn(inventory: Inventory, namespace: string): readonly Workload[] {
  let index = byInventory.get(inventory);
  if (index === undefined) {
    const built = new Map<string, Workload[]>();
    for (const w of inventory.workloads()) {
      if (!runsPods(w)) continue;
      const list = built.get(w.namespace);
      if (list) list.push(w);
      else built.set(w.namespace, [w]);
    }
    index = built;
    byInventory.set(inventory, index);
  }
  return index.get(namespace) ?? [];
}
