/**
 * Phase 2 of a scan, once: the fragments of every thread merge into the cluster model. The
 * result does not depend on how the input was shared out, only on its order: merging the
 * fragments of consecutive shares equals summarising the whole input at once (tested).
 */
import type { ClusterModel, ModelFragment, NamespaceSummary } from './clusterModel.js';
import { emptyFragment } from './summarise.js';

export function mergeFragments(
  fragments: readonly ModelFragment[],
  defaultNamespace = 'default',
): ClusterModel {
  const out = emptyFragment();
  const namespaces = new Map<string, NamespaceSummary>();
  for (const f of fragments) {
    for (const ns of f.namespaces) {
      // a Namespace object wins over a mere mention, a later one over an earlier one, at the
      // place of the first mention
      if (!namespaces.has(ns.name) || ns.declared) {
        namespaces.set(ns.name, ns);
      }
    }
    append(out.workloads, f.workloads);
    append(out.services, f.services);
    append(out.routes, f.routes);
    append(out.networkPolicies, f.networkPolicies);
    append(out.adminNetworkPolicies, f.adminNetworkPolicies);
    append(out.serviceAccounts, f.serviceAccounts);
    append(out.roles, f.roles);
    append(out.clusterRoles, f.clusterRoles);
    append(out.roleBindings, f.roleBindings);
    append(out.clusterRoleBindings, f.clusterRoleBindings);
    append(out.webhookConfigurations, f.webhookConfigurations);
    append(out.limitRanges, f.limitRanges);
    append(out.persistentVolumes, f.persistentVolumes);
    append(out.persistentVolumeClaims, f.persistentVolumeClaims);
    append(out.customResources, f.customResources);
    append(out.secrets, f.secrets);
  }
  append(out.namespaces, namespaces.values());
  return { ...out, defaultNamespace };
}

/** `out.push(...items)` without spreading: one file of a cluster dump may hold 100,000s of records, past what a call takes as arguments. */
function append<T>(out: T[], items: Iterable<T>): void {
  for (const item of items) out.push(item);
}
