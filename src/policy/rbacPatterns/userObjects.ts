/**
 * The RBAC objects rules report on: served by the RBAC API (not a CRD that reuses the kind
 * names) and not one of Kubernetes' own bootstrap defaults, which every cluster has and no
 * user can remove. Every rbac rule, and identity's default-sa-bound, starts here.
 */
import type { Resource } from '../../k8s/resource.js';
import type { ClusterModelIndex } from '../../model/modelIndex.js';
import { isBootstrapDefault } from './bootstrapPolicy.js';
import { isRbacResource, roleRefOf, subjectsOf, type RoleRef, type Subject } from './rbacObjects.js';

/** True for an RBAC object written by the cluster's users (see above). */
export function isUserRbacObject(resource: Resource): boolean {
  return isRbacResource(resource) && !isBootstrapDefault(resource);
}

/** One subject of a binding, with the role it is bound to and the binding's namespace (undefined for a ClusterRoleBinding). */
export interface BoundSubject {
  readonly subject: Subject;
  readonly roleRef: RoleRef;
  readonly namespace: string | undefined;
}

/**
 * The subjects of a user-written RoleBinding or ClusterRoleBinding, in `subjects[]` order;
 * none when the binding's roleRef is one the API server rejects (it grants nothing).
 */
export function* boundSubjects(
  binding: Resource,
  model: ClusterModelIndex,
): Generator<BoundSubject, void, undefined> {
  if (!isUserRbacObject(binding)) return;
  const roleRef = roleRefOf(binding);
  if (roleRef === undefined) return;
  const namespace = model.namespaceOf(binding.ref);
  for (const subject of subjectsOf(binding)) yield { subject, roleRef, namespace };
}
