/**
 * The template of the risky-grant rules (rbac-secrets-read, rbac-workload-create, …): a thin
 * adapter over the RBAC engine's effective permissions. Which request a rule grants is the
 * engine's question (`rbac/riskyGrants.ts` probes, decided by `ruleMatch.ts` and
 * `bindingAccess.ts`); this file only chooses where a finding goes and how it reads.
 *
 * Where the grant is reported — always on the object of the input that hands it out:
 *  1. a Role/ClusterRole whose own `rules[i]` grant the risk: at `rules[i].resources[j]`, the
 *     entry that matched (as before the engine);
 *  2. an aggregated ClusterRole (`aggregationRule`), whose rules are what the aggregation
 *     controller computes from the ClusterRoles it selects (its written `rules` are overwritten,
 *     so they are not judged): at `aggregationRule`, naming the contributing roles;
 *  3. a binding whose roleRef names one of the default roles of a real cluster that the input
 *     does not carry (a RoleBinding to `edit`): at `roleRef.name`, with what the binding grants
 *     in its scope (a RoleBinding never grants cluster-scoped resources).
 * Each message then names who holds the grant: for each binding that grants it (directly or
 * through a role that aggregates this one; a default binding of a real cluster is marked
 * `(default)`: a user object named like a default role is granted by it), the workloads whose
 * pods run with a mounted token as one of its subjects — groups such as
 * `system:serviceaccounts:<ns>` expanded — and the other subjects by name.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Resource, SourceRef } from '../../../k8s/resource.js';
import { bindingAccess } from '../../../rbac/bindingAccess.js';
import { bindingsHolding, workloadsReachedBy } from '../../../rbac/holders.js';
import { describeObject, policyRulesOf, type IndexedPolicyRule } from '../../../rbac/rbacObjects.js';
import type { RbacIndex, ResolvedBinding, ResolvedRole } from '../../../rbac/rbacIndex.js';
import {
  bindingHits,
  coveredByWildcard,
  describeHits,
  grantHits,
  splitResource,
  wildcardNote,
  type BindingHit,
  type GrantHit,
  type RiskyGrant,
} from '../../../rbac/riskyGrants.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { asArray, getIn } from '../../../k8s/shape.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { rbacIndexOf, resolvedBindingOf, resolvedRoleOf } from '../../rbacEngine.js';
import type { Report, RuleContext } from '../../types.js';

/** The kinds that carry `rules[]`. */
export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
/** The kinds a risky-grant rule reports on: roles, and bindings to default roles not in the input. */
export const GRANTING_KINDS = [...ROLE_KINDS, 'RoleBinding', 'ClusterRoleBinding'] as const;

/** The part of every risky-grant rule's description that this template implements. */
export const EFFECTIVE_PERMISSIONS_NOTE =
  ' Evaluated on effective permissions, as the RBAC engine computes them: an aggregated ClusterRole (`aggregationRule`) is judged on the ' +
  'rules it aggregates (its written `rules` are overwritten by the controller), reported at `aggregationRule` naming the contributing ' +
  "ClusterRoles; a RoleBinding or ClusterRoleBinding whose `roleRef` names one of Kubernetes' default roles that the input does not carry " +
  "(`edit`, `admin`, `system:node`, …) is judged on what that role grants in the binding's scope, reported at `roleRef.name`. Each message " +
  'names who holds the grant: for every binding that grants it, the workloads whose pods run with a mounted token as one of its subjects ' +
  '(a ServiceAccount, or the groups `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`) and the other subjects by name.';

/** How many workloads or bindings a message names before `and N more`. */
const NAMED = 3;

export interface RiskyGrantCheckOptions {
  /** Rule entries another, more specific rule reports instead (e.g. aws-auth over configmap writes). */
  readonly skip?: (entry: IndexedPolicyRule, ctx: RuleContext) => boolean;
}

/** Index of `value` in the raw list at `path` of the object, for a finding path. */
export function entryIndex(object: unknown, path: FieldPath, value: string): number {
  return Math.max(0, asArray(getIn(object, path)).indexOf(value));
}

export function resourceEntryPath(resource: Resource, index: number, entry: string): FieldPath {
  const path: FieldPath = ['rules', index, 'resources'];
  return [...path, entryIndex(resource.object, path, entry)];
}

/** The first {@link NAMED} of `total` items (only those are given), then `and N more`. */
function more(items: readonly string[], total = items.length): string {
  const shown = items.slice(0, NAMED).join(', ');
  return total <= NAMED ? shown : `${shown} and ${total - NAMED} more`;
}

const workloadText = (w: WorkloadSummary): string => `${w.namespace}/${w.ref.kind}/${w.ref.name}`;

/** Every finding of every rule on a role names its bindings' holders again: phrased once per binding. */
const phrased = new WeakMap<ResolvedBinding<SourceRef>, string>();

/** `held by shop/Deployment/api, User alice through RoleBinding shop/x`. */
function heldThrough(model: ClusterModelIndex, binding: ResolvedBinding<SourceRef>): string {
  let text = phrased.get(binding);
  if (text === undefined) {
    const marker = binding.ref.isDefault === true ? ' (default)' : '';
    text = `held by ${more(holdersOf(model, binding))} through ${describeObject(binding.ref)}${marker}`;
    phrased.set(binding, text);
  }
  return text;
}

/** `shop/Deployment/api`, `Group system:serviceaccounts:shop (shop/Deployment/api)`, `User alice`. */
function holdersOf(model: ClusterModelIndex, binding: ResolvedBinding<SourceRef>): string[] {
  const items: string[] = [];
  const add = (item: string): void => {
    if (!items.includes(item)) items.push(item);
  };
  for (const subject of binding.subjects) {
    const workloads = workloadsReachedBy(model, subject);
    const named = subject.kind === 'ServiceAccount' ? `${subject.namespace}/${subject.name}` : subject.name;
    // A group may reach every workload of the input: only the named few are phrased.
    if (subject.kind === 'Group') {
      const shown = workloads.slice(0, NAMED).map(workloadText);
      add(workloads.length > 0 ? `Group ${named} (${more(shown, workloads.length)})` : `Group ${named}`);
    } else if (workloads.length > 0) workloads.forEach((w) => add(workloadText(w)));
    else add(`${subject.kind} ${named}`);
  }
  return items;
}

/** Whether the binding grants one of the hits in its scope (the engine's per-binding answer). */
function bindingGrantsAny(
  index: RbacIndex<SourceRef>,
  binding: ResolvedBinding<SourceRef>,
  hits: readonly (BindingHit & { readonly clusterWide?: boolean })[],
): boolean {
  return hits.some((h) => {
    if (h.clusterWide === true && binding.ref.kind === 'RoleBinding') return false;
    const [resource, subresource] = splitResource(h.resource);
    const request = {
      verb: h.verb,
      apiGroup: h.apiGroup,
      resource,
      ...(subresource !== '' ? { subresource } : {}),
    };
    return bindingAccess(index, binding, request) !== undefined;
  });
}

/** `; held by shop/Deployment/api through RoleBinding shop/x; …`, or '' when no binding of the input grants it. */
function heldBy(model: ClusterModelIndex, bindings: readonly ResolvedBinding<SourceRef>[]): string {
  const parts = bindings.filter((b) => b.subjects.length > 0).map((b) => heldThrough(model, b));
  if (parts.length === 0) return '';
  const shown = parts.slice(0, NAMED).join('; ');
  return parts.length > NAMED ? `; ${shown}; and ${parts.length - NAMED} more bindings` : `; ${shown}`;
}

/**
 * `; held by …` for a Role/ClusterRole of the input: the bindings that grant its rules (directly
 * or through a role that aggregates it) — of those, the ones that grant one of `hits` in their
 * scope when `hits` is given.
 */
export function heldByRole(ctx: RuleContext, hits?: readonly GrantHit[]): string {
  const role = resolvedRoleOf(ctx.model, ctx.resource);
  if (role === undefined) return '';
  const index = rbacIndexOf(ctx.model);
  const bindings = bindingsHolding(index, role);
  return heldBy(
    ctx.model,
    hits === undefined ? bindings : bindings.filter((b) => bindingGrantsAny(index, b, hits)),
  );
}

function* ownRules(grant: RiskyGrant, options: RiskyGrantCheckOptions, ctx: RuleContext): Iterable<Report> {
  const { resource, model } = ctx;
  const scope = rbacIndexOf(model).scope;
  const clusterScoped =
    resource.ref.kind === 'Role' ? (g: string, r: string) => scope.isClusterScoped(g, r) : undefined;
  for (const entry of policyRulesOf(resource.object)) {
    const { rule, index } = entry;
    if (coveredByWildcard(rule) || options.skip?.(entry, ctx)) continue;
    const hits = grantHits(rule, grant, clusterScoped);
    if (hits.length === 0) continue;
    yield {
      message: `rules[${index}] grants ${describeHits(hits)}${wildcardNote(hits)}${heldByRole(ctx, hits)}`,
      path: resourceEntryPath(resource, index, hits[0]!.match.resource),
    };
  }
}

function* aggregatedRules(
  grant: RiskyGrant,
  ctx: RuleContext,
  role: ResolvedRole<SourceRef>,
): Iterable<Report> {
  const index = rbacIndexOf(ctx.model);
  const granting = role.rules.filter((rule) => !coveredByWildcard(rule) && grantHits(rule, grant).length > 0);
  if (granting.length === 0) return;
  const hits = granting.flatMap((rule) => grantHits(rule, grant));
  const contributors = (role.aggregatedFrom ?? []).filter((name) => {
    const from = index.clusterRoles.get(name);
    return from !== undefined && from.rules.some((r) => granting.includes(r));
  });
  const from = contributors.length > 0 ? ` from ${more(contributors.map((n) => `ClusterRole ${n}`))}` : '';
  yield {
    message: `aggregates ${describeHits(hits)}${from}${heldByRole(ctx, hits)}`,
    path: ['aggregationRule'],
  };
}

function* defaultRoleBinding(grant: RiskyGrant, ctx: RuleContext): Iterable<Report> {
  const binding = resolvedBindingOf(ctx.model, ctx.resource);
  const role = binding?.role;
  if (binding === undefined || role?.ref.isDefault !== true || role.rules.some(coveredByWildcard)) return;
  const index = rbacIndexOf(ctx.model);
  const hits = bindingHits(index, binding, grant.probes);
  if (hits.length === 0) return;
  const scope =
    binding.ref.kind === 'ClusterRoleBinding' ? 'the cluster' : `namespace ${binding.ref.namespace}`;
  yield {
    message:
      `roleRef names the default ClusterRole ${role.ref.name} (not in the input), which grants ` +
      `${describeHits(hits)} in ${scope}${heldBy(ctx.model, [binding])}`,
    path: ['roleRef', 'name'],
  };
}

/**
 * The check shared by the risky-grant rules (see the file comment). Kubernetes' own bootstrap
 * objects and `*`-on-`*` entries are left to the rules that own them.
 */
export function riskyGrantCheck(grant: RiskyGrant, options: RiskyGrantCheckOptions = {}) {
  return function* check(ctx: RuleContext): Iterable<Report> {
    const { resource } = ctx;
    if (!isUserRbacObject(resource)) return;
    if (resource.ref.kind === 'RoleBinding' || resource.ref.kind === 'ClusterRoleBinding') {
      yield* defaultRoleBinding(grant, ctx);
      return;
    }
    const role = resolvedRoleOf(ctx.model, resource);
    if (role?.aggregated === true) yield* aggregatedRules(grant, ctx, role);
    else yield* ownRules(grant, options, ctx);
  };
}
