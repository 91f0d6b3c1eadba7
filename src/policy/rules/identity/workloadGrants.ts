/**
 * What a pod's ServiceAccount is granted, phrased for the workload identity rules. The answer
 * is the RBAC engine's (src/rbac): every binding that applies to the SA — named, as its user
 * name, or through the groups every SA token carries — with ClusterRole aggregation resolved and
 * the default roles of a real cluster (`admin`, `edit`, …) known when the input lacks them.
 */
import type { SourceRef } from '../../../k8s/resource.js';
import { bindingAccess } from '../../../rbac/bindingAccess.js';
import type { RbacIndex, SubjectHit } from '../../../rbac/rbacIndex.js';
import { rbacIndexOf, serviceAccountBindings } from '../../rbacEngine.js';
import type { GrantProbe } from '../../rbacPatterns/riskyGrants.js';
import type { Report, WorkloadRuleContext } from '../../types.js';
import { podServiceAccount, tokenMount, type PodServiceAccount } from './podServiceAccount.js';

export type Hit = SubjectHit<SourceRef>;

/** `resource/sub` of a probe, as a request. */
function probeRequest(apiGroup: string, combined: string, verb: string) {
  const slash = combined.indexOf('/');
  return slash < 0
    ? { verb, apiGroup, resource: combined }
    : { verb, apiGroup, resource: combined.slice(0, slash), subresource: combined.slice(slash + 1) };
}

/** One (verb, resource) a binding grants, with the names it is narrowed to (empty: every object). */
export interface ProbeHit {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly resourceNames: readonly string[];
}

/** Every probe request the binding grants in its scope, as the authorizer decides it. */
export function probeHits(index: RbacIndex<SourceRef>, hit: Hit, probes: readonly GrantProbe[]): ProbeHit[] {
  const out: ProbeHit[] = [];
  for (const probe of probes) {
    for (const resource of probe.resources) {
      for (const verb of probe.verbs) {
        const access = bindingAccess(index, hit.binding, probeRequest(probe.apiGroup, resource, verb));
        if (access === undefined) continue;
        const rules = hit.binding.role?.rules ?? [];
        const resourceNames =
          access.access === 'yes' ? [] : access.ruleIndexes.flatMap((i) => rules[i]?.resourceNames ?? []);
        out.push({ verb, apiGroup: probe.apiGroup, resource, resourceNames });
      }
    }
  }
  return out;
}

/**
 * Why the binding makes the SA an administrator of its scope, or undefined: the roleRef is
 * ClusterRole cluster-admin, or the role (aggregated rules included) allows every verb on every
 * resource of the core group — the `rbac-wildcard` shape.
 */
export function adminGrant(index: RbacIndex<SourceRef>, hit: Hit): string | undefined {
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

/** `ClusterRoleBinding web-admin`, `RoleBinding shop/web`. */
function describeBinding(hit: Hit): string {
  const { ref } = hit.binding;
  return ref.kind === 'ClusterRoleBinding' ? `ClusterRoleBinding ${ref.name}` : `RoleBinding ${ref.namespace}/${ref.name}`;
}

/** `ClusterRole edit (built-in)`, `Role shop/reader`. */
function describeRole(hit: Hit): string {
  const { roleRef, role, ref } = hit.binding;
  const text = roleRef.kind === 'Role' ? `Role ${ref.namespace}/${roleRef.name}` : `ClusterRole ${roleRef.name}`;
  // Say where the grants came from, except for cluster-admin, whose meaning nobody needs explained.
  return role?.ref.isDefault === true && roleRef.name !== 'cluster-admin' ? `${text} (built-in)` : text;
}

/** `pods run as ServiceAccount shop/web, bound by RoleBinding shop/x (through Group …) to ClusterRole edit` */
export function boundPhrase(sa: PodServiceAccount, hit: Hit): string {
  const via = hit.subject.kind === 'ServiceAccount' ? '' : ` (through ${hit.subject.kind} ${hit.subject.name})`;
  return `pods run as ServiceAccount ${sa.namespace}/${sa.name}, bound by ${describeBinding(hit)}${via} to ${describeRole(hit)}`;
}

/** `the cluster` or `namespace shop`. */
export function scopePhrase(hit: Hit): string {
  return hit.binding.ref.kind === 'ClusterRoleBinding' ? 'the cluster' : `namespace ${hit.binding.ref.namespace}`;
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
