/**
 * What a pod's ServiceAccount is granted, phrased for the workload identity rules. The answer
 * is the RBAC engine's (src/rbac): every binding that applies to the SA — named, as its user
 * name, or through the groups every SA token carries — with ClusterRole aggregation resolved and
 * the default roles of a real cluster (`admin`, `edit`, …) known when the input lacks them.
 */
import type { SourceRef } from '../../../k8s/resource.js';
import { bindingAccess } from '../../../rbac/bindingAccess.js';
import type { RbacIndex, SubjectHit } from '../../../rbac/rbacIndex.js';
import { describeObject } from '../../../rbac/rbacObjects.js';
import { rbacIndexOf, serviceAccountBindings } from '../../rbacEngine.js';
import type { Report, WorkloadRuleContext } from '../../types.js';
import { podServiceAccount, tokenMount, type PodServiceAccount } from './podServiceAccount.js';

export type Hit = SubjectHit<SourceRef>;

/**
 * Why the binding makes the SA an administrator of its scope, or undefined: the roleRef is
 * ClusterRole cluster-admin, or the role (aggregated rules included) allows every verb on every
 * resource of the core group — the `rbac-wildcard` shape.
 */
export function adminGrant(index: RbacIndex<SourceRef>, hit: Hit): string | undefined {
  // every workload running as one ServiceAccount asks about the same bindings: answer once
  const known = adminCache.get(hit.binding);
  if (known !== undefined) return known.answer;
  const answer = adminAnswer(index, hit);
  adminCache.set(hit.binding, { answer });
  return answer;
}

const adminCache = new WeakMap<object, { readonly answer: string | undefined }>();

function adminAnswer(index: RbacIndex<SourceRef>, hit: Hit): string | undefined {
  const { roleRef } = hit.binding;
  if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') return 'cluster-admin';
  const access = bindingAccess(index, hit.binding, { verb: '*', apiGroup: '', resource: '*' });
  if (access?.access !== 'yes') return undefined;
  const role = hit.binding.role!;
  const where = role.aggregated
    ? `a rule aggregated into ClusterRole ${role.ref.name}`
    : `rules[${access.ruleIndexes[0] ?? 0}]`;
  return `every verb on every resource (${where})`;
}

/** `ClusterRole edit (built-in)`, `Role shop/reader`. */
function describeRole(hit: Hit): string {
  const { roleRef, role, ref } = hit.binding;
  const text =
    roleRef.kind === 'Role' ? `Role ${ref.namespace}/${roleRef.name}` : `ClusterRole ${roleRef.name}`;
  // Say where the grants came from, except for cluster-admin, whose meaning nobody needs explained.
  return role?.ref.isDefault === true && roleRef.name !== 'cluster-admin' ? `${text} (built-in)` : text;
}

/** `pods run as ServiceAccount shop/web, bound by RoleBinding shop/x (through Group …) to ClusterRole edit` */
export function boundPhrase(sa: PodServiceAccount, hit: Hit): string {
  const via =
    hit.subject.kind === 'ServiceAccount' ? '' : ` (through ${hit.subject.kind} ${hit.subject.name})`;
  return `pods run as ServiceAccount ${sa.namespace}/${sa.name}, bound by ${describeObject(hit.binding.ref)}${via} to ${describeRole(hit)}`;
}

/** `the cluster` or `namespace shop`. */
export function scopePhrase(hit: Hit): string {
  return hit.binding.ref.kind === 'ClusterRoleBinding'
    ? 'the cluster'
    : `namespace ${hit.binding.ref.namespace}`;
}

/**
 * The template of the rules on what a pod's mounted token is granted: one report per
 * binding of the pod's ServiceAccount for which `message` says something, at the field
 * naming the ServiceAccount; nothing when the token is not mounted.
 */
export function serviceAccountGrantCheck(
  message: (index: RbacIndex<SourceRef>, sa: PodServiceAccount, hit: Hit) => string | undefined,
) {
  return function* check({ workload, model }: WorkloadRuleContext): Iterable<Report> {
    if (!tokenMount(workload, model).mounted) return;
    const sa = podServiceAccount(workload);
    const index = rbacIndexOf(model);
    for (const hit of serviceAccountBindings(model, sa.namespace, sa.name)) {
      const text = message(index, sa, hit);
      if (text !== undefined) yield { message: text, path: sa.path };
    }
  };
}
