/**
 * How much of a request kind an identity may make, for summaries that ask about a resource
 * rather than one object (the access matrix, a workload's risky permissions):
 *  - `yes`: allowed for every object — the request without a name is allowed (a rule without
 *    `resourceNames` grants it), or the identity is in `system:masters`;
 *  - `partial`: allowed only for some objects — a rule with `resourceNames` grants it for one of
 *    those names (rakkess and `kubectl access-matrix` show the same distinction);
 *  - `no`: no object.
 * Every decision goes through the authorizer (`grantsOf`), so the matching stays in one place.
 */
import { authorize, bindingsFor, grantsOf, normalizeRequest, type Grant } from './authorizer.js';
import type { RbacIndex } from './rbacIndex.js';
import type { ResourceRequest, UserInfo } from './types.js';

export type Access = 'yes' | 'partial' | 'no';

export interface AccessDecision<S> {
  readonly access: Access;
  /** The grants behind `yes`, or the name-restricted grants behind `partial`. */
  readonly grants: readonly Grant<S>[];
}

const RANK: Readonly<Record<Access, number>> = { no: 0, partial: 1, yes: 2 };

export function bestAccess(a: Access, b: Access): Access {
  return RANK[a] >= RANK[b] ? a : b;
}

export function accessOf<S>(
  index: RbacIndex<S>,
  user: UserInfo,
  request: ResourceRequest,
): AccessDecision<S> {
  const unnamed: ResourceRequest = { ...request, name: '' };
  const decision = authorize(index, user, unnamed);
  if (decision.allowed) return { access: 'yes', grants: decision.grants };
  const grants: Grant<S>[] = [];
  for (const hit of bindingsFor(index, user)) {
    const names = new Set<string>();
    for (const rule of hit.binding.role?.rules ?? []) for (const n of rule.resourceNames) names.add(n);
    for (const name of names) {
      for (const grant of grantsOf(hit, normalizeRequest(index, { ...request, name }))) {
        if (!grants.some((g) => g.binding === grant.binding && g.ruleIndex === grant.ruleIndex))
          grants.push(grant);
      }
    }
  }
  return { access: grants.length > 0 ? 'partial' : 'no', grants };
}
