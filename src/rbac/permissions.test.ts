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
import { buildRbacIndex } from './rbacIndex.js';
import { effectivePermissions, scopedToNamespace } from './permissions.js';
import { policyRuleOf } from './ruleMatch.js';
import { scopeResolver } from './clusterScope.js';
import type { SubjectRef } from './types.js';

const web: SubjectRef = { kind: 'ServiceAccount', namespace: 'shop', name: 'web' };

/** A permission as one line: `<ns> <verbs> <groups>/<resources>[names] <urls> <- binding>role`. */
function lines(perms: ReturnType<typeof effectivePermissions>['permissions']): string[] {
  return perms.map((p) => {
    const what =
      p.nonResourceURLs.length > 0
        ? p.nonResourceURLs.join(',')
        : `${p.apiGroups.join(',')}/${p.resources.join(',')}`;
    const names = p.resourceNames.length > 0 ? `[${p.resourceNames.join(',')}]` : '';
    const by = p.grantedBy.map((g) => `${g.binding.name}>${g.role.name}#${g.ruleIndex}`).join(' ');
    return `${p.namespace} ${p.verbs.join(',')} ${what}${names} <- ${by}`;
  });
}

describe('effective permissions of a subject', () => {
  it('lists each rule with its namespace ("*" cluster-wide) and the binding and role that grant it', () => {
    const index = buildRbacIndex(
      input({
        roles: [role('shop', 'reader', [rule('get', '', 'secrets'), rule('list', '', 'pods')])],
        clusterRoles: [clusterRole('metrics', [urlRule('get', '/metrics')])],
        roleBindings: [roleBinding('shop', 'rb', 'Role:reader', [sa('', 'web')])],
        clusterRoleBindings: [
          clusterRoleBinding('crb', 'ClusterRole:metrics', [group('system:serviceaccounts:shop')]),
        ],
      }),
      { defaults: false },
    );
    const result = effectivePermissions(index, web);
    expect(result.superuser).toBe(false);
    expect(lines(result.permissions)).toEqual([
      '* get /metrics <- crb>metrics#0',
      'shop get /secrets <- rb>reader#0',
      'shop list /pods <- rb>reader#1',
    ]);
    expect(result.permissions[0]!.grantedBy[0]!.via).toEqual({
      kind: 'Group',
      name: 'system:serviceaccounts:shop',
    });
    expect(result.permissions[1]!.grantedBy[0]!.via).toEqual({
      kind: 'ServiceAccount',
      namespace: 'shop',
      name: 'web',
    });
  });

  it('merges the same rule granted twice in one namespace into one permission with both grants', () => {
    const index = buildRbacIndex(
      input({
        roles: [role('shop', 'a', [rule('get', '', 'pods')]), role('shop', 'b', [rule('get', '', 'pods')])],
        roleBindings: [
          roleBinding('shop', 'rb-a', 'Role:a', [sa('', 'web')]),
          roleBinding('shop', 'rb-b', 'Role:b', [user('system:serviceaccount:shop:web')]),
        ],
      }),
      { defaults: false },
    );
    expect(lines(effectivePermissions(index, web).permissions)).toEqual([
      'shop get /pods <- rb-a>a#0 rb-b>b#0',
    ]);
  });

  it('a RoleBinding keeps only what it can grant: no cluster-scoped resources, no URLs, its own Namespace object by name', () => {
    const index = buildRbacIndex(
      input({
        clusterRoles: [
          clusterRole('mixed', [
            rule('create,get', '', 'nodes/proxy,pods/exec'),
            urlRule('get', '/metrics'),
            rule('get,delete', '', 'namespaces'),
            rule('create', 'storage.k8s.io', 'storageclasses'),
          ]),
        ],
        roleBindings: [roleBinding('shop', 'rb', 'ClusterRole:mixed', [sa('', 'web')])],
      }),
      { defaults: false },
    );
    expect(lines(effectivePermissions(index, web).permissions)).toEqual([
      'shop create,get /pods/exec <- rb>mixed#0',
      'shop get,delete /namespaces[shop] <- rb>mixed#2',
    ]);
  });

  it('a Role naming nodes/proxy grants nothing at all', () => {
    const index = buildRbacIndex(
      input({
        roles: [role('shop', 'r', [rule('create,get', '', 'nodes/proxy')])],
        roleBindings: [roleBinding('shop', 'rb', 'Role:r', [sa('', 'web')])],
      }),
      { defaults: false },
    );
    expect(effectivePermissions(index, web).permissions).toEqual([]);
  });

  it('reports bindings to a missing role, and system:masters membership', () => {
    const index = buildRbacIndex(
      input({
        clusterRoleBindings: [clusterRoleBinding('crb', 'ClusterRole:gone', [group('system:masters')])],
      }),
      { defaults: false },
    );
    const result = effectivePermissions(index, { kind: 'User', name: 'root', groups: ['system:masters'] });
    expect(result.superuser).toBe(true);
    expect(result.permissions).toEqual([]);
    expect(result.dangling.map((d) => `${d.binding.name}>${d.roleRef.kind}:${d.roleRef.name}`)).toEqual([
      'crb>ClusterRole:gone',
    ]);
  });

  it('a service account of a cluster with the defaults only has the discovery permissions', () => {
    const result = effectivePermissions(buildRbacIndex(input({})), web);
    expect(result.permissions.map((p) => `${p.namespace} ${p.grantedBy[0]!.role.name}`)).toEqual([
      '* system:discovery',
      '* system:basic-user',
      '* system:basic-user',
      '* system:public-info-viewer',
      '* system:service-account-issuer-discovery',
    ]);
  });
});

describe('scopedToNamespace', () => {
  const scope = scopeResolver('1.30');
  const cut = (...args: Parameters<typeof rule>) =>
    scopedToNamespace(policyRuleOf(rule(...args)), 'shop', scope).map(
      (r) => `${r.apiGroups.join(',')}/${r.resources.join(',')}[${r.resourceNames.join(',')}]`,
    );

  it('splits a rule whose groups keep different resources', () => {
    expect(cut('get', ',example.com', 'nodes,widgets')).toEqual([
      '/widgets[]',
      'example.com/nodes,widgets[]',
    ]);
  });
  it('with apiGroup * drops resources every known group serves cluster-scoped', () => {
    expect(cut('get', '*', 'nodes,pods,*/scale')).toEqual(['*/pods,*/scale[]']);
  });
  it('keeps the own Namespace object only when resourceNames allow it', () => {
    expect(cut('get', '', 'namespaces', 'shop,billing')).toEqual(['/namespaces[shop]']);
    expect(cut('get', '', 'namespaces', 'billing')).toEqual([]);
  });
});
