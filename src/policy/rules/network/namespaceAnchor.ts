/**
 * Where a namespace-level finding attaches. Findings belong to a resource (file,
 * line, suppression annotation), but "this namespace has no NetworkPolicy" is about
 * a namespace that the input may never declare. The finding goes on the Namespace
 * object when the input has one; otherwise on the first workload (in input order)
 * that runs pods in that namespace and has no controller in the input (in a cluster
 * dump the Deployment, not the first of its Pods: policy/controlled.ts), so each
 * namespace is reported exactly once and the report points at a file the user owns.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Inventory, Workload } from '../../../k8s/inventory.js';
import type { Resource } from '../../../k8s/resource.js';
import { controllerOf } from '../../controlled.js';
import { podWorkloadsIn, runsPods } from '../../../k8s/namespacePods.js';

export interface NamespaceAnchor {
  readonly namespace: string;
  /** `metadata.name` of the Namespace, or `metadata.namespace` of the workload. */
  readonly path: FieldPath;
  /** True when the finding sits on a workload because the input has no Namespace object. */
  readonly onWorkload: boolean;
}

/** The namespace this resource speaks for, or undefined when another resource does. */
export function namespaceAnchorOf(ctx: {
  readonly resource: Resource;
  readonly inventory: Inventory;
  readonly workload?: Workload;
}): NamespaceAnchor | undefined {
  const { resource, inventory, workload } = ctx;
  if (resource.ref.kind === 'Namespace') {
    if (resource.ref.name === '') return undefined;
    return { namespace: resource.ref.name, path: ['metadata', 'name'], onWorkload: false };
  }
  if (workload === undefined || !runsPods(workload)) return undefined;
  const ns = workload.namespace;
  if (inventory.get('Namespace', undefined, ns) !== undefined) return undefined;
  if (anchorWorkloadIn(inventory, ns) !== workload) return undefined;
  return { namespace: ns, path: ['metadata', 'namespace'], onWorkload: true };
}

const anchors = new WeakMap<Inventory, Map<string, Workload | undefined>>();

/** The workload a namespace's findings attach to when the input has no Namespace object for it. */
function anchorWorkloadIn(inventory: Inventory, namespace: string): Workload | undefined {
  let byNamespace = anchors.get(inventory);
  if (byNamespace === undefined)
    anchors.set(inventory, (byNamespace = new Map<string, Workload | undefined>()));
  if (byNamespace.has(namespace)) return byNamespace.get(namespace);
  const workloads = podWorkloadsIn(inventory, namespace);
  const anchor = workloads.find((w) => controllerOf(w.resource, inventory) === undefined) ?? workloads[0];
  byNamespace.set(namespace, anchor);
  return anchor;
}

/** The clause messages add when the finding sits on a workload instead of a Namespace. */
export function anchorNote(anchor: NamespaceAnchor): string {
  return anchor.onWorkload
    ? ' (reported on its first workload: the input has no Namespace object for it)'
    : '';
}
