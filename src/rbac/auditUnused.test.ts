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
} from './__fixtures__/rbacObjects.js';
import type { AuditRequest } from './auditLog.js';
import { boundSubjects, unusedPermissions } from './auditUnused.js';
import { buildRbacIndex } from './rbacIndex.js';
import type { AccessRequest } from './types.js';

const index = buildRbacIndex(
  input({
    roles: [
      role('shop', 'reader', [rule('get,list', '', 'configmaps,secrets')]),
      role('shop', 'pod-admin', [rule('*', '', 'pods')]),
    ],
    clusterRoles: [clusterRole('node-reader', [rule('get', '', 'nodes'), urlRule('get', '/metrics')])],
    roleBindings: [
      roleBinding('shop', 'reader', 'Role:reader', [sa('', 'web')]),
      roleBinding('shop', 'pod-admin', 'Role:pod-admin', [group('shop-devs')]),
    ],
    clusterRoleBindings: [clusterRoleBinding('node-reader', 'ClusterRole:node-reader', [sa('shop', 'web')])],
  }),
);

const web = {
  name: 'system:serviceaccount:shop:web',
  groups: ['system:serviceaccounts', 'system:authenticated'],
};
const at = (user: AuditRequest['user'], request: AccessRequest): AuditRequest => ({ line: 1, user, request });

describe('unusedPermissions', () => {
  it('lists the subjects of the input’s own bindings, not the default policy’s', () => {
    expect(boundSubjects(index)).toEqual([
      { kind: 'Group', name: 'shop-devs' },
      { kind: 'ServiceAccount', namespace: 'shop', name: 'web' },
    ]);
  });

  it('counts one verb on one resource in one namespace, used when the log has a request it allows', () => {
    const log = [
      at(web, { verb: 'get', apiGroup: '', resource: 'configmaps', namespace: 'shop', name: 'app' }),
      at(web, { verb: 'get', path: '/metrics' }),
      // another namespace uses nothing granted in shop
      at(web, { verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'billing' }),
    ];
    const [, usage] = unusedPermissions(index, log);
    expect(usage!.subject).toEqual({ kind: 'ServiceAccount', namespace: 'shop', name: 'web' });
    expect([usage!.granted, usage!.used, usage!.requests]).toEqual([6, 2, 3]);
    // ClusterRoleBindings first: the authorizer's visiting order
    expect(usage!.unused.map((a) => [a.verb, a.resource ?? a.nonResourceURL, a.namespace])).toEqual([
      ['get', 'nodes', '*'],
      ['get', 'secrets', 'shop'],
      ['list', 'configmaps', 'shop'],
      ['list', 'secrets', 'shop'],
    ]);
    expect(usage!.unused[1]!.grantedBy.map((g) => g.binding.name)).toEqual(['reader']);
  });

  it('counts a * verb as the API verbs, so one read does not use it all', () => {
    const alice = { name: 'alice', groups: ['shop-devs', 'system:authenticated'] };
    const [usage] = unusedPermissions(index, [
      at(alice, { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'shop', name: 'x' }),
    ]);
    expect(usage!.subject).toEqual({ kind: 'Group', name: 'shop-devs' });
    expect([usage!.granted, usage!.used]).toEqual([8, 1]);
    expect(usage!.unused.map((a) => a.verb)).toEqual([
      'list',
      'watch',
      'create',
      'update',
      'patch',
      'delete',
      'deletecollection',
    ]);
  });

  it('counts a * resource as the known resources of the grant’s scope plus what the log named', () => {
    const wide = buildRbacIndex(
      input({
        roles: [role('shop', 'all', [rule('get', '*', '*')])],
        roleBindings: [roleBinding('shop', 'all', 'Role:all', [sa('', 'web')])],
      }),
    );
    const log = [
      at(web, {
        verb: 'get',
        apiGroup: '',
        resource: 'pods',
        subresource: 'log',
        namespace: 'shop',
        name: 'x',
      }),
      at(web, {
        verb: 'get',
        apiGroup: 'stable.example.com',
        resource: 'crontabs',
        namespace: 'shop',
        name: 'y',
      }),
    ];
    const [usage] = unusedPermissions(wide, log);
    // 32 namespaced built-in resources of 1.34, pods/log and crontabs from the log
    expect([usage!.granted, usage!.used]).toEqual([34, 2]);
    expect(usage!.unused.some((a) => a.resource === 'nodes')).toBe(false);
  });
});
