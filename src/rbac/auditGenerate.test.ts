/**
 * Roles generated from an audit log, checked the only way that proves them: run back through
 * the authorizer, they allow every logged request, and deny its near misses (another verb,
 * namespace, name, subresource, URL, or identity).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFromAudit, type GeneratedPolicy } from './auditGenerate.js';
import { parseAuditLog, type AuditRequest } from './auditLog.js';
import { authorize } from './authorizer.js';
import { scopeResolver } from './clusterScope.js';
import { buildRbacIndex } from './rbacIndex.js';
import { isResourceRequest } from './ruleMatch.js';
import type { AccessRequest, ResourceRequest } from './types.js';

const log = parseAuditLog(
  readFileSync(new URL('../../test/fixtures/audit/shop-audit.jsonl', import.meta.url), 'utf8'),
);
const scope = scopeResolver('1.34');

/** Only the generated objects: no default roles, so nothing else can allow a request. */
function indexOf(policies: readonly GeneratedPolicy[]) {
  return buildRbacIndex(
    {
      roles: policies.flatMap((p) => p.roles),
      clusterRoles: policies.flatMap((p) => p.clusterRoles),
      roleBindings: policies.flatMap((p) => p.roleBindings),
      clusterRoleBindings: policies.flatMap((p) => p.clusterRoleBindings),
    },
    { defaults: false },
  );
}

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const key = (r: ResourceRequest): string => `${r.apiGroup ?? ''}/${r.resource}/${r.subresource ?? ''}`;

/** Requests one step away from a logged one, none of which the log made. */
function nearMisses(
  r: AuditRequest,
  all: readonly AuditRequest[],
): { why: string; request: AccessRequest }[] {
  const req = r.request;
  if (!isResourceRequest(req)) {
    return [
      { why: 'other verb', request: { verb: 'post', path: req.path } },
      { why: 'other URL', request: { verb: req.verb, path: `${req.path}/extra` } },
    ];
  }
  const used = new Set(
    all.flatMap((o) => (isResourceRequest(o.request) && key(o.request) === key(req) ? [o.request.verb] : [])),
  );
  const out: { why: string; request: AccessRequest }[] = [
    { why: 'other verb', request: { ...req, verb: VERBS.find((v) => !used.has(v))! } },
    {
      why: 'other subresource',
      request: { ...req, subresource: req.subresource === 'status' ? 'attach' : 'status' },
    },
  ];
  if (
    req.resource !== 'namespaces' &&
    (req.namespace ?? '') !== '' &&
    !scope.isClusterScoped(req.apiGroup ?? '', req.resource)
  ) {
    out.push({ why: 'other namespace', request: { ...req, namespace: 'elsewhere' } });
  }
  if ((req.name ?? '') !== '') out.push({ why: 'other name', request: { ...req, name: `not-${req.name}` } });
  return out;
}

describe('generateFromAudit on the shop log', () => {
  const policies = generateFromAudit(log.requests, scope);
  const index = indexOf(policies);

  it('writes one policy per identity of the log', () => {
    expect(policies.map((p) => [p.subject, p.requests])).toEqual([
      [{ kind: 'ServiceAccount', namespace: 'shop', name: 'default' }, 11],
      [{ kind: 'User', name: 'alice@example.com' }, 2],
    ]);
  });

  it('allows every request of the log', () => {
    const refused = log.requests.filter((r) => !authorize(index, r.user, r.request).allowed);
    expect(refused).toEqual([]);
    expect(log.requests).toHaveLength(13);
  });

  it('denies every near miss: other verb, namespace, name, subresource, URL', () => {
    const misses = log.requests.flatMap((r) =>
      nearMisses(r, log.requests).map((m) => ({ ...m, user: r.user })),
    );
    const allowed = misses.filter((m) => authorize(index, m.user, m.request).allowed);
    expect(allowed).toEqual([]);
    // 1 URL request × 2, 12 resource requests × 2 (verb, subresource), 9 namespaced, 8 named
    expect(misses.length).toBe(43);
  });

  it('denies the same requests to another identity', () => {
    const other = {
      name: 'system:serviceaccount:shop:web',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:shop'],
    };
    expect(log.requests.filter((r) => authorize(index, other, r.request).allowed)).toEqual([]);
  });

  it('puts namespaced requests in a Role, cluster-scoped, all-namespace and URL requests in the ClusterRole', () => {
    const cart = policies[0]!;
    expect(cart.roles.map((r) => [r.metadata?.namespace, r.metadata?.name, r.rules])).toEqual([
      [
        'shop',
        'kubeward:sa:shop:default',
        [
          { apiGroups: [''], resources: ['configmaps'], resourceNames: ['cart-config'], verbs: ['get'] },
          { apiGroups: [''], resources: ['events'], verbs: ['create'] },
          { apiGroups: [''], resources: ['namespaces'], resourceNames: ['shop'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
          { apiGroups: [''], resources: ['pods/log'], resourceNames: ['cart-7d9f8-x2kq1'], verbs: ['get'] },
          { apiGroups: [''], resources: ['secrets'], resourceNames: ['redis-password'], verbs: ['get'] },
          {
            apiGroups: ['apps'],
            resources: ['deployments/scale'],
            resourceNames: ['cart'],
            verbs: ['patch'],
          },
        ],
      ],
    ]);
    expect(cart.clusterRoles.map((r) => r.rules)).toEqual([
      [
        { apiGroups: [''], resources: ['nodes'], resourceNames: ['worker-2'], verbs: ['get'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    ]);
    expect(cart.roleBindings[0]!.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'default', namespace: 'shop' },
    ]);
    expect(cart.clusterRoleBindings[0]!.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'kubeward:sa:shop:default',
    });
  });
});

const req = (verb: string, resource: string, name = '', namespace = 'shop'): AuditRequest => ({
  line: 1,
  user: { name: 'system:serviceaccount:shop:web', groups: ['system:serviceaccounts', 'shop-devs'] },
  request: { verb, apiGroup: '', resource, namespace, ...(name !== '' ? { name } : {}) },
});

describe('generateFromAudit rule shapes', () => {
  it('keeps up to 5 names per resource and verb as resourceNames, and drops them past that', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((n) => req('get', 'secrets', n));
    expect(generateFromAudit(five, scope)[0]!.roles[0]!.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b', 'c', 'd', 'e'], verbs: ['get'] },
    ]);
    const six = [...five, req('get', 'secrets', 'f')];
    expect(generateFromAudit(six, scope)[0]!.roles[0]!.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    ]);
  });

  it('lets one request without a name open the verb to every name', () => {
    const rules = generateFromAudit([req('get', 'configmaps', 'a'), req('get', 'configmaps')], scope)[0]!
      .roles[0]!.rules;
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
  });

  it('shares a rule between resources only when their verbs and names are the same', () => {
    const rules = generateFromAudit(
      [req('list', 'pods'), req('list', 'services'), req('watch', 'services'), req('list', 'configmaps')],
      scope,
    )[0]!.roles[0]!.rules;
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['list'] },
      { apiGroups: [''], resources: ['services'], verbs: ['list', 'watch'] },
    ]);
  });

  it('grants a group subject the requests of its members', () => {
    const policies = generateFromAudit(
      [req('get', 'pods', 'x'), { ...req('get', 'pods', 'y'), user: { name: 'bob', groups: [] } }],
      scope,
      {
        subject: { kind: 'Group', name: 'shop-devs' },
      },
    );
    expect(policies.map((p) => [p.subject, p.requests, p.roleBindings[0]!.subjects])).toEqual([
      [
        { kind: 'Group', name: 'shop-devs' },
        1,
        [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'shop-devs' }],
      ],
    ]);
  });

  it('keeps only the wanted service account', () => {
    const policies = generateFromAudit(
      [req('get', 'pods', 'x'), { ...req('get', 'pods', 'y'), user: { name: 'bob', groups: [] } }],
      scope,
      {
        subject: { kind: 'User', name: 'bob' },
      },
    );
    expect(policies.map((p) => p.roles[0]!.rules)).toEqual([
      [{ apiGroups: [''], resources: ['pods'], resourceNames: ['y'], verbs: ['get'] }],
    ]);
  });
});
