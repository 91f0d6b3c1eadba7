import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../load/parse.js';
import { buildModelIndex } from '../../model/build.js';
import { bindingsOfServiceAccount, subjectCoversServiceAccount } from './bindings.js';
import type { Subject } from './rbacObjects.js';

const subject = (kind: string, name: string, namespace?: string): Subject => ({
  kind,
  name,
  ...(namespace !== undefined ? { namespace } : {}),
  index: 0,
  path: ['subjects', 0],
});
const web = { namespace: 'shop', name: 'web' };

describe('subjectCoversServiceAccount (RBAC doc, "Referring to subjects")', () => {
  it.each([
    ['SA named, namespace given', subject('ServiceAccount', 'web', 'shop'), undefined, {}],
    ['SA without namespace in a RoleBinding of its namespace', subject('ServiceAccount', 'web'), 'shop', {}],
    [
      'SA without namespace in a RoleBinding of another namespace',
      subject('ServiceAccount', 'web'),
      'other',
      undefined,
    ],
    ['SA without namespace in a ClusterRoleBinding', subject('ServiceAccount', 'web'), undefined, undefined],
    ['SA of another namespace', subject('ServiceAccount', 'web', 'other'), 'shop', undefined],
    [
      'its user name',
      subject('User', 'system:serviceaccount:shop:web'),
      undefined,
      { via: 'User system:serviceaccount:shop:web' },
    ],
    [
      'every SA',
      subject('Group', 'system:serviceaccounts'),
      undefined,
      { via: 'Group system:serviceaccounts' },
    ],
    [
      'every SA of the namespace',
      subject('Group', 'system:serviceaccounts:shop'),
      undefined,
      { via: 'Group system:serviceaccounts:shop' },
    ],
    ['every SA of another namespace', subject('Group', 'system:serviceaccounts:other'), undefined, undefined],
    [
      'every authenticated identity',
      subject('Group', 'system:authenticated'),
      undefined,
      { via: 'Group system:authenticated' },
    ],
    ['unauthenticated is not an SA', subject('Group', 'system:unauthenticated'), undefined, undefined],
    [
      'singular group name is not a group',
      subject('Group', 'system:serviceaccount:shop:web'),
      undefined,
      undefined,
    ],
  ])('%s', (_n, s, bindingNs, want) => {
    expect(subjectCoversServiceAccount(s, bindingNs, web)).toEqual(want);
  });
});

describe('bindingsOfServiceAccount', () => {
  const inventory = (yaml: string) => buildModelIndex(parseManifestText(yaml, 't.yaml').resources);

  it('a RoleBinding to a Role resolves the Role in the binding namespace only', () => {
    const inv = inventory(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: other}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`);
    const [b] = bindingsOfServiceAccount(inv, web);
    expect(b?.namespace).toBe('shop');
    expect(b?.role).toBeUndefined();
  });

  it('a RoleBinding to a ClusterRole is scoped to its namespace, a ClusterRoleBinding to the cluster', () => {
    const inv = inventory(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: ServiceAccount, name: web}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}, {kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`);
    const got = bindingsOfServiceAccount(inv, web).map((b) => ({
      name: b.binding.ref.name,
      namespace: b.namespace,
      rules: b.role?.rules.length,
      via: b.via,
    }));
    // ClusterRoleBindings first; one entry per binding even when several subjects match.
    expect(got).toEqual([
      { name: 'crb', namespace: undefined, rules: 1, via: undefined },
      { name: 'rb', namespace: 'shop', rules: 1, via: undefined },
    ]);
  });

  it('a RoleBinding in another namespace applies when it names the SA with its namespace, and grants there', () => {
    const inv = inventory(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: cross, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: web}, {kind: ServiceAccount, name: web, namespace: shop}]
`);
    const got = bindingsOfServiceAccount(inv, web);
    expect(got.map((b) => [b.binding.ref.name, b.namespace, b.subject.index])).toEqual([
      ['cross', 'payments', 1],
    ]);
    expect(
      bindingsOfServiceAccount(inv, { namespace: 'payments', name: 'web' }).map((b) => b.subject.index),
    ).toEqual([0]);
  });

  it('malformed bindings are ignored', () => {
    const inv = inventory(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: "cluster-admin"
subjects: "web"
`);
    expect(bindingsOfServiceAccount(inv, web)).toEqual([]);
  });
});
