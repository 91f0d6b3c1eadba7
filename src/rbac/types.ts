/**
 * The RBAC engine's own input and request shapes. The engine is a pure function of this input:
 * it knows nothing of files, the scanner or rules. Objects are the typed models of
 * @kubernetes/client-node; each may carry an opaque `source` (a file position, an index into
 * the cluster model, …) that the engine hands back untouched in provenance and errors.
 */
import type { V1ClusterRole, V1ClusterRoleBinding, V1Role, V1RoleBinding } from '@kubernetes/client-node';

/** An input object with the caller's opaque reference to where it came from. */
export type Sourced<T, S> = T & { readonly source?: S };

/** A CustomResourceDefinition's scope for one resource (`spec.group`, `spec.names.plural`, `spec.scope`). */
export interface CustomResourceScope {
  readonly group: string;
  readonly resource: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

export interface RbacInput<S = unknown> {
  readonly roles: readonly Sourced<V1Role, S>[];
  readonly clusterRoles: readonly Sourced<V1ClusterRole, S>[];
  readonly roleBindings: readonly Sourced<V1RoleBinding, S>[];
  readonly clusterRoleBindings: readonly Sourced<V1ClusterRoleBinding, S>[];
  readonly customResources?: readonly CustomResourceScope[];
}

/** A PolicyRule with every list present and holding strings only (narrowed once per role). */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/**
 * A request on an API resource, as the API server's RequestInfo describes it. `name` is empty for
 * create, list, watch and deletecollection of a collection; `namespace` is empty for cluster-scoped
 * resources (the engine clears it for resources it knows are cluster-scoped).
 */
export interface ResourceRequest {
  readonly verb: string;
  readonly apiGroup?: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A request on a non-resource URL (`/healthz`, `/metrics`). */
export interface NonResourceRequest {
  readonly verb: string;
  readonly path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

/** The authenticated identity of a request (k8s.io/apiserver `user.Info`: name and groups). */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

/** A subject to analyse: a service account, a user (with the groups its authenticator adds), or a group. */
export type SubjectRef =
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'User'; readonly name: string; readonly groups?: readonly string[] }
  | { readonly kind: 'Group'; readonly name: string };

export type RoleKind = 'Role' | 'ClusterRole';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

/** Which object a grant or a problem is about; `namespace` is empty for cluster-scoped objects. */
export interface ObjectRef<S> {
  readonly kind: RoleKind | BindingKind;
  readonly namespace: string;
  readonly name: string;
  /** True for a role of the built-in default policy that the input did not override. */
  readonly isDefault?: boolean;
  readonly source?: S;
}

/** Bad input, as data: the object, the field path and what is wrong with it. */
export interface RbacError<S> {
  readonly object: ObjectRef<S>;
  readonly path: string;
  readonly message: string;
}
