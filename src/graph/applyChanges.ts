/**
 * A proposed fix applied to a model, as `kubectl apply` of the fix files would leave the
 * cluster: each object of the fix replaces the object of the same kind, namespace and name, and
 * new objects are added (`exposure --with`). Nothing is deleted.
 */
import type { ClusterModel, ModelFragment, ModelObject } from '../model/clusterModel.js';
import { mergeFragments } from '../model/merge.js';

type ListKey = Exclude<keyof ModelFragment, 'namespaces' | 'customResources'>;
const LISTS: readonly ListKey[] = [
  'workloads',
  'services',
  'routes',
  'networkPolicies',
  'adminNetworkPolicies',
  'serviceAccounts',
  'roles',
  'clusterRoles',
  'roleBindings',
  'clusterRoleBindings',
  'webhookConfigurations',
  'limitRanges',
  'persistentVolumes',
  'persistentVolumeClaims',
  'secrets',
];

export function applyChanges(base: ClusterModel, fix: ClusterModel): ClusterModel {
  const keyOf = (o: ModelObject, defaultNamespace: string) =>
    `${o.ref.kind}\u0000${o.ref.namespace ?? defaultNamespace}\u0000${o.ref.name}`;
  const replaced = new Set<string>();
  for (const list of LISTS) for (const o of fix[list]) replaced.add(keyOf(o, fix.defaultNamespace));
  const drop = <T extends ModelObject>(list: readonly T[]): T[] =>
    list.filter((o) => !replaced.has(keyOf(o, base.defaultNamespace)));
  const kept: ModelFragment = {
    namespaces: base.namespaces,
    customResources: base.customResources,
    workloads: drop(base.workloads),
    services: drop(base.services),
    routes: drop(base.routes),
    networkPolicies: drop(base.networkPolicies),
    adminNetworkPolicies: drop(base.adminNetworkPolicies),
    serviceAccounts: drop(base.serviceAccounts),
    roles: drop(base.roles),
    clusterRoles: drop(base.clusterRoles),
    roleBindings: drop(base.roleBindings),
    clusterRoleBindings: drop(base.clusterRoleBindings),
    webhookConfigurations: drop(base.webhookConfigurations),
    limitRanges: drop(base.limitRanges),
    persistentVolumes: drop(base.persistentVolumes),
    persistentVolumeClaims: drop(base.persistentVolumeClaims),
    secrets: drop(base.secrets),
  };
  return mergeFragments([kept, fix], base.defaultNamespace);
}
