/**
 * What a pod's ServiceAccount is granted through the bindings in the input, phrased for the
 * workload identity rules. The binding semantics live in `../rbac/bindings.ts`.
 */
import type { Report, WorkloadRuleContext } from '../../types.js';
import type { ServiceAccountBinding } from '../../rbacPatterns/bindings.js';
import { bindingsOfServiceAccount, describeBinding } from '../../rbacPatterns/bindings.js';
import { coveredByWildcard } from '../../rbacPatterns/riskyGrants.js';
import { podServiceAccount, tokenMount, type PodServiceAccount } from './podServiceAccount.js';

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

/**
 * The template of the rules on what a pod's mounted token is granted: one report per
 * binding of the pod's ServiceAccount for which `message` says something, at the field
 * naming the ServiceAccount; nothing when the token is not mounted.
 */
export function serviceAccountGrantCheck(
  message: (sa: PodServiceAccount, b: ServiceAccountBinding) => string | undefined,
) {
  return function* check({ workload, model }: WorkloadRuleContext): Iterable<Report> {
    if (!tokenMount(workload, model).mounted) return;
    const sa = podServiceAccount(workload);
    for (const b of bindingsOfServiceAccount(model, sa)) {
      const text = message(sa, b);
      if (text !== undefined) yield { message: text, path: sa.path };
    }
  };
}
