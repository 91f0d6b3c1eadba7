import { describe, expect, it } from 'vitest';
import { defaultClusterRoleBindings } from './defaultRoles.js';

describe('default ClusterRoleBindings checked against upstream', () => {
  // openshift/kubernetes@95e062fd bootstrappolicy/testdata/cluster-role-bindings.yaml (upstream's golden file)
  it.each([
    ['system:monitoring', 'system:monitoring'],
    ['system:service-account-issuer-discovery', 'system:serviceaccounts'],
  ])('%s binds its ClusterRole to Group %s', (name, groupName) => {
    const binding = defaultClusterRoleBindings().find((b) => b.metadata?.name === name);
    expect(binding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {
        name,
        labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: groupName }],
    });
  });
});
