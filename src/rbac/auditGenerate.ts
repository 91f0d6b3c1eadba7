/**
 * Least-privilege roles from an audit log (audit2rbac's behaviour is the reference,
 * github.com/liggitt/audit2rbac): for each identity, the Roles, ClusterRole and bindings that
 * allow exactly the requests it made.
 *  - A request with a namespace goes to a Role in that namespace; a request on a cluster-scoped
 *    resource, one across all namespaces (no namespace on a namespaced resource) and a
 *    non-resource URL go to one ClusterRole, bound by a ClusterRoleBinding (non-resource URLs
 *    can be granted by nothing else).
 *  - Per resource (and subresource) and verb, the names the requests used become
 *    `resourceNames` while there are at most `maxNames` of them and every request named one;
 *    otherwise the rule covers every name. Verbs with the same names share a rule, resources of
 *    a group with the same verbs and names share a rule, so no rule grants a combination no
 *    request made. No verb is added: `list` does not bring `watch`.
 * The requests are judged with the namespace the API server gives them (`requestNamespace`),
 * so a request on a Namespace object is in that namespace and one on a Node has none.
 */
import type {
  RbacV1Subject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1PolicyRule,
  V1Role,
  V1RoleBinding,
} from '@kubernetes/client-node';
import type { AuditRequest } from './auditLog.js';
import { requestNamespace, type ScopeResolver } from './clusterScope.js';
import { subjectOfUserName, subjectText } from './identity.js';
import { isResourceRequest } from './ruleMatch.js';
import { RBAC_API_GROUP } from './subjects.js';
import type { SubjectRef } from './types.js';

/** Up to this many names per resource and verb become `resourceNames` (audit2rbac keeps names too). */
export const DEFAULT_MAX_NAMES = 5;

export interface GeneratedPolicy {
  readonly subject: SubjectRef;
  /** How many requests of the log it covers. */
  readonly requests: number;
  readonly roles: readonly V1Role[];
  readonly roleBindings: readonly V1RoleBinding[];
  readonly clusterRoles: readonly V1ClusterRole[];
  readonly clusterRoleBindings: readonly V1ClusterRoleBinding[];
}

export interface GenerateOptions {
  /** Only this subject's requests (a Group: the requests of its members, granted to the group). */
  readonly subject?: SubjectRef;
  readonly maxNames?: number;
}

const ALL = null;
/** Per verb: the names used, or ALL. */
type VerbNames = Map<string, Set<string> | typeof ALL>;

interface Scope {
  /** `group\u0000resource[/sub]` → verbs → names. */
  readonly resources: Map<string, VerbNames>;
  /** path → verbs. */
  readonly urls: Map<string, Set<string>>;
}

const sortStrings = (values: Iterable<string>): string[] => [...values].sort();

function sameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return subjectText(a) === subjectText(b);
}

/** The subject a request is granted to, or undefined when it is not wanted. */
function subjectFor(r: AuditRequest, wanted: SubjectRef | undefined): SubjectRef | undefined {
  if (wanted?.kind === 'Group') return r.user.groups.includes(wanted.name) ? wanted : undefined;
  const subject = subjectOfUserName(r.user.name);
  return wanted === undefined || sameSubject(subject, wanted) ? subject : undefined;
}

function record(scope: Scope, r: AuditRequest['request']): void {
  if (!isResourceRequest(r)) {
    let verbs = scope.urls.get(r.path);
    if (verbs === undefined) scope.urls.set(r.path, (verbs = new Set()));
    verbs.add(r.verb);
    return;
  }
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const key = `${r.apiGroup ?? ''}\u0000${resource}`;
  let verbs = scope.resources.get(key);
  if (verbs === undefined) scope.resources.set(key, (verbs = new Map<string, Set<string> | typeof ALL>()));
  const name = r.name ?? '';
  const names = verbs.get(r.verb);
  if (name === '' || names === ALL) verbs.set(r.verb, ALL);
  else if (names === undefined) verbs.set(r.verb, new Set([name]));
  else names.add(name);
}

function rulesOf(scope: Scope, maxNames: number): V1PolicyRule[] {
  // (group, verbs, names) → resources
  const merged = new Map<string, { group: string; verbs: string[]; names: string[]; resources: string[] }>();
  for (const [key, verbs] of scope.resources) {
    const [group, resource] = key.split('\u0000') as [string, string];
    const byNames = new Map<string, { names: string[]; verbs: string[] }>();
    for (const [verb, names] of verbs) {
      const list = names === ALL || names.size > maxNames ? [] : sortStrings(names);
      const k = list.join('\u0000');
      const entry = byNames.get(k);
      if (entry) entry.verbs.push(verb);
      else byNames.set(k, { names: list, verbs: [verb] });
    }
    for (const { names, verbs: vs } of byNames.values()) {
      const sorted = sortStrings(vs);
      const k = JSON.stringify([group, sorted, names]);
      const entry = merged.get(k);
      if (entry) entry.resources.push(resource);
      else merged.set(k, { group, verbs: sorted, names, resources: [resource] });
    }
  }
  const rules: V1PolicyRule[] = [...merged.values()]
    .map(({ group, verbs, names, resources }) => ({
      apiGroups: [group],
      resources: sortStrings(resources),
      ...(names.length > 0 ? { resourceNames: names } : {}),
      verbs,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const byVerbs = new Map<string, string[]>();
  for (const [path, verbs] of scope.urls) {
    const k = sortStrings(verbs).join(',');
    const paths = byVerbs.get(k);
    if (paths) paths.push(path);
    else byVerbs.set(k, [path]);
  }
  for (const [verbs, paths] of [...byVerbs].sort(([a], [b]) => a.localeCompare(b))) {
    rules.push({ nonResourceURLs: sortStrings(paths), verbs: verbs.split(',') });
  }
  return rules;
}

function bindingSubject(subject: SubjectRef): RbacV1Subject {
  return subject.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace }
    : { kind: subject.kind, apiGroup: RBAC_API_GROUP, name: subject.name };
}

/** `kubeward:sa:shop:cart`: role and binding names say what they were generated for. */
export function generatedName(subject: SubjectRef): string {
  return `kubeward:${subjectText(subject)}`;
}

export function generateFromAudit(
  requests: readonly AuditRequest[],
  resolver: ScopeResolver,
  options: GenerateOptions = {},
): GeneratedPolicy[] {
  const maxNames = options.maxNames ?? DEFAULT_MAX_NAMES;
  const bySubject = new Map<string, { subject: SubjectRef; count: number; scopes: Map<string, Scope> }>();
  for (const r of requests) {
    const subject = subjectFor(r, options.subject);
    if (subject === undefined) continue;
    const key = subjectText(subject);
    let entry = bySubject.get(key);
    if (entry === undefined) bySubject.set(key, (entry = { subject, count: 0, scopes: new Map() }));
    entry.count++;
    const namespace = isResourceRequest(r.request) ? requestNamespace(resolver, r.request) : '';
    let scope = entry.scopes.get(namespace);
    if (scope === undefined) entry.scopes.set(namespace, (scope = { resources: new Map(), urls: new Map() }));
    record(scope, isResourceRequest(r.request) ? { ...r.request, namespace } : r.request);
  }
  const out: GeneratedPolicy[] = [];
  for (const key of sortStrings(bySubject.keys())) {
    const { subject, count, scopes } = bySubject.get(key)!;
    const name = generatedName(subject);
    const roleRef = (kind: 'Role' | 'ClusterRole') => ({ apiGroup: RBAC_API_GROUP, kind, name });
    const roles: V1Role[] = [];
    const roleBindings: V1RoleBinding[] = [];
    const clusterRoles: V1ClusterRole[] = [];
    const clusterRoleBindings: V1ClusterRoleBinding[] = [];
    const apiVersion = `${RBAC_API_GROUP}/v1`;
    const subjects = [bindingSubject(subject)];
    for (const namespace of sortStrings(scopes.keys())) {
      const rules = rulesOf(scopes.get(namespace)!, maxNames);
      if (namespace === '') {
        clusterRoles.push({ apiVersion, kind: 'ClusterRole', metadata: { name }, rules });
        clusterRoleBindings.push({
          apiVersion,
          kind: 'ClusterRoleBinding',
          metadata: { name },
          roleRef: roleRef('ClusterRole'),
          subjects,
        });
      } else {
        roles.push({ apiVersion, kind: 'Role', metadata: { name, namespace }, rules });
        roleBindings.push({
          apiVersion,
          kind: 'RoleBinding',
          metadata: { name, namespace },
          roleRef: roleRef('Role'),
          subjects,
        });
      }
    }
    const policy: GeneratedPolicy = {
      subject,
      requests: count,
      roles,
      roleBindings,
      clusterRoles,
      clusterRoleBindings,
    };
    out.push(policy);
  }
  return out;
}
