/**
 * The RBAC engine's index of a scan's input, built once per ClusterModelIndex and shared by every
 * rule that asks what an identity or a binding is granted (rules get the same index object for
 * the whole input, so a WeakMap keyed on it builds the index once per scan and per thread).
 */
import { sourceKey, type Resource, type SourceRef } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { bindingsFor } from '../rbac/authorizer.js';
import { rbacInputFromModel, rbacOptionsFromModel } from '../rbac/fromModel.js';
import { userInfoOf } from '../rbac/identity.js';
import {
  buildRbacIndex,
  type RbacIndex,
  type ResolvedBinding,
  type ResolvedRole,
  type SubjectHit,
} from '../rbac/rbacIndex.js';

const indexes = new WeakMap<ClusterModelIndex, RbacIndex<SourceRef>>();

export function rbacIndexOf(model: ClusterModelIndex): RbacIndex<SourceRef> {
  let index = indexes.get(model);
  if (index === undefined) {
    index = buildRbacIndex(rbacInputFromModel(model.model), rbacOptionsFromModel(model.model));
    indexes.set(model, index);
  }
  return index;
}

const saBindings = new WeakMap<RbacIndex<SourceRef>, Map<string, readonly SubjectHit<SourceRef>[]>>();

/**
 * The bindings that apply to a ServiceAccount (named, as its user name, or through
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`), in the
 * authorizer's visiting order, each once; memoised, as every workload of the SA asks.
 */
export function serviceAccountBindings(
  model: ClusterModelIndex,
  namespace: string,
  name: string,
): readonly SubjectHit<SourceRef>[] {
  const index = rbacIndexOf(model);
  let cache = saBindings.get(index);
  if (cache === undefined)
    saBindings.set(index, (cache = new Map<string, readonly SubjectHit<SourceRef>[]>()));
  const key = `${namespace}/${name}`;
  let hits = cache.get(key);
  if (hits === undefined) {
    hits = bindingsFor(index, userInfoOf({ kind: 'ServiceAccount', namespace, name }));
    cache.set(key, hits);
  }
  return hits;
}

interface ByObject {
  readonly roles: ReadonlyMap<string, ResolvedRole<SourceRef>>;
  readonly bindings: ReadonlyMap<string, ResolvedBinding<SourceRef>>;
}

const byObject = new WeakMap<RbacIndex<SourceRef>, ByObject>();

/** The index's roles and bindings by the input document they were read from. */
function objectsOf(index: RbacIndex<SourceRef>): ByObject {
  let found = byObject.get(index);
  if (found === undefined) {
    const roles = new Map<string, ResolvedRole<SourceRef>>();
    for (const role of [...index.roles.values(), ...index.clusterRoles.values()]) {
      if (role.ref.source !== undefined) roles.set(sourceKey(role.ref.source), role);
    }
    const bindings = new Map<string, ResolvedBinding<SourceRef>>();
    for (const binding of index.bindings) {
      if (binding.ref.source !== undefined) bindings.set(sourceKey(binding.ref.source), binding);
    }
    byObject.set(index, (found = { roles, bindings }));
  }
  return found;
}

/**
 * The engine's view of a Role/ClusterRole of the input: undefined when the index dropped it (no
 * name) or another object of the same name won (the later one, as `kubectl apply` would leave it).
 */
export function resolvedRoleOf(
  model: ClusterModelIndex,
  resource: Resource,
): ResolvedRole<SourceRef> | undefined {
  return objectsOf(rbacIndexOf(model)).roles.get(sourceKey(resource.source));
}

/** The engine's view of a RoleBinding/ClusterRoleBinding of the input. */
export function resolvedBindingOf(
  model: ClusterModelIndex,
  resource: Resource,
): ResolvedBinding<SourceRef> | undefined {
  return objectsOf(rbacIndexOf(model)).bindings.get(sourceKey(resource.source));
}
