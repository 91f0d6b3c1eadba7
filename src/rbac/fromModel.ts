/**
 * The RBAC engine's input taken from the cluster model (DESIGN.md "Architecture": engines are
 * pure functions of the model). Roles and bindings travel whole in the model; each keeps its
 * source position as the opaque `source` the engine hands back in grants and errors, and the
 * CRDs of the input give the scope of their resources.
 */
import type { ClusterModel, WholeObject } from '../model/clusterModel.js';
import type { SourceRef } from '../k8s/resource.js';
import type { RbacOptions } from './rbacIndex.js';
import type { RbacInput, Sourced } from './types.js';

const sourced = <T extends object>(w: WholeObject<T>): Sourced<T, SourceRef> => ({
  ...w.object,
  source: w.source,
});

export function rbacInputFromModel(model: ClusterModel): RbacInput<SourceRef> {
  return {
    roles: model.roles.map(sourced),
    clusterRoles: model.clusterRoles.map(sourced),
    roleBindings: model.roleBindings.map(sourced),
    clusterRoleBindings: model.clusterRoleBindings.map(sourced),
    customResources: model.customResources.map((crd) => ({
      group: crd.group,
      resource: crd.plural,
      scope: crd.scope,
    })),
  };
}

/** The index options the model implies (objects without a namespace are in its default namespace). */
export function rbacOptionsFromModel(model: ClusterModel, options: RbacOptions = {}): RbacOptions {
  return { defaultNamespace: model.defaultNamespace, ...options };
}
