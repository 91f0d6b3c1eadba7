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
  user,
} from './__fixtures__/rbacObjects.js';
import { buildRbacIndex } from './rbacIndex.js';
import { whoCan } from './whoCan.js';
import type { AccessRequest } from './types.js';

const index = buildRbacIndex(
  input({
    roles: [
      role('shop', 'secret-reader', [rule('get', '', 'secrets')]),
      role('shop', 'node-proxy', [rule('create', '', 'nodes/proxy')]),
    ],
    clusterRoles: [
      clusterRole('all-secrets', [rule('get,list', '', 'secrets')]),
      clusterRole('kubelet', [rule('create', '', 'nodes/proxy')]),
    ],
    roleBindings: [
      roleBinding('shop', 'web-secrets', 'Role:secret-reader', [
        sa('', 'web'),
        user('system:serviceaccount:shop:api'),
      ]),
      roleBinding('shop', 'proxy', 'Role:node-proxy', [sa('', 'web')]),
      roleBinding('billing', 'billing-secrets', 'ClusterRole:all-secrets', [group('billing-devs')]),
    ],
    clusterRoleBindings: [
      clusterRoleBinding('readers', 'ClusterRole:all-secrets', [
        group('system:serviceaccounts:ops'),
        user('auditor'),
      ]),
      clusterRoleBinding('kubelet', 'ClusterRole:kubelet', [user('kube-apiserver')]),
    ],
  }),
  { defaults: false },
);

/** `<kind> <ns/>name <- binding,…` per subject; `*` marks the superuser group. */
function who(request: AccessRequest): string[] {
  return whoCan(index, request).subjects.map(({ subject, superuser, grantedBy }) => {
    const name = subject.kind === 'ServiceAccount' ? `${subject.namespace}/${subject.name}` : subject.name;
    return `${subject.kind} ${name}${superuser ? ' *' : ''} <- ${grantedBy.map((g) => g.binding.name).join(',')}`;
  });
}

describe('who-can', () => {
  it('lists groups, users and service accounts granted in the namespace, and the superuser group', () => {
    expect(who({ verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' })).toEqual([
      'Group system:masters * <- ',
      'Group system:serviceaccounts:ops <- readers',
      'ServiceAccount shop/api <- web-secrets',
      'ServiceAccount shop/web <- web-secrets',
      'User auditor <- readers',
    ]);
  });

  it('a RoleBinding to a ClusterRole answers only in its namespace', () => {
    expect(who({ verb: 'list', resource: 'secrets', namespace: 'billing' })).toEqual([
      'Group billing-devs <- billing-secrets',
      'Group system:masters * <- ',
      'Group system:serviceaccounts:ops <- readers',
      'User auditor <- readers',
    ]);
    expect(who({ verb: 'list', resource: 'secrets' })).toEqual([
      'Group system:masters * <- ',
      'Group system:serviceaccounts:ops <- readers',
      'User auditor <- readers',
    ]);
  });

  it('a cluster-scoped request ignores RoleBindings, whatever namespace is asked', () => {
    const result = whoCan(index, {
      verb: 'create',
      resource: 'nodes',
      subresource: 'proxy',
      name: 'n1',
      namespace: 'shop',
    });
    expect(result.request).toEqual({
      verb: 'create',
      resource: 'nodes',
      subresource: 'proxy',
      name: 'n1',
      namespace: '',
    });
    expect(who(result.request)).toEqual(['Group system:masters * <- ', 'User kube-apiserver <- kubelet']);
  });
});
