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
import type { Workload } from '../../../k8s/inventory.js';
import { runsPods } from '../../../k8s/namespacePods.js';
import { sourceKey, type Resource } from '../../../k8s/resource.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { controllerOf } from '../../controlled.js';

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
  readonly model: ClusterModelIndex;
  readonly workload?: Workload;
}): NamespaceAnchor | undefined {
  const { resource, model, workload } = ctx;
  if (resource.ref.kind === 'Namespace') {
    if (resource.ref.name === '') return undefined;
    return { namespace: resource.ref.name, path: ['metadata', 'name'], onWorkload: false };
  }
  if (workload === undefined || !runsPods(resource.ref)) return undefined;
  const ns = workload.namespace;
  if (model.namespace(ns)?.declared === true) return undefined;
  const anchor = anchorWorkloadIn(model, ns);
  // the same document, whichever thread holds the resource
  if (anchor === undefined || sourceKey(anchor.source) !== sourceKey(resource.source)) return undefined;
  return { namespace: ns, path: ['metadata', 'namespace'], onWorkload: true };
}

const anchors = new WeakMap<ClusterModelIndex, Map<string, WorkloadSummary | undefined>>();

/** The workload a namespace's findings attach to when the input has no Namespace object for it. */
function anchorWorkloadIn(model: ClusterModelIndex, namespace: string): WorkloadSummary | undefined {
  let byNamespace = anchors.get(model);
  if (byNamespace === undefined)
    anchors.set(model, (byNamespace = new Map<string, WorkloadSummary | undefined>()));
  if (byNamespace.has(namespace)) return byNamespace.get(namespace);
  const workloads = model.podWorkloadsIn(namespace);
  const anchor = workloads.find((w) => controllerOf(w, model) === undefined) ?? workloads[0];
  byNamespace.set(namespace, anchor);
  return anchor;
}

/** The clause messages add when the finding sits on a workload instead of a Namespace. */
export function anchorNote(anchor: NamespaceAnchor): string {
  return anchor.onWorkload
    ? ' (reported on its first workload: the input has no Namespace object for it)'
    : '';
}
