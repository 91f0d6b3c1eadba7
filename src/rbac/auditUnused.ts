/**
 * The least-privilege gap an audit log measures: per subject named by a binding of the input,
 * the permissions its bindings grant that no request of the log used. A permission is counted
 * at the grain people remove it: one verb on one resource of one API group (with the rule's
 * resourceNames) in one namespace (`*` cluster-wide), or one verb on one non-resource URL. It is
 * used when the authorizer's rule match (`ruleAllows`) accepts a logged request of that
 * subject in that namespace. Wildcards are counted by what they stand for, so `*` on `*` is not
 * "used" by one read: a `*` verb stands for the API verbs (get, list, watch, create, update,
 * patch, delete, deletecollection) and any other verb the subject's requests used; a `*`
 * resource or API group for the known resources it matches (built-in ones of the Kubernetes
 * version and the input's CRDs, namespaced ones only for a namespaced grant) and the
 * resources and subresources the subject's requests named. Only grants of the input's own bindings count: the default
 * bindings every cluster has (discovery, basic-user) are not the input's to remove.
 */
import type { AuditRequest } from './auditLog.js';
import type { Grant } from './authorizer.js';
import { normalizeRequest } from './authorizer.js';
import { serviceAccountUserName } from './identity.js';
import { effectivePermissions } from './permissions.js';
import type { RbacIndex } from './rbacIndex.js';
import { apiGroupMatches, isResourceRequest, resourceMatches, ruleAllows } from './ruleMatch.js';
import { apiResources } from './builtinResources.js';
import { identityOf } from './whoCan.js';
import type { AccessRequest, CustomResourceScope, PolicyRule, SubjectRef } from './types.js';
import { subjectText } from './identity.js';

export interface PermissionAtom<S> {
  readonly verb: string;
  readonly apiGroup?: string;
  readonly resource?: string;
  readonly resourceNames?: readonly string[];
  readonly nonResourceURL?: string;
  /** `*`: cluster-wide. */
  readonly namespace: string;
  readonly grantedBy: readonly Grant<S>[];
}

export interface SubjectUsage<S> {
  readonly subject: SubjectRef;
  readonly granted: number;
  readonly used: number;
  readonly requests: number;
  readonly unused: readonly PermissionAtom<S>[];
}

function atomRule(a: PermissionAtom<unknown>): PolicyRule {
  return a.nonResourceURL !== undefined
    ? {
        verbs: [a.verb],
        apiGroups: [],
        resources: [],
        resourceNames: [],
        nonResourceURLs: [a.nonResourceURL],
      }
    : {
        verbs: [a.verb],
        apiGroups: [a.apiGroup ?? ''],
        resources: [a.resource ?? ''],
        resourceNames: a.resourceNames ?? [],
        nonResourceURLs: [],
      };
}

function requestsOf(subject: SubjectRef, log: readonly AuditRequest[]): AuditRequest[] {
  switch (subject.kind) {
    case 'Group':
      return log.filter((r) => r.user.groups.includes(subject.name));
    case 'ServiceAccount': {
      const user = serviceAccountUserName(subject.namespace, subject.name);
      return log.filter((r) => r.user.name === user);
    }
    case 'User':
      return log.filter((r) => r.user.name === subject.name);
  }
}

const API_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/** The concrete (group, resource) pairs a wildcard entry stands for. */
function expand(
  group: string,
  entry: string,
  candidates: readonly { group: string; resource: string }[],
): { group: string; resource: string }[] {
  if (group !== '*' && entry !== '*' && !entry.startsWith('*/')) return [{ group, resource: entry }];
  const rule = { verbs: [], apiGroups: [group], resources: [entry], resourceNames: [], nonResourceURLs: [] };
  return candidates.filter((c) => {
    const slash = c.resource.indexOf('/');
    const resource = slash < 0 ? c.resource : c.resource.slice(0, slash);
    const sub = slash < 0 ? '' : c.resource.slice(slash + 1);
    return apiGroupMatches(rule, c.group) && resourceMatches(rule, resource, sub);
  });
}

function atomsOf<S>(
  index: RbacIndex<S>,
  subject: SubjectRef,
  requests: readonly AuditRequest[],
  customResources: readonly CustomResourceScope[],
): PermissionAtom<S>[] {
  const known = apiResources(index.kubernetesVersion, customResources);
  const seenVerbs = new Set(API_VERBS);
  const used = new Map<string, { group: string; resource: string }>();
  for (const { request: r } of requests) {
    seenVerbs.add(r.verb);
    if (!isResourceRequest(r)) continue;
    const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
    used.set(`${r.apiGroup ?? ''}/${resource}`, { group: r.apiGroup ?? '', resource });
  }
  const candidatesFor = (namespace: string) => {
    const out = new Map<string, { group: string; resource: string }>();
    for (const k of known) if (namespace === '*' || k.namespaced) out.set(`${k.group}/${k.resource}`, k);
    for (const [key, u] of used) {
      const parent = u.resource.split('/')[0]!;
      const clusterOnly =
        index.scope.isClusterScoped(u.group, parent) && !(u.group === '' && parent === 'namespaces');
      if (namespace === '*' || !clusterOnly) out.set(key, u);
    }
    return [...out.values()];
  };
  const atoms = new Map<string, PermissionAtom<S> & { grantedBy: Grant<S>[] }>();
  for (const p of effectivePermissions(index, subject).permissions) {
    const own = p.grantedBy.filter((g) => g.binding.isDefault !== true);
    if (own.length === 0) continue;
    const add = (atom: Omit<PermissionAtom<S>, 'grantedBy'>): void => {
      const key = JSON.stringify(atom);
      const entry = atoms.get(key);
      if (entry) entry.grantedBy.push(...own.filter((g) => !entry.grantedBy.includes(g)));
      else atoms.set(key, { ...atom, grantedBy: [...own] });
    };
    const verbs = p.verbs.includes('*') ? [...seenVerbs] : p.verbs;
    const candidates = candidatesFor(p.namespace);
    for (const verb of verbs) {
      for (const group of p.apiGroups) {
        for (const entry of p.resources) {
          for (const { group: apiGroup, resource } of expand(group, entry, candidates)) {
            add({
              verb,
              apiGroup,
              resource,
              ...(p.resourceNames.length > 0 ? { resourceNames: p.resourceNames } : {}),
              namespace: p.namespace,
            });
          }
        }
      }
      for (const url of p.nonResourceURLs) add({ verb, nonResourceURL: url, namespace: p.namespace });
    }
  }
  return [...atoms.values()];
}

function uses<S>(index: RbacIndex<S>, atom: PermissionAtom<S>, request: AccessRequest): boolean {
  const normalized = normalizeRequest(index, request);
  if (atom.namespace !== '*') {
    if (!isResourceRequest(normalized) || normalized.namespace !== atom.namespace) return false;
  }
  return ruleAllows(atomRule(atom), normalized);
}

/** The subjects of the input's own bindings, each once, sorted by their text form. */
export function boundSubjects<S>(index: RbacIndex<S>): SubjectRef[] {
  const out = new Map<string, SubjectRef>();
  for (const b of index.bindings) {
    if (b.ref.isDefault === true) continue;
    for (const s of b.subjects) {
      const subject = identityOf(s);
      out.set(subjectText(subject), subject);
    }
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}

export function unusedPermissions<S>(
  index: RbacIndex<S>,
  log: readonly AuditRequest[],
  options: {
    readonly subjects?: readonly SubjectRef[];
    readonly customResources?: readonly CustomResourceScope[];
  } = {},
): SubjectUsage<S>[] {
  return (options.subjects ?? boundSubjects(index)).map((subject) => {
    const requests = requestsOf(subject, log);
    const atoms = atomsOf(index, subject, requests, options.customResources ?? []);
    const unused = atoms.filter((atom) => !requests.some((r) => uses(index, atom, r.request)));
    return {
      subject,
      granted: atoms.length,
      used: atoms.length - unused.length,
      requests: requests.length,
      unused,
    };
  });
}
