/**
 * Effective permissions of one subject, with provenance: every rule some binding gives it, with
 * the namespace the rule holds in (`*` for a ClusterRoleBinding: every namespace, cluster-scoped
 * resources and non-resource URLs) and the bindings and roles that grant it
 * (`rbac-tool policy-rules` reports the same thing; identity.md §1.2 B7).
 *
 * A RoleBinding's rule is cut down to what it can grant in its namespace (RBAC doc; the
 * authorizer's visiting order, see `authorizer.ts`):
 *  - non-resource URLs and cluster-scoped resources are dropped (a Role naming `nodes/proxy`
 *    grants nothing);
 *  - `namespaces` (and its subresources) remain for the binding's own Namespace object only,
 *    shown as `resourceNames: [<namespace>]`, which is how `admin` bound in a namespace
 *    controls "the namespace itself";
 *  - with apiGroup `*`, a resource is dropped when every known group that serves it serves it
 *    cluster-scoped. This listing is a summary; `canI` decides concrete requests exactly.
 */
import { ruleKey } from './aggregation.js';
import type { ScopeResolver } from './clusterScope.js';
import { bindingsFor, type Grant } from './authorizer.js';
import { isSuperuser, userInfoOf } from './identity.js';
import type { DanglingRoleRef, RbacIndex } from './rbacIndex.js';
import { subjectRefOf } from './subjects.js';
import type { PolicyRule, SubjectRef } from './types.js';

export const ALL_NAMESPACES = '*';

export interface Permission<S> extends PolicyRule {
  /** The namespace the rule holds in, `*` for cluster-wide. */
  readonly namespace: string;
  readonly grantedBy: readonly Grant<S>[];
}

export interface EffectivePermissions<S> {
  readonly subject: SubjectRef;
  /** A member of `system:masters`: allowed everything, whatever `permissions` lists. */
  readonly superuser: boolean;
  readonly permissions: readonly Permission<S>[];
  /** Bindings naming the subject whose role does not exist (they grant once it is created). */
  readonly dangling: readonly DanglingRoleRef<S>[];
}

/** The part of a RoleBinding's rule that can grant anything in `namespace`. */
export function scopedToNamespace(rule: PolicyRule, namespace: string, scope: ScopeResolver): PolicyRule[] {
  if (rule.resources.length === 0) return [];
  const outcomes = new Map<string, { groups: string[]; kept: string[]; own: string[] }>();
  for (const group of rule.apiGroups) {
    const kept: string[] = [];
    const own: string[] = [];
    for (const entry of rule.resources) {
      const parent = entry.split('/')[0]!;
      if (parent === '*') kept.push(entry);
      else if ((group === '' || group === '*') && parent === 'namespaces') own.push(entry);
      else if (!(group === '*' ? !scope.mayBeNamespaced(parent) : scope.isClusterScoped(group, parent))) {
        kept.push(entry);
      }
    }
    const key = JSON.stringify([kept, own]);
    const outcome = outcomes.get(key);
    if (outcome) outcome.groups.push(group);
    else outcomes.set(key, { groups: [group], kept, own });
  }
  const out: PolicyRule[] = [];
  const ownObjectNamed = rule.resourceNames.length === 0 || rule.resourceNames.includes(namespace);
  for (const { groups, kept, own } of outcomes.values()) {
    const base = { verbs: rule.verbs, apiGroups: groups, nonResourceURLs: [] };
    if (kept.length > 0) out.push({ ...base, resources: kept, resourceNames: rule.resourceNames });
    if (own.length > 0 && ownObjectNamed) out.push({ ...base, resources: own, resourceNames: [namespace] });
  }
  return out;
}

export function effectivePermissions<S>(index: RbacIndex<S>, subject: SubjectRef): EffectivePermissions<S> {
  const user = userInfoOf(subject);
  const byKey = new Map<string, { rule: PolicyRule; namespace: string; grantedBy: Grant<S>[] }>();
  const dangling: DanglingRoleRef<S>[] = [];
  const danglingBindings = new Map(index.dangling.map((d) => [d.binding, d]));
  for (const hit of bindingsFor(index, user)) {
    const { binding } = hit;
    const role = binding.role;
    if (role === undefined) {
      const d = danglingBindings.get(binding.ref);
      if (d !== undefined) dangling.push(d);
      continue;
    }
    const cluster = binding.ref.kind === 'ClusterRoleBinding';
    const namespace = cluster ? ALL_NAMESPACES : binding.ref.namespace;
    role.rules.forEach((rule, ruleIndex) => {
      const grant: Grant<S> = {
        binding: binding.ref,
        role: role.ref,
        ruleIndex,
        via: subjectRefOf(hit.subject),
      };
      for (const part of cluster ? [rule] : scopedToNamespace(rule, namespace, index.scope)) {
        const key = `${namespace}\n${ruleKey(part)}`;
        const entry = byKey.get(key);
        if (entry) entry.grantedBy.push(grant);
        else byKey.set(key, { rule: part, namespace, grantedBy: [grant] });
      }
    });
  }
  return {
    subject,
    superuser: isSuperuser(user),
    permissions: [...byKey.values()].map(({ rule, namespace, grantedBy }) => ({
      ...rule,
      namespace,
      grantedBy,
    })),
    dangling,
  };
}
