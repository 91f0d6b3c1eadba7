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
import type { DanglingRoleRef, RbacIndex, ResolvedRole, SubjectHit } from './rbacIndex.js';
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

type EntryScope = 'kept' | 'own' | 'dropped';

/** What a RoleBinding makes of one (apiGroup, resources entry) of a rule. */
function entryScope(group: string, entry: string, scope: ScopeResolver): EntryScope {
  const slash = entry.indexOf('/');
  const parent = slash < 0 ? entry : entry.slice(0, slash);
  if (parent === '*') return 'kept';
  if ((group === '' || group === '*') && parent === 'namespaces') return 'own';
  const cluster = group === '*' ? !scope.mayBeNamespaced(parent) : scope.isClusterScoped(group, parent);
  return cluster ? 'dropped' : 'kept';
}

/** The part of a RoleBinding's rule that can grant anything in `namespace`. */
export function scopedToNamespace(rule: PolicyRule, namespace: string, scope: ScopeResolver): PolicyRule[] {
  if (rule.resources.length === 0) return [];
  const allKept = rule.apiGroups.every((g) =>
    rule.resources.every((e) => entryScope(g, e, scope) === 'kept'),
  );
  if (allKept) return rule.nonResourceURLs.length === 0 ? [rule] : [{ ...rule, nonResourceURLs: [] }];
  const outcomes = new Map<string, { groups: string[]; kept: string[]; own: string[] }>();
  for (const group of rule.apiGroups) {
    const kept: string[] = [];
    const own: string[] = [];
    for (const entry of rule.resources) {
      const where = entryScope(group, entry, scope);
      if (where === 'kept') kept.push(entry);
      else if (where === 'own') own.push(entry);
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

interface KeyedRule {
  readonly rule: PolicyRule;
  readonly key: string;
}

/** Per rule of a role, the rules it grants (with their identity keys). */
type RoleParts = readonly (readonly KeyedRule[])[];

/**
 * What each rule of a role grants through a ClusterRoleBinding (itself) or through a RoleBinding
 * in one namespace, memoized per role (each index narrows its own rules, so a memo never
 * crosses scope resolvers). Only rules naming `namespaces` depend on the binding's namespace.
 */
const partsMemo = new WeakMap<
  readonly PolicyRule[],
  { cluster?: RoleParts; scoped: Map<string, RoleParts> }
>();
const ANY_NAMESPACE = '';

function partsOf(rules: readonly PolicyRule[], namespace: string, scope: ScopeResolver): RoleParts {
  let memo = partsMemo.get(rules);
  if (memo === undefined) {
    memo = { scoped: new Map() };
    partsMemo.set(rules, memo);
  }
  if (namespace === ALL_NAMESPACES) {
    memo.cluster ??= rules.map((rule) => [{ rule, key: ruleKey(rule) }]);
    return memo.cluster;
  }
  const perNamespace = rules.some((r) =>
    r.resources.some((e) => e === 'namespaces' || e.startsWith('namespaces/')),
  );
  const slot = perNamespace ? namespace : ANY_NAMESPACE;
  let parts = memo.scoped.get(slot);
  if (parts === undefined) {
    parts = rules.map((rule) =>
      scopedToNamespace(rule, namespace, scope).map((part) => ({ rule: part, key: ruleKey(part) })),
    );
    memo.scoped.set(slot, parts);
  }
  return parts;
}

/** The grants of one binding subject, one per rule of its role, shared by every identity it covers. */
const grantsMemo = new WeakMap<object, readonly object[]>();

function grantsOfSubject<S>(hit: SubjectHit<S>, role: ResolvedRole<S>): readonly Grant<S>[] {
  const cached = grantsMemo.get(hit.subject) as readonly Grant<S>[] | undefined;
  if (cached !== undefined) return cached;
  const via = subjectRefOf(hit.subject);
  const grants = role.rules.map((_rule, ruleIndex): Grant<S> => ({
    binding: hit.binding.ref,
    role: role.ref,
    ruleIndex,
    via,
  }));
  grantsMemo.set(hit.subject, grants);
  return grants;
}

export function effectivePermissions<S>(index: RbacIndex<S>, subject: SubjectRef): EffectivePermissions<S> {
  const user = userInfoOf(subject);
  const byNamespace = new Map<string, Map<string, { rule: PolicyRule; grantedBy: Grant<S>[] }>>();
  const dangling: DanglingRoleRef<S>[] = [];
  for (const hit of bindingsFor(index, user)) {
    const { binding } = hit;
    const role = binding.role;
    if (role === undefined) {
      if (binding.dangling !== undefined) dangling.push(binding.dangling);
      continue;
    }
    const namespace = binding.ref.kind === 'ClusterRoleBinding' ? ALL_NAMESPACES : binding.ref.namespace;
    const parts = partsOf(role.rules, namespace, index.scope);
    const grants = grantsOfSubject(hit, role);
    let bucket = byNamespace.get(namespace);
    if (bucket === undefined) {
      bucket = new Map();
      byNamespace.set(namespace, bucket);
    }
    for (let ruleIndex = 0; ruleIndex < parts.length; ruleIndex++) {
      for (const part of parts[ruleIndex]!) {
        const entry = bucket.get(part.key);
        if (entry) entry.grantedBy.push(grants[ruleIndex]!);
        else bucket.set(part.key, { rule: part.rule, grantedBy: [grants[ruleIndex]!] });
      }
    }
  }
  const permissions: Permission<S>[] = [];
  for (const [namespace, bucket] of byNamespace) {
    for (const { rule, grantedBy } of bucket.values()) permissions.push({ ...rule, namespace, grantedBy });
  }
  return { subject, superuser: isSuperuser(user), permissions, dangling };
}
