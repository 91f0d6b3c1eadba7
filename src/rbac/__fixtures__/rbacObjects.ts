/** Small builders for RBAC objects in the engine's tests (test-only; excluded from the build). */
import type {
  RbacV1Subject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1PolicyRule,
  V1Role,
  V1RoleBinding,
} from '@kubernetes/client-node';
import type { RbacInput } from '../types.js';

const RBAC = 'rbac.authorization.k8s.io';

/** `rule('get,list', '', 'pods,pods/log')`; `names` restricts resourceNames. */
export function rule(verbs: string, apiGroups: string, resources: string, names?: string): V1PolicyRule {
  const r: V1PolicyRule = {
    verbs: verbs.split(','),
    apiGroups: apiGroups.split(','),
    resources: resources.split(','),
  };
  if (names !== undefined) r.resourceNames = names.split(',');
  return r;
}

export function urlRule(verbs: string, urls: string): V1PolicyRule {
  return { verbs: verbs.split(','), nonResourceURLs: urls.split(',') };
}

export function role(namespace: string, name: string, rules: V1PolicyRule[]): V1Role {
  return { kind: 'Role', metadata: { namespace, name }, rules };
}

export function clusterRole(
  name: string,
  rules: V1PolicyRule[] | undefined,
  opts: { labels?: Record<string, string>; aggregateFrom?: Record<string, string>[] } = {},
): V1ClusterRole {
  const cr: V1ClusterRole = { kind: 'ClusterRole', metadata: { name, labels: opts.labels ?? {} } };
  if (rules !== undefined) cr.rules = rules;
  if (opts.aggregateFrom !== undefined) {
    cr.aggregationRule = { clusterRoleSelectors: opts.aggregateFrom.map((matchLabels) => ({ matchLabels })) };
  }
  return cr;
}

/** `sa('shop', 'web')`, `sa('', 'web')` (namespace left to the binding), `user('alice')`, `group('dev')`. */
export const sa = (namespace: string, name: string): RbacV1Subject =>
  namespace === '' ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', namespace, name };
export const user = (name: string): RbacV1Subject => ({ kind: 'User', apiGroup: RBAC, name });
export const group = (name: string): RbacV1Subject => ({ kind: 'Group', apiGroup: RBAC, name });

/** `roleRef` as `Role:name` or `ClusterRole:name`. */
function roleRefOf(ref: string): V1RoleBinding['roleRef'] {
  const colon = ref.indexOf(':');
  return { apiGroup: RBAC, kind: ref.slice(0, colon), name: ref.slice(colon + 1) };
}

export function roleBinding(
  namespace: string,
  name: string,
  ref: string,
  subjects: RbacV1Subject[],
): V1RoleBinding {
  return { kind: 'RoleBinding', metadata: { namespace, name }, roleRef: roleRefOf(ref), subjects };
}

export function clusterRoleBinding(
  name: string,
  ref: string,
  subjects: RbacV1Subject[],
): V1ClusterRoleBinding {
  return { kind: 'ClusterRoleBinding', metadata: { name }, roleRef: roleRefOf(ref), subjects };
}

export function input(parts: Partial<RbacInput>): RbacInput {
  return { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [], ...parts };
}
