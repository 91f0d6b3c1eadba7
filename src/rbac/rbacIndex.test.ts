import { describe, expect, it } from 'vitest';
import type { V1ClusterRoleBinding, V1Role, V1RoleBinding } from '@kubernetes/client-node';
import {
  clusterRole,
  clusterRoleBinding,
  input,
  role,
  roleBinding,
  rule,
  sa,
  user,
} from './__fixtures__/rbacObjects.js';
import { canI } from './authorizer.js';
import { buildRbacIndex } from './rbacIndex.js';
import type { Sourced } from './types.js';

const at = (line: number) => ({ file: 'rbac.yaml', line });

describe('bad input is data, never thrown', () => {
  it('reports a subject of an invalid kind with the binding and path, and keeps the valid subjects', () => {
    const binding: Sourced<V1RoleBinding, { file: string; line: number }> = {
      ...roleBinding('shop', 'rb', 'Role:r', [{ kind: 'Robot', name: 'r2' }, sa('', 'web')]),
      source: at(7),
    };
    const index = buildRbacIndex(
      input({ roles: [role('shop', 'r', [rule('get', '', 'pods')])], roleBindings: [binding] }),
    );
    expect(index.errors).toEqual([
      {
        object: { kind: 'RoleBinding', namespace: 'shop', name: 'rb', source: at(7) },
        path: 'subjects[0].kind',
        message: 'unsupported subject kind "Robot" (use User, Group or ServiceAccount)',
      },
    ]);
    const web = { kind: 'ServiceAccount', namespace: 'shop', name: 'web' } as const;
    expect(canI(index, web, { verb: 'get', resource: 'pods', namespace: 'shop' }).allowed).toBe(true);
  });

  it('reports an invalid roleRef kind; the binding grants nothing', () => {
    const bindings: V1RoleBinding[] = [roleBinding('shop', 'rb', 'Deployment:web', [user('alice')])];
    const crbs: V1ClusterRoleBinding[] = [clusterRoleBinding('crb', 'Role:r', [user('alice')])];
    const index = buildRbacIndex(
      input({
        roles: [role('shop', 'r', [rule('*', '*', '*')])],
        roleBindings: bindings,
        clusterRoleBindings: crbs,
      }),
      {
        defaults: false,
      },
    );
    expect(index.errors.map((e) => [e.object.kind, e.object.name, e.path, e.message])).toEqual([
      [
        'ClusterRoleBinding',
        'crb',
        'roleRef.kind',
        'a ClusterRoleBinding cannot reference kind "Role" (use ClusterRole)',
      ],
      [
        'RoleBinding',
        'rb',
        'roleRef.kind',
        'a RoleBinding cannot reference kind "Deployment" (use Role or ClusterRole)',
      ],
    ]);
    expect(index.dangling).toEqual([]);
    expect(
      canI(index, { kind: 'User', name: 'alice' }, { verb: 'get', resource: 'pods', namespace: 'shop' })
        .allowed,
    ).toBe(false);
  });

  it('reports a ServiceAccount without namespace in a ClusterRoleBinding, a nameless subject and a wrong apiGroup', () => {
    const crb = clusterRoleBinding('crb', 'ClusterRole:view', [
      sa('', 'web'),
      { kind: 'User', name: '' },
      { kind: 'Group', apiGroup: 'example.com', name: 'dev' },
      { kind: 'ServiceAccount', apiGroup: 'rbac.authorization.k8s.io', namespace: 'shop', name: 'x' },
    ]);
    const index = buildRbacIndex(input({ clusterRoleBindings: [crb] }));
    expect(index.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'subjects[0].namespace: ServiceAccount "web" needs a namespace in a ClusterRoleBinding',
      'subjects[1].name: subject of kind "User" has no name',
      'subjects[2].apiGroup: Group subjects need apiGroup rbac.authorization.k8s.io, not "example.com"',
      'subjects[3].apiGroup: ServiceAccount subjects need apiGroup "", not "rbac.authorization.k8s.io"',
    ]);
    expect(index.bindings.find((b) => b.ref.name === 'crb')!.subjects).toEqual([]);
  });

  it('survives malformed objects: rules that are not lists, subjects that are not a list, missing roleRef', () => {
    const malformed = JSON.parse(
      '{"metadata":{"name":"r","namespace":"shop"},"rules":[{"verbs":"get","resources":["pods"],"apiGroups":[""]},null,{"verbs":["list"],"apiGroups":[""],"resources":["pods",7]}]}',
    ) as V1Role;
    const binding = JSON.parse(
      '{"metadata":{"name":"rb","namespace":"shop"},"subjects":{"kind":"User"}}',
    ) as V1RoleBinding;
    const index = buildRbacIndex(input({ roles: [malformed], roleBindings: [binding] }));
    expect(index.roles.get('shop/r')!.rules.map((r) => [r.verbs, r.resources])).toEqual([
      [[], ['pods']],
      [[], []],
      [['list'], ['pods']],
    ]);
    expect(index.errors.map((e) => `${e.object.name} ${e.path}`)).toEqual(['rb roleRef.kind']);
  });
});

describe('dangling roleRef', () => {
  it('is reported as data with the binding and the missing role', () => {
    const index = buildRbacIndex(
      input({
        roleBindings: [{ ...roleBinding('shop', 'rb', 'Role:gone', [sa('', 'web')]), source: at(3) }],
        clusterRoleBindings: [clusterRoleBinding('crb', 'ClusterRole:also-gone', [user('alice')])],
      }),
    );
    expect(index.dangling).toEqual([
      {
        binding: { kind: 'ClusterRoleBinding', namespace: '', name: 'crb' },
        roleRef: { kind: 'ClusterRole', name: 'also-gone' },
      },
      {
        binding: { kind: 'RoleBinding', namespace: 'shop', name: 'rb', source: at(3) },
        roleRef: { kind: 'Role', name: 'gone' },
      },
    ]);
    expect(index.errors).toEqual([]);
  });

  it('a binding to a default role is not dangling; without defaults it is', () => {
    const objects = input({ roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:edit', [sa('', 'web')])] });
    expect(buildRbacIndex(objects).dangling).toEqual([]);
    expect(buildRbacIndex(objects, { defaults: false }).dangling.map((d) => d.roleRef.name)).toEqual([
      'edit',
    ]);
  });
});

describe('defaults and the input', () => {
  it('marks default roles and bindings, and lets input objects of the same name replace them', () => {
    const index = buildRbacIndex(
      input({
        clusterRoles: [clusterRole('view', [rule('get', '', 'pods')])],
        clusterRoleBindings: [clusterRoleBinding('cluster-admin', 'ClusterRole:view', [user('bob')])],
      }),
    );
    expect(index.clusterRoles.get('view')).toEqual({
      ref: { kind: 'ClusterRole', namespace: '', name: 'view' },
      rules: [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [], nonResourceURLs: [] },
      ],
      aggregated: false,
    });
    expect(index.clusterRoles.get('edit')!.ref.isDefault).toBe(true);
    const admins = index.clusterRoleBindings.filter((b) => b.ref.name === 'cluster-admin');
    expect(admins.map((b) => [b.ref.isDefault ?? false, b.subjects])).toEqual([
      [false, [{ kind: 'User', name: 'bob' }]],
    ]);
  });

  it('puts namespaced objects without a namespace in the default namespace (as kubectl apply does)', () => {
    const index = buildRbacIndex(
      input({
        roles: [{ metadata: { name: 'r' }, rules: [rule('get', '', 'pods')] }],
        roleBindings: [
          {
            metadata: { name: 'rb' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
            subjects: [sa('', 'web')],
          },
        ],
      }),
      { defaultNamespace: 'shop' },
    );
    const web = { kind: 'ServiceAccount', namespace: 'shop', name: 'web' } as const;
    expect(canI(index, web, { verb: 'get', resource: 'pods', namespace: 'shop' }).allowed).toBe(true);
  });
});
