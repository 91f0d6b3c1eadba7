/**
 * The default roles as a cluster without any user object has them: the index of the default
 * policy alone (`defaultRoles.ts`, aggregation computed), built once. For questions about what
 * Kubernetes itself grants — "does `edit` already allow this?" — which the input's own objects
 * (which may extend or override the defaults) must not answer.
 */
import { buildRbacIndex, type RbacIndex, type ResolvedRole } from './rbacIndex.js';

let defaults: RbacIndex<never> | undefined;

function defaultIndex(): RbacIndex<never> {
  defaults ??= buildRbacIndex<never>({
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
  });
  return defaults;
}

/** A default ClusterRole (`admin`, `edit`, `view`, `system:node`, …) with its rules, aggregation resolved. */
export function defaultClusterRole(name: string): ResolvedRole<never> | undefined {
  return defaultIndex().clusterRoles.get(name);
}
