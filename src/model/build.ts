/**
 * The cluster model of a set of parsed resources in one call: phase 1 and phase 2 of a scan
 * on one thread (summarise, then merge). The commands that need nothing but the model
 * (`kubeward rbac`, `kubeward netpol`) and the tests build it this way; `scan()` builds the
 * same model from the fragments of every thread.
 */
import type { InventoryOptions } from '../k8s/inventory.js';
import type { Resource } from '../k8s/resource.js';
import type { ClusterModel } from './clusterModel.js';
import { mergeFragments } from './merge.js';
import { ClusterModelIndex } from './modelIndex.js';
import { summariseResources } from './summarise.js';

export function buildClusterModel(
  resources: readonly Resource[],
  options: InventoryOptions = {},
): ClusterModel {
  return mergeFragments([summariseResources(resources, options)], options.defaultNamespace ?? 'default');
}

/** The cluster model of the resources, indexed for lookups: what `evaluate()` gives the rules when the caller has no model of its own. */
export function buildModelIndex(
  resources: readonly Resource[],
  options: InventoryOptions = {},
): ClusterModelIndex {
  return new ClusterModelIndex(buildClusterModel(resources, options));
}
