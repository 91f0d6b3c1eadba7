/**
 * From a binding's roleRef to the rules it grants: the Role in the binding's namespace or the
 * ClusterRole, looked up in the input; ClusterRole aggregation resolved; the user-facing default
 * ClusterRoles known even when the input does not carry them.
 */
import { asArray, asRecord, asStringMap } from '../../k8s/shape.js';
import type { KeptObject } from '../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../model/modelIndex.js';
import { compileLabelSelector, selectorMatches } from '../../k8s/selector.js';
import { BUILTIN_CLUSTER_ROLES } from './bootstrapPolicy.js';
import { policyRulesOf, type PolicyRule } from './policyRule.js';
import { describeRoleRef, isRbacResource, type RoleRef } from './rbacObjects.js';

export interface ResolvedRule {
  readonly rule: PolicyRule;
  readonly index: number;
  /** The role object the rule is written in; undefined for a built-in role not in the input. */
  readonly from?: KeptObject;
}

export interface ResolvedRole {
  readonly ref: RoleRef;
  /** `ClusterRole edit`, `Role shop/reader`, `ClusterRole edit (built-in)`. */
  readonly description: string;
  readonly rules: readonly ResolvedRule[];
}

/**
 * The rules of a ClusterRole including those it aggregates: every ClusterRole whose labels
 * match one of `aggregationRule.clusterRoleSelectors`, transitively (an aggregated role that
 * itself aggregates is followed, as the controller's re-reconciliation does — RBAC doc
 * "Aggregated ClusterRoles"). The role's own `rules` are kept: a live cluster has them filled
 * in, a manifest usually has them empty.
 */
export function clusterRoleRules(role: KeptObject, clusterRoles: readonly KeptObject[]): ResolvedRule[] {
  const out: ResolvedRule[] = [];
  const seen = new Set<KeptObject>([role]);
  const queue: KeptObject[] = [role];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const { rule, index } of policyRulesOf(next.object)) out.push({ rule, index, from: next });
    const selectors = asArray(asRecord(next.object.aggregationRule)?.clusterRoleSelectors).map(
      compileLabelSelector,
    );
    if (selectors.length === 0) continue;
    for (const candidate of clusterRoles) {
      if (seen.has(candidate)) continue;
      const labels = asStringMap(asRecord(candidate.object.metadata)?.labels);
      if (selectors.some((s) => selectorMatches(s, labels))) {
        seen.add(candidate);
        queue.push(candidate);
      }
    }
  }
  return out;
}

/**
 * The role a binding references, with its rules; undefined when it is neither in the input nor
 * one of the user-facing default ClusterRoles. A RoleBinding's Role is looked up in the
 * binding's namespace only.
 */
export function resolveRole(
  ref: RoleRef,
  bindingNamespace: string | undefined,
  model: ClusterModelIndex,
): ResolvedRole | undefined {
  // Many bindings (and every ServiceAccount a group binding covers) name the same role:
  // resolve each once per model.
  let cache = resolvedRoles.get(model);
  if (cache === undefined) resolvedRoles.set(model, (cache = new Map<string, ResolvedRole | undefined>()));
  const key = `${ref.kind}\u0000${ref.kind === 'Role' ? (bindingNamespace ?? '') : ''}\u0000${ref.name}`;
  if (cache.has(key)) return cache.get(key);
  const resolved = resolveRoleUncached(ref, bindingNamespace, model);
  cache.set(key, resolved);
  return resolved;
}

const clusterRoleLists = new WeakMap<ClusterModelIndex, readonly KeptObject[]>();

/** The ClusterRoles of the RBAC API in the input (aggregation candidates), listed once per model. */
function rbacClusterRoles(model: ClusterModelIndex): readonly KeptObject[] {
  let list = clusterRoleLists.get(model);
  if (list === undefined) clusterRoleLists.set(model, (list = model.clusterRoles().filter(isRbacResource)));
  return list;
}

const resolvedRoles = new WeakMap<ClusterModelIndex, Map<string, ResolvedRole | undefined>>();

function resolveRoleUncached(
  ref: RoleRef,
  bindingNamespace: string | undefined,
  model: ClusterModelIndex,
): ResolvedRole | undefined {
  const description = describeRoleRef(ref, bindingNamespace);
  if (ref.kind === 'Role') {
    const role = model.role(bindingNamespace ?? model.defaultNamespace, ref.name);
    if (role === undefined || !isRbacResource(role)) return undefined;
    return {
      ref,
      description,
      rules: policyRulesOf(role.object).map(({ rule, index }) => ({ rule, index, from: role })),
    };
  }
  const role = model.clusterRole(ref.name);
  if (role !== undefined && isRbacResource(role)) {
    return { ref, description, rules: clusterRoleRules(role, rbacClusterRoles(model)) };
  }
  const builtin = BUILTIN_CLUSTER_ROLES.get(ref.name);
  if (builtin === undefined) return undefined;
  return {
    ref,
    // Say where the grants came from, except for cluster-admin, whose meaning nobody needs explained.
    description: ref.name === 'cluster-admin' ? description : `${description} (built-in)`,
    rules: builtin.map((rule, index) => ({ rule, index })),
  };
}
