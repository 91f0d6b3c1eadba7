/**
 * The RBAC objects rules report on: served by the RBAC API (not a CRD that reuses the kind
 * names) and not one of Kubernetes' own bootstrap defaults, which every cluster has and no
 * user can remove. Every rbac rule, and identity's default-sa-bound, starts here.
 *
 * Decision: the rbac rules do not report bootstrap objects. They are the same in every cluster,
 * the API server puts them back on restart, and a `kubectl get -o yaml` dump would otherwise
 * open every report with "cluster-admin uses wildcards" and "system:masters is bound". They are
 * recognised by the label the API server sets on every one of them (kubernetes
 * `plugin/pkg/auth/authorizer/rbac/bootstrappolicy`), not by the `system:` name prefix — anyone
 * can create a `system:backdoor` binding, and such a binding must be reported. An object whose
 * reconciliation was switched off (`rbac.authorization.kubernetes.io/autoupdate: "false"`) may
 * have been edited, so it is reported like any other. Bootstrap roles still GRANT: the engine
 * resolves bindings to them as usual (`defaultRoles.ts`).
 */
import type { Resource } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { isRbacResource, roleRefOf, subjectsOf, type RoleRef, type Subject } from './rbacObjects.js';

export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

/** True for an RBAC object of the bootstrap policy that the API server still reconciles. */
export function isBootstrapDefault(resource: Resource): boolean {
  return (
    resource.labels[BOOTSTRAP_LABEL] === 'rbac-defaults' &&
    resource.annotations[AUTOUPDATE_ANNOTATION] !== 'false'
  );
}

/**
 * The discovery roles every authenticated (and, for public-info-viewer, anonymous) identity is
 * bound to by default (RBAC doc, "API discovery roles").
 */
export const DISCOVERY_CLUSTER_ROLES: ReadonlySet<string> = new Set([
  'system:basic-user',
  'system:discovery',
  'system:public-info-viewer',
]);

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
