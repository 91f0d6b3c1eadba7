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
    out.workloads.push(...f.workloads);
    out.services.push(...f.services);
    out.routes.push(...f.routes);
    out.networkPolicies.push(...f.networkPolicies);
    out.adminNetworkPolicies.push(...f.adminNetworkPolicies);
    out.serviceAccounts.push(...f.serviceAccounts);
    out.roles.push(...f.roles);
    out.clusterRoles.push(...f.clusterRoles);
    out.roleBindings.push(...f.roleBindings);
    out.clusterRoleBindings.push(...f.clusterRoleBindings);
    out.webhookConfigurations.push(...f.webhookConfigurations);
    out.limitRanges.push(...f.limitRanges);
    out.persistentVolumes.push(...f.persistentVolumes);
    out.persistentVolumeClaims.push(...f.persistentVolumeClaims);
    out.customResources.push(...f.customResources);
  }
  out.namespaces.push(...namespaces.values());
  return { ...out, defaultNamespace };
}
