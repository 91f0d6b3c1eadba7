/**
 * What a pod's ServiceAccount is granted through the bindings in the input, phrased for the
 * workload identity rules. The binding semantics live in `../rbac/bindings.ts`.
 */
import type { ServiceAccountBinding } from '../rbac/bindings.js';
import { describeBinding } from '../rbac/bindings.js';
import { coveredByWildcard } from '../rbac/riskyGrants.js';
import type { PodServiceAccount } from './podServiceAccount.js';

/**
 * Why the binding makes the SA an administrator of its scope, or undefined: the roleRef is
 * ClusterRole cluster-admin, or the role has an every-verb-on-every-resource entry (the
 * `rbac-wildcard` shape, in the core or `*` group).
 */
export function adminGrant(b: ServiceAccountBinding): string | undefined {
  if (b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin') return 'cluster-admin';
  const wildcard = b.role?.rules.find((r) => coveredByWildcard(r.rule));
  if (wildcard === undefined) return undefined;
  const where =
    wildcard.from === undefined ||
    (wildcard.from.ref.kind === b.roleRef.kind && wildcard.from.ref.name === b.roleRef.name)
      ? `rules[${wildcard.index}]`
      : `rules[${wildcard.index}] of aggregated ClusterRole ${wildcard.from.ref.name}`;
  return `every verb on every resource (${where})`;
}

/** `pods run as ServiceAccount shop/web, bound by RoleBinding shop/x (through Group …) to ClusterRole edit` */
export function boundPhrase(sa: PodServiceAccount, b: ServiceAccountBinding): string {
  const via = b.via !== undefined ? ` (through ${b.via})` : '';
  const role =
    b.role?.description ??
    (b.roleRef.kind === 'Role'
      ? `Role ${b.namespace ?? ''}/${b.roleRef.name}`
      : `ClusterRole ${b.roleRef.name}`);
  return `pods run as ServiceAccount ${sa.namespace}/${sa.name}, bound by ${describeBinding(b)}${via} to ${role}`;
}

/** `the cluster` or `namespace shop`. */
export function scopePhrase(b: ServiceAccountBinding): string {
  return b.namespace === undefined ? 'the cluster' : `namespace ${b.namespace}`;
}
