import { describe, expect, it } from 'vitest';
import {
  clusterRole,
  clusterRoleBinding,
  input,
  role,
  roleBinding,
  rule,
  sa,
} from './__fixtures__/rbacObjects.js';
import { accessOf } from './access.js';
import { accessMatrix, type MatrixRow } from './accessMatrix.js';
import { userInfoOf } from './identity.js';
import { buildRbacIndex } from './rbacIndex.js';
import { riskyAccessOf } from './riskyAccess.js';

const index = buildRbacIndex(
  input({
    roles: [
      role('shop', 'app', [
        rule('get,list', '', 'pods'),
        rule('get', '', 'secrets', 'db'),
        rule('create', '', 'pods/exec'),
      ]),
    ],
    clusterRoles: [
      clusterRole('nodes', [rule('list', '', 'nodes')]),
      clusterRole('crons', [rule('watch', 'stable.example.com', 'crontabs')]),
    ],
    roleBindings: [
      roleBinding('shop', 'app', 'Role:app', [sa('', 'web')]),
      roleBinding('shop', 'crons', 'ClusterRole:crons', [sa('', 'web')]),
    ],
    clusterRoleBindings: [clusterRoleBinding('nodes', 'ClusterRole:nodes', [sa('shop', 'web')])],
  }),
);
const web = { kind: 'ServiceAccount', namespace: 'shop', name: 'web' } as const;
const crds = [{ group: 'stable.example.com', resource: 'crontabs', scope: 'Namespaced' as const }];
const row = (rows: readonly MatrixRow[], resource: string) =>
  rows.find((r) => r.resource === resource)?.access;

describe('accessMatrix', () => {
  it('in a namespace: namespaced resources only, partial where only some names are allowed', () => {
    const m = accessMatrix(index, web, { namespace: 'shop', customResources: crds });
    expect(row(m.rows, 'pods')).toEqual({
      get: 'yes',
      list: 'yes',
      watch: 'no',
      create: 'no',
      update: 'no',
      patch: 'no',
      delete: 'no',
    });
    expect(row(m.rows, 'secrets')).toEqual({
      get: 'partial',
      list: 'no',
      watch: 'no',
      create: 'no',
      update: 'no',
      patch: 'no',
      delete: 'no',
    });
    expect(row(m.rows, 'crontabs')?.watch).toBe('yes');
    expect(row(m.rows, 'nodes')).toBeUndefined();
    expect(m.rows.every((r) => r.namespaced)).toBe(true);
    expect(m.rows.map((r) => r.resource).slice(0, 3)).toEqual(['bindings', 'configmaps', 'endpoints']);
    expect(m.rows.at(-1)?.resource).toBe('crontabs');
  });

  it('cluster-wide: every resource, and only ClusterRoleBindings count', () => {
    const m = accessMatrix(index, web, { customResources: crds });
    expect(row(m.rows, 'nodes')?.list).toBe('yes');
    expect(row(m.rows, 'pods')?.get).toBe('no');
    expect(row(m.rows, 'crontabs')?.watch).toBe('no');
    expect(m.rows.some((r) => !r.namespaced)).toBe(true);
  });

  it('gives system:masters everything', () => {
    const m = accessMatrix(index, { kind: 'Group', name: 'system:masters' }, { namespace: 'shop' });
    expect(m.rows.every((r) => Object.values(r.access).every((a) => a === 'yes'))).toBe(true);
  });
});

describe('riskyAccessOf', () => {
  it('names what the token could do, partial for name-restricted grants', () => {
    expect(riskyAccessOf(index, web, 'shop')).toEqual([
      { id: 'read-secrets', title: 'read Secrets', access: 'partial' },
      { id: 'exec', title: 'exec or attach into pods, add ephemeral containers', access: 'yes' },
    ]);
  });

  it('does not let a RoleBinding impersonate users (users have no namespace) but does for its ServiceAccounts', () => {
    const ns = buildRbacIndex(
      input({
        roles: [role('shop', 'all', [rule('*', '*', '*')])],
        roleBindings: [roleBinding('shop', 'all', 'Role:all', [sa('', 'web')])],
      }),
    );
    const ids = riskyAccessOf(ns, web, 'shop').map((r) => r.id);
    expect(ids).toEqual([
      'namespace-admin',
      'read-secrets',
      'create-pods',
      'exec',
      'impersonate',
      'escalate-bind',
      'create-tokens',
    ]);
    const user = userInfoOf(web);
    expect(
      accessOf(ns, user, { verb: 'impersonate', apiGroup: '', resource: 'users', namespace: '' }).access,
    ).toBe('no');
    expect(
      accessOf(ns, user, {
        verb: 'impersonate',
        apiGroup: '',
        resource: 'serviceaccounts',
        namespace: 'shop',
      }).access,
    ).toBe('yes');
    const cluster = buildRbacIndex(
      input({
        clusterRoleBindings: [clusterRoleBinding('admin', 'ClusterRole:cluster-admin', [sa('shop', 'web')])],
      }),
    );
    expect(riskyAccessOf(cluster, web, 'shop').map((r) => r.id)).toEqual([
      'cluster-admin',
      'read-secrets',
      'create-pods',
      'exec',
      'impersonate',
      'escalate-bind',
      'create-tokens',
      'nodes-proxy',
      'approve-csr',
      'webhooks',
      'create-persistentvolumes',
    ]);
  });
});
