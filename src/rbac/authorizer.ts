/**
 * Can this identity make this request? The kube-apiserver's answer for RBAC, as
 * `kubectl auth can-i --as` would give it:
 *  1. members of `system:masters` are allowed before RBAC is consulted (the privileged-group
 *     authorizer that heads the kube-apiserver's chain);
 *  2. RBAC (`plugin/pkg/auth/authorizer/rbac/rbac.go` Authorize over `rule.go` VisitRulesFor):
 *     every ClusterRoleBinding that applies to the user grants its ClusterRole's rules
 *     everywhere; when the request has a namespace, every RoleBinding of that namespace that
 *     applies grants its Role's or ClusterRole's rules there. Requests without a namespace —
 *     non-resource URLs and cluster-scoped resources — are therefore granted only by
 *     ClusterRoleBindings, and a Role naming `nodes/proxy` grants nothing.
 * The request's namespace is the one the API server would give it ({@link requestNamespace}), so
 * asking about `nodes` "in namespace shop" is asking about nodes.
 * Every grant is returned (upstream stops at the first); the first is the one upstream reports.
 */
import { requestNamespace } from './clusterScope.js';
import { isSuperuser, userInfoOf } from './identity.js';
import type { RbacIndex, ResolvedBinding, SubjectHit } from './rbacIndex.js';
import { isResourceRequest, ruleAllows } from './ruleMatch.js';
import { subjectRefOf } from './subjects.js';
import type { AccessRequest, ObjectRef, SubjectRef, UserInfo } from './types.js';

/** A binding that grants, the role it references, the rule that matched and the subject it names. */
export interface Grant<S> {
  readonly binding: ObjectRef<S>;
  readonly role: ObjectRef<S>;
  readonly ruleIndex: number;
  /** The binding subject that applies to the identity (the SA itself, its user name, or a group). */
  readonly via: SubjectRef;
}

export interface Decision<S> {
  readonly allowed: boolean;
  /** Allowed as a member of `system:masters`, whatever the bindings say. */
  readonly superuser: boolean;
  readonly grants: readonly Grant<S>[];
}

/** The request with the namespace the API server would give it. */
export function normalizeRequest<S>(index: RbacIndex<S>, request: AccessRequest): AccessRequest {
  if (!isResourceRequest(request)) return request;
  return { ...request, namespace: requestNamespace(index.scope, request) };
}

/** The bindings naming this identity, each once, with the first of its subjects that applies, in visiting order. */
export function bindingsFor<S>(index: RbacIndex<S>, user: UserInfo): SubjectHit<S>[] {
  const first = new Map<ResolvedBinding<S>, SubjectHit<S>>();
  const consider = (hits: readonly SubjectHit<S>[] | undefined): void => {
    for (const hit of hits ?? []) {
      const seen = first.get(hit.binding);
      if (
        seen === undefined ||
        hit.binding.subjects.indexOf(hit.subject) < seen.binding.subjects.indexOf(seen.subject)
      ) {
        first.set(hit.binding, hit);
      }
    }
  };
  if (user.name !== '') consider(index.subjectsByUser.get(user.name));
  for (const group of user.groups) consider(index.subjectsByGroup.get(group));
  return [...first.values()].sort((a, b) => a.binding.order - b.binding.order);
}

/** Whether a binding can grant a request in this namespace at all (before looking at its rules). */
export function bindingApplies<S>(binding: ResolvedBinding<S>, namespace: string): boolean {
  if (binding.ref.kind === 'ClusterRoleBinding') return true;
  return namespace !== '' && binding.ref.namespace === namespace;
}

/** The grants of one binding for one (normalized) request. */
export function grantsOf<S>(hit: SubjectHit<S>, request: AccessRequest): Grant<S>[] {
  const role = hit.binding.role;
  if (role === undefined) return [];
  const namespace = isResourceRequest(request) ? (request.namespace ?? '') : '';
  if (!bindingApplies(hit.binding, namespace)) return [];
  const out: Grant<S>[] = [];
  role.rules.forEach((rule, ruleIndex) => {
    if (ruleAllows(rule, request)) {
      out.push({ binding: hit.binding.ref, role: role.ref, ruleIndex, via: subjectRefOf(hit.subject) });
    }
  });
  return out;
}

export function authorize<S>(index: RbacIndex<S>, user: UserInfo, request: AccessRequest): Decision<S> {
  const normalized = normalizeRequest(index, request);
  const grants = bindingsFor(index, user).flatMap((hit) => grantsOf(hit, normalized));
  const superuser = isSuperuser(user);
  return { allowed: superuser || grants.length > 0, superuser, grants };
}

/** `kubectl auth can-i --as` for a service account, a user (with its groups) or a group. */
export function canI<S>(index: RbacIndex<S>, subject: SubjectRef, request: AccessRequest): Decision<S> {
  return authorize(index, userInfoOf(subject), request);
}
