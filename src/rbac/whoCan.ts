/**
 * Who can make a request: every subject of every binding whose role grants it (upstream's
 * SubjectAccessEvaluator, `plugin/pkg/auth/authorizer/rbac/subject_locator.go`, which also
 * lists the superuser). Groups are listed as groups — `system:authenticated`,
 * `system:serviceaccounts:<ns>` — since their members are known only at request time. A User
 * subject spelled `system:serviceaccount:<ns>:<name>` is the service account and listed as one.
 * Candidates come from the index: ClusterRoleBindings and the RoleBindings of the request's
 * namespace only; each role's rules are tested once per query.
 */
import { normalizeRequest, type Grant } from './authorizer.js';
import { subjectOfUserName, SUPERUSER_GROUP } from './identity.js';
import type { RbacIndex, ResolvedBinding, ResolvedRole } from './rbacIndex.js';
import { isResourceRequest, ruleAllows } from './ruleMatch.js';
import { subjectRefOf, type BindingSubject } from './subjects.js';
import type { AccessRequest, SubjectRef } from './types.js';

export interface SubjectWithGrants<S> {
  readonly subject: SubjectRef;
  /** True for `system:masters`, allowed before RBAC is asked. */
  readonly superuser: boolean;
  readonly grantedBy: readonly Grant<S>[];
}

export interface WhoCanResult<S> {
  /** The request as the API server sees it (namespace cleared for cluster-scoped resources). */
  readonly request: AccessRequest;
  readonly subjects: readonly SubjectWithGrants<S>[];
}

/** The identity a binding subject stands for (a service account's user name is the service account). */
export function identityOf(subject: BindingSubject): SubjectRef {
  return subject.kind === 'User' ? subjectOfUserName(subject.name) : subjectRefOf(subject);
}

const KIND_ORDER = { Group: 0, ServiceAccount: 1, User: 2 } as const;
const namespaceOf = (s: SubjectRef): string => (s.kind === 'ServiceAccount' ? s.namespace : '');

function compareSubjects(a: SubjectRef, b: SubjectRef): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    namespaceOf(a).localeCompare(namespaceOf(b)) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

export function whoCan<S>(index: RbacIndex<S>, request: AccessRequest): WhoCanResult<S> {
  const normalized = normalizeRequest(index, request);
  const namespace = isResourceRequest(normalized) ? (normalized.namespace ?? '') : '';
  const candidates: readonly ResolvedBinding<S>[] =
    namespace === ''
      ? index.clusterRoleBindings
      : [...index.clusterRoleBindings, ...(index.roleBindingsByNamespace.get(namespace) ?? [])];
  const allowingRules = new Map<ResolvedRole<S>, number[]>();
  const bySubject = new Map<string, { subject: SubjectRef; superuser: boolean; grantedBy: Grant<S>[] }>();
  const entryFor = (subject: SubjectRef) => {
    const key = `${subject.kind}\n${namespaceOf(subject)}\n${subject.name}`;
    let entry = bySubject.get(key);
    if (entry === undefined) {
      entry = { subject, superuser: false, grantedBy: [] };
      bySubject.set(key, entry);
    }
    return entry;
  };
  entryFor({ kind: 'Group', name: SUPERUSER_GROUP }).superuser = true;
  for (const binding of candidates) {
    const role = binding.role;
    if (role === undefined) continue;
    let rules = allowingRules.get(role);
    if (rules === undefined) {
      rules = [];
      role.rules.forEach((rule, i) => {
        if (ruleAllows(rule, normalized)) rules!.push(i);
      });
      allowingRules.set(role, rules);
    }
    if (rules.length === 0) continue;
    for (const subject of binding.subjects) {
      const entry = entryFor(identityOf(subject));
      for (const ruleIndex of rules) {
        entry.grantedBy.push({ binding: binding.ref, role: role.ref, ruleIndex, via: subjectRefOf(subject) });
      }
    }
  }
  const subjects = [...bySubject.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
  return { request: normalized, subjects };
}
