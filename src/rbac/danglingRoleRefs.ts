/**
 * Which dangling roleRefs are not dangling in a real cluster. The index lists every valid roleRef
 * it could not resolve (`RbacIndex.dangling`; invalid roleRef kinds are its `errors`); among them
 * are names the engine has no rules for but a real cluster still creates and reconciles, so
 * nobody can squat on them:
 *  - the kube-controller-manager's per-controller ClusterRoles, `system:controller:*`
 *    (bootstrap policy `controller_policy.go`, every name in `controller-roles.yaml`);
 *  - the namespaced Roles of the bootstrap policy in kube-system and kube-public
 *    (`namespace_policy.go`, golden file `namespace-roles.yaml`), e.g. the
 *    `extension-apiserver-authentication-reader` every aggregated API server binds.
 * `test/conformance/bootstrap-policy.test.ts` checks both lists against the shared golden files.
 */
import type { DanglingRoleRef, RbacIndex } from './rbacIndex.js';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';

/** `<namespace>/<name>` of the bootstrap policy's namespaced Roles. */
export const DEFAULT_NAMESPACED_ROLES: ReadonlySet<string> = new Set([
  'kube-public/system:controller:bootstrap-signer',
  'kube-system/extension-apiserver-authentication-reader',
  'kube-system/system::leader-locking-kube-controller-manager',
  'kube-system/system::leader-locking-kube-scheduler',
  'kube-system/system:controller:bootstrap-signer',
  'kube-system/system:controller:cloud-provider',
  'kube-system/system:controller:token-cleaner',
]);

/** True when a cluster creates this role itself although the engine does not model its rules. */
export function isUnmodelledDefaultRole<S>(dangling: DanglingRoleRef<S>): boolean {
  const { roleRef, binding } = dangling;
  if (roleRef.kind === 'ClusterRole') return roleRef.name.startsWith(CONTROLLER_ROLE_PREFIX);
  return DEFAULT_NAMESPACED_ROLES.has(`${binding.namespace}/${roleRef.name}`);
}

const namespacesByName = new WeakMap<object, Map<string, string[]>>();

/** The namespaces that hold a Role of this name (for saying where a RoleBinding's Role actually is). */
export function roleNamespaces<S>(index: RbacIndex<S>, name: string): readonly string[] {
  let map = namespacesByName.get(index);
  if (map === undefined) {
    map = new Map<string, string[]>();
    for (const role of index.roles.values()) {
      const list = map.get(role.ref.name);
      if (list) list.push(role.ref.namespace);
      else map.set(role.ref.name, [role.ref.namespace]);
    }
    namespacesByName.set(index, map);
  }
  return map.get(name) ?? [];
}
