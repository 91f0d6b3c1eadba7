/**
 * What one binding grants, for the scanner's static question "does this binding hand out this
 * kind of request?" — the per-binding half of {@link accessOf}: the binding's scope is applied as
 * the authorizer applies it (a RoleBinding grants only in its namespace, never a cluster-scoped
 * resource; `requestNamespace` decides which resources are cluster-scoped), and a rule narrowed
 * by `resourceNames` counts as `partial` (it grants the request for those names).
 */
import type { Access } from './access.js';
import { bindingApplies, normalizeRequest } from './authorizer.js';
import type { RbacIndex, ResolvedBinding } from './rbacIndex.js';
import { ruleAllows } from './ruleMatch.js';
import type { ResourceRequest } from './types.js';

export interface BindingAccess {
  readonly access: Exclude<Access, 'no'>;
  /** Indexes into the binding's role rules that grant the request (for some name when `partial`). */
  readonly ruleIndexes: readonly number[];
}

/**
 * Whether `binding` grants `request` (its namespace: the binding's for a RoleBinding, none for a
 * ClusterRoleBinding), for every object or only for some names; undefined when it grants neither.
 */
export function bindingAccess<S>(
  index: RbacIndex<S>,
  binding: ResolvedBinding<S>,
  request: Omit<ResourceRequest, 'namespace' | 'name'>,
): BindingAccess | undefined {
  const rules = binding.role?.rules ?? [];
  const normalized = normalizeRequest(index, { ...request, namespace: binding.ref.namespace, name: '' });
  if (!bindingApplies(binding, 'namespace' in normalized ? (normalized.namespace ?? '') : '')) return undefined;
  const full: number[] = [];
  const partial: number[] = [];
  rules.forEach((rule, i) => {
    if (ruleAllows(rule, normalized)) full.push(i);
    else if (rule.resourceNames.some((name) => ruleAllows(rule, { ...normalized, name }))) partial.push(i);
  });
  if (full.length > 0) return { access: 'yes', ruleIndexes: full };
  return partial.length > 0 ? { access: 'partial', ruleIndexes: partial } : undefined;
}
