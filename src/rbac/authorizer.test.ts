/**
 * Truth table of the authorizer: each row is rules, bindings and one request, allowed or not,
 * taken from the Kubernetes RBAC documentation and the pitfalls of identity.md §1
 * (M = rule matching, B = bindings and scope, S = subjects). Where a row is allowed, the
 * binding and role that grant it are checked too.
 */
import { describe, expect, it } from 'vitest';
import {
  clusterRole,
  clusterRoleBinding,
  group,
  input,
  role,
  roleBinding,
  rule,
  sa,
  urlRule,
  user,
} from './__fixtures__/rbacObjects.js';
import { canI } from './authorizer.js';
import { buildRbacIndex } from './rbacIndex.js';
import type { AccessRequest, CustomResourceScope, RbacInput, SubjectRef } from './types.js';

interface Row {
  readonly name: string;
  readonly objects: Partial<RbacInput>;
  readonly subject: SubjectRef;
  readonly request: AccessRequest;
  readonly allowed: boolean;
  /** `<binding kind> <ns/>name -> <role kind> <ns/>name` of the first grant. */
  readonly by?: string;
  readonly customResources?: CustomResourceScope[];
}

const web: SubjectRef = { kind: 'ServiceAccount', namespace: 'shop', name: 'web' };
const alice: SubjectRef = { kind: 'User', name: 'alice' };
const pods = (verb: string, namespace = 'shop', extra: Partial<AccessRequest> = {}): AccessRequest => ({
  verb,
  apiGroup: '',
  resource: 'pods',
  namespace,
  ...extra,
});

/** One Role `r` in shop bound to alice by RoleBinding `rb`. */
const aliceRole = (...rules: ReturnType<typeof rule>[]): Partial<RbacInput> => ({
  roles: [role('shop', 'r', rules)],
  roleBindings: [roleBinding('shop', 'rb', 'Role:r', [user('alice')])],
});
/** One ClusterRole `cr` bound to alice by ClusterRoleBinding `crb`. */
const aliceClusterRole = (...rules: ReturnType<typeof rule>[]): Partial<RbacInput> => ({
  clusterRoles: [clusterRole('cr', rules)],
  clusterRoleBindings: [clusterRoleBinding('crb', 'ClusterRole:cr', [user('alice')])],
});
/** A RoleBinding `rb` in shop of a ClusterRole (usually a default one) to one subject. */
const inShop = (clusterRoleName: string, subject: ReturnType<typeof user>): Partial<RbacInput> => ({
  roleBindings: [roleBinding('shop', 'rb', `ClusterRole:${clusterRoleName}`, [subject])],
});
/** ClusterRole `cr` (list secrets) bound cluster-wide by `crb` to one group. */
const listSecretsTo = (subject: ReturnType<typeof group>): Partial<RbacInput> => ({
  clusterRoles: [clusterRole('cr', [rule('list', '', 'secrets')])],
  clusterRoleBindings: [clusterRoleBinding('crb', 'ClusterRole:cr', [subject])],
});
const BY_RB = 'RoleBinding shop/rb -> Role shop/r';
const BY_CRB = 'ClusterRoleBinding crb -> ClusterRole cr';

const rows: Row[] = [
  // M1 verbs
  {
    name: 'M1 exact verb',
    objects: aliceRole(rule('get', '', 'pods')),
    subject: alice,
    request: pods('get'),
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'M1 verbs are case-sensitive',
    objects: aliceRole(rule('get', '', 'pods')),
    subject: alice,
    request: pods('GET'),
    allowed: false,
  },
  {
    name: 'M1 another verb is not granted',
    objects: aliceRole(rule('get', '', 'pods')),
    subject: alice,
    request: pods('list'),
    allowed: false,
  },
  {
    name: 'M1 verb * covers the custom verb escalate',
    objects: aliceClusterRole(rule('*', 'rbac.authorization.k8s.io', 'clusterroles')),
    subject: alice,
    request: { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
    allowed: true,
    by: BY_CRB,
  },
  // M2 API groups
  {
    name: 'M2 deployments in the core group do not grant apps/deployments',
    objects: aliceRole(rule('create', '', 'deployments')),
    subject: alice,
    request: { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'M2 apiGroup * covers apps',
    objects: aliceRole(rule('create', '*', 'deployments')),
    subject: alice,
    request: { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  // M3 resources and subresources
  {
    name: 'M3 pods does not cover pods/exec',
    objects: aliceRole(rule('create', '', 'pods')),
    subject: alice,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: false,
  },
  {
    name: 'M3 pods/exec does not cover pods',
    objects: aliceRole(rule('get', '', 'pods/exec')),
    subject: alice,
    request: pods('get', 'shop', { name: 'api' }),
    allowed: false,
  },
  {
    name: 'M3 resources * covers pods/exec',
    objects: aliceRole(rule('create', '', '*')),
    subject: alice,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'M3 pods/* is not a wildcard (kubernetes#78936)',
    objects: aliceRole(rule('create', '', 'pods/*')),
    subject: alice,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: false,
  },
  {
    name: 'M3 */* is not a wildcard',
    objects: aliceRole(rule('create', '', '*/*')),
    subject: alice,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: false,
  },
  {
    name: 'M3 */scale covers the scale subresource of any resource',
    objects: aliceRole(rule('update', 'apps', '*/scale')),
    subject: alice,
    request: {
      verb: 'update',
      apiGroup: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      name: 'api',
      namespace: 'shop',
    },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'M3 */scale does not cover the resource itself',
    objects: aliceRole(rule('update', 'apps', '*/scale')),
    subject: alice,
    request: { verb: 'update', apiGroup: 'apps', resource: 'deployments', name: 'api', namespace: 'shop' },
    allowed: false,
  },
  // M4 resourceNames
  {
    name: 'M4 a listed name is granted',
    objects: aliceRole(rule('get', '', 'pods', 'api')),
    subject: alice,
    request: pods('get', 'shop', { name: 'api' }),
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'M4 another name is not',
    objects: aliceRole(rule('get', '', 'pods', 'api')),
    subject: alice,
    request: pods('get', 'shop', { name: 'db' }),
    allowed: false,
  },
  {
    name: 'M4 a name-restricted rule cannot allow create',
    objects: aliceRole(rule('create', '', 'pods', 'api')),
    subject: alice,
    request: pods('create'),
    allowed: false,
  },
  {
    name: 'M4 … nor deletecollection',
    objects: aliceRole(rule('deletecollection', '', 'pods', 'api')),
    subject: alice,
    request: pods('deletecollection'),
    allowed: false,
  },
  {
    name: 'M4 … nor an un-named list',
    objects: aliceRole(rule('list', '', 'pods', 'api')),
    subject: alice,
    request: pods('list'),
    allowed: false,
  },
  {
    name: 'M4 create on a subresource carries the parent name, so resourceNames can allow it',
    objects: aliceRole(rule('create', '', 'pods/exec', 'api')),
    subject: alice,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: true,
    by: BY_RB,
  },
  // M5, M6 non-resource URLs
  {
    name: 'M5 exact URL',
    objects: aliceClusterRole(urlRule('get', '/metrics')),
    subject: alice,
    request: { verb: 'get', path: '/metrics' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'M5 prefix glob covers a sub-path',
    objects: aliceClusterRole(urlRule('get', '/debug/*')),
    subject: alice,
    request: { verb: 'get', path: '/debug/pprof' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'M5 prefix glob does not cover its parent',
    objects: aliceClusterRole(urlRule('get', '/debug/*')),
    subject: alice,
    request: { verb: 'get', path: '/debug' },
    allowed: false,
  },
  {
    name: 'M5 nonResourceURLs granted through a RoleBinding grant nothing',
    objects: {
      clusterRoles: [clusterRole('cr', [urlRule('get', '*')])],
      roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:cr', [user('alice')])],
    },
    subject: alice,
    request: { verb: 'get', path: '/metrics' },
    allowed: false,
  },
  {
    name: 'M6 a URL rule never grants a resource',
    objects: aliceClusterRole(urlRule('*', '*')),
    subject: alice,
    request: pods('get'),
    allowed: false,
  },
  {
    name: 'M6 a resource rule never grants a URL',
    objects: aliceClusterRole(rule('*', '*', '*')),
    subject: alice,
    request: { verb: 'get', path: '/metrics' },
    allowed: false,
  },
  // B1-B4 bindings and scope
  {
    name: 'B1 a RoleBinding to a Role grants in its namespace',
    objects: aliceRole(rule('get', '', 'secrets')),
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'B1 … and nowhere else',
    objects: aliceRole(rule('get', '', 'secrets')),
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'billing' },
    allowed: false,
  },
  {
    name: 'B1 … nor cluster-wide (no namespace)',
    objects: aliceRole(rule('list', '', 'secrets')),
    subject: alice,
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'B1 a RoleBinding finds its Role in its own namespace only',
    objects: {
      roles: [role('billing', 'r', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'Role:r', [user('alice')])],
    },
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'billing' },
    allowed: false,
  },
  {
    name: 'B2 a RoleBinding to a ClusterRole grants in its namespace',
    objects: {
      clusterRoles: [clusterRole('cr', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:cr', [user('alice')])],
    },
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole cr',
  },
  {
    name: 'B2 … not in another namespace',
    objects: {
      clusterRoles: [clusterRole('cr', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:cr', [user('alice')])],
    },
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'billing' },
    allowed: false,
  },
  {
    name: 'B2 cluster-admin through a RoleBinding does not grant nodes, even asked "in" the namespace',
    objects: inShop('cluster-admin', user('alice')),
    subject: alice,
    request: { verb: 'get', resource: 'nodes', name: 'n1', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'B2 cluster-admin through a RoleBinding controls the namespace itself',
    objects: inShop('cluster-admin', user('alice')),
    subject: alice,
    request: { verb: 'delete', resource: 'namespaces', name: 'shop' },
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole cluster-admin',
  },
  {
    name: 'B2 … but not another namespace',
    objects: inShop('cluster-admin', user('alice')),
    subject: alice,
    request: { verb: 'delete', resource: 'namespaces', name: 'billing' },
    allowed: false,
  },
  {
    name: 'B2 … nor list namespaces',
    objects: inShop('cluster-admin', user('alice')),
    subject: alice,
    request: { verb: 'list', resource: 'namespaces' },
    allowed: false,
  },
  {
    name: 'B3 a ClusterRoleBinding grants in every namespace',
    objects: aliceClusterRole(rule('get', '', 'secrets')),
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'billing' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'B3 … and cluster-scoped resources',
    objects: aliceClusterRole(rule('create', '', 'nodes/proxy')),
    subject: alice,
    request: { verb: 'create', resource: 'nodes', subresource: 'proxy', name: 'n1' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'B3 a ClusterRoleBinding cannot reference a Role',
    objects: {
      roles: [role('shop', 'r', [rule('get', '', 'secrets')])],
      clusterRoleBindings: [clusterRoleBinding('crb', 'Role:r', [user('alice')])],
    },
    subject: alice,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'B4 a Role naming nodes/proxy grants nothing',
    objects: aliceRole(rule('create,get', '', 'nodes/proxy')),
    subject: alice,
    request: { verb: 'create', resource: 'nodes', subresource: 'proxy', name: 'n1', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'B4 a Role naming persistentvolumes grants nothing',
    objects: aliceRole(rule('create', '', 'persistentvolumes')),
    subject: alice,
    request: { verb: 'create', resource: 'persistentvolumes', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'B4 a Role naming webhook configurations grants nothing',
    objects: aliceRole(rule('create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')),
    subject: alice,
    request: {
      verb: 'create',
      apiGroup: 'admissionregistration.k8s.io',
      resource: 'mutatingwebhookconfigurations',
      namespace: 'shop',
    },
    allowed: false,
  },
  {
    name: 'B4 a Role cannot grant a cluster-scoped custom resource (by its CRD scope)',
    objects: aliceRole(rule('create', 'example.com', 'widgets')),
    customResources: [{ group: 'example.com', resource: 'widgets', scope: 'Cluster' }],
    subject: alice,
    request: { verb: 'create', apiGroup: 'example.com', resource: 'widgets', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'B4 a Role grants a namespaced custom resource',
    objects: aliceRole(rule('create', 'example.com', 'widgets')),
    customResources: [{ group: 'example.com', resource: 'widgets', scope: 'Namespaced' }],
    subject: alice,
    request: { verb: 'create', apiGroup: 'example.com', resource: 'widgets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'B4 a custom resource without its CRD in the input is taken as namespaced',
    objects: aliceRole(rule('create', 'example.com', 'gadgets')),
    subject: alice,
    request: { verb: 'create', apiGroup: 'example.com', resource: 'gadgets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  // S1-S5 subjects
  {
    name: 'S3 a ServiceAccount subject without namespace is in the RoleBinding namespace',
    objects: {
      roles: [role('shop', 'r', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'Role:r', [sa('', 'web')])],
    },
    subject: web,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'S3 … so it does not name the service account of the same name elsewhere',
    objects: {
      roles: [role('shop', 'r', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'Role:r', [sa('', 'web')])],
    },
    subject: { kind: 'ServiceAccount', namespace: 'billing', name: 'web' },
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: false,
  },
  {
    name: 'S3 a ServiceAccount subject of another namespace gets the grant in the binding namespace',
    objects: {
      roles: [role('shop', 'r', [rule('get', '', 'secrets')])],
      roleBindings: [roleBinding('shop', 'rb', 'Role:r', [sa('billing', 'worker')])],
    },
    subject: { kind: 'ServiceAccount', namespace: 'billing', name: 'worker' },
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'S2 the User system:serviceaccount:<ns>:<name> is the service account',
    objects: {
      ...aliceRole(rule('get', '', 'secrets')),
      roleBindings: [roleBinding('shop', 'rb', 'Role:r', [user('system:serviceaccount:shop:web')])],
    },
    subject: web,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop' },
    allowed: true,
    by: BY_RB,
  },
  {
    name: 'S5 group system:serviceaccounts covers every service account',
    objects: listSecretsTo(group('system:serviceaccounts')),
    subject: web,
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 … but no user',
    objects: listSecretsTo(group('system:serviceaccounts')),
    subject: alice,
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'S5 group system:serviceaccounts:<ns> covers that namespace',
    objects: listSecretsTo(group('system:serviceaccounts:shop')),
    subject: web,
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 … not another namespace',
    objects: listSecretsTo(group('system:serviceaccounts:shop')),
    subject: { kind: 'ServiceAccount', namespace: 'billing', name: 'web' },
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'S5 system:authenticated covers service accounts',
    objects: listSecretsTo(group('system:authenticated')),
    subject: web,
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 … and users',
    objects: listSecretsTo(group('system:authenticated')),
    subject: alice,
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 … not the anonymous user',
    objects: listSecretsTo(group('system:authenticated')),
    subject: { kind: 'User', name: 'system:anonymous' },
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'S5 system:unauthenticated covers the anonymous user',
    objects: listSecretsTo(group('system:unauthenticated')),
    subject: { kind: 'User', name: 'system:anonymous' },
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 … not a service account',
    objects: listSecretsTo(group('system:unauthenticated')),
    subject: web,
    request: { verb: 'list', resource: 'secrets' },
    allowed: false,
  },
  {
    name: 'S4 a user gets the grants of the groups it is given',
    objects: listSecretsTo(group('dev')),
    subject: { kind: 'User', name: 'alice', groups: ['dev'] },
    request: { verb: 'list', resource: 'secrets' },
    allowed: true,
    by: BY_CRB,
  },
  {
    name: 'S5 system:masters is allowed everything without any binding',
    objects: {},
    subject: { kind: 'User', name: 'root', groups: ['system:masters'] },
    request: { verb: 'delete', resource: 'nodes', name: 'n1' },
    allowed: true,
  },
  // Default roles of a real cluster
  {
    name: 'defaults: edit bound in a namespace reads secrets there',
    objects: inShop('edit', sa('', 'web')),
    subject: web,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' },
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole edit',
  },
  {
    name: 'defaults: edit execs into pods (aggregated from system:aggregate-to-edit)',
    objects: inShop('edit', sa('', 'web')),
    subject: web,
    request: pods('create', 'shop', { subresource: 'exec', name: 'api' }),
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole edit',
  },
  {
    name: 'defaults: edit lists pods (view, aggregated into edit)',
    objects: inShop('edit', sa('', 'web')),
    subject: web,
    request: pods('list'),
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole edit',
  },
  {
    name: 'defaults: edit cannot write rolebindings (admin only)',
    objects: inShop('edit', sa('', 'web')),
    subject: web,
    request: {
      verb: 'create',
      apiGroup: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      namespace: 'shop',
    },
    allowed: false,
  },
  {
    name: 'defaults: admin writes rolebindings (edit and view aggregated into admin)',
    objects: inShop('admin', sa('', 'web')),
    subject: web,
    request: {
      verb: 'create',
      apiGroup: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      namespace: 'shop',
    },
    allowed: true,
    by: 'RoleBinding shop/rb -> ClusterRole admin',
  },
  {
    name: 'defaults: view does not read secrets',
    objects: inShop('view', sa('', 'web')),
    subject: web,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' },
    allowed: false,
  },
  {
    name: 'defaults: every service account reads /version (system:discovery, visited first)',
    objects: {},
    subject: web,
    request: { verb: 'get', path: '/version' },
    allowed: true,
    by: 'ClusterRoleBinding system:discovery -> ClusterRole system:discovery',
  },
  {
    name: 'defaults: every service account reads the OIDC issuer discovery document',
    objects: {},
    subject: web,
    request: { verb: 'get', path: '/openid/v1/jwks' },
    allowed: true,
    by: 'ClusterRoleBinding system:service-account-issuer-discovery -> ClusterRole system:service-account-issuer-discovery',
  },
  {
    name: 'defaults: the anonymous user reads /healthz',
    objects: {},
    subject: { kind: 'User', name: 'system:anonymous' },
    request: { verb: 'get', path: '/healthz' },
    allowed: true,
    by: 'ClusterRoleBinding system:public-info-viewer -> ClusterRole system:public-info-viewer',
  },
  {
    name: 'defaults: … but not /apis (system:discovery is for authenticated users)',
    objects: {},
    subject: { kind: 'User', name: 'system:anonymous' },
    request: { verb: 'get', path: '/apis' },
    allowed: false,
  },
  {
    name: 'defaults: a user reads /apis',
    objects: {},
    subject: alice,
    request: { verb: 'get', path: '/apis/apps/v1' },
    allowed: true,
    by: 'ClusterRoleBinding system:discovery -> ClusterRole system:discovery',
  },
  {
    name: 'defaults: a service account reads nothing else',
    objects: {},
    subject: web,
    request: pods('list'),
    allowed: false,
  },
  {
    name: 'defaults: group system:masters is bound to cluster-admin',
    objects: {},
    subject: { kind: 'Group', name: 'system:masters' },
    request: pods('list'),
    allowed: true,
    by: 'ClusterRoleBinding cluster-admin -> ClusterRole cluster-admin',
  },
  {
    name: 'defaults: an input ClusterRole of the same name wins',
    objects: {
      clusterRoles: [clusterRole('edit', [rule('get', '', 'configmaps')])],
      roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:edit', [sa('', 'web')])],
    },
    subject: web,
    request: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' },
    allowed: false,
  },
  {
    name: 'dangling roleRef grants nothing',
    objects: { roleBindings: [roleBinding('shop', 'rb', 'Role:missing', [sa('', 'web')])] },
    subject: web,
    request: pods('list'),
    allowed: false,
  },
];

const describeGrant = (g: {
  binding: { kind: string; namespace: string; name: string };
  role: { kind: string; namespace: string; name: string };
}): string => {
  const n = (o: { namespace: string; name: string }) =>
    o.namespace === '' ? o.name : `${o.namespace}/${o.name}`;
  return `${g.binding.kind} ${n(g.binding)} -> ${g.role.kind} ${n(g.role)}`;
};

describe('authorizer truth table (RBAC doc, identity.md §1)', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const index = buildRbacIndex({ ...input(row.objects), customResources: row.customResources });
    const decision = canI(index, row.subject, row.request);
    expect(decision.allowed).toBe(row.allowed);
    if (row.by !== undefined) expect(describeGrant(decision.grants[0]!)).toBe(row.by);
    if (row.allowed && row.by === undefined) expect(decision.superuser).toBe(true);
  });
});

describe('system:masters', () => {
  it('is a superuser decision, not an RBAC grant, and cannot be revoked by removing bindings', () => {
    const index = buildRbacIndex(input({}), { defaults: false });
    const decision = canI(
      index,
      { kind: 'User', name: 'root', groups: ['system:masters'] },
      { verb: 'get', path: '/anything' },
    );
    expect(decision).toEqual({ allowed: true, superuser: true, grants: [] });
  });
});
