import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';

ruleTests(rbacClusterAdminBinding, {
  valid: [
    {
      name: 'ClusterRoleBinding to admin',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`,
    },
    {
      name: 'a Role that happens to be called cluster-admin',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
subjects: [{kind: User, name: alice}]
`,
    },
    {
      name: 'the bootstrap system:masters binding',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "true"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}]
`,
    },
    {
      name: 'no subjects grants nothing',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
`,
    },
    {
      name: 'a ClusterRoleBinding cannot reference a Role',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
subjects: [{kind: User, name: alice}]
`,
    },
  ],
  invalid: [
    {
      name: 'cluster-wide to a user and a group',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
`,
      findings: [
        {
          path: 'roleRef.name',
          message: 'binds ClusterRole cluster-admin cluster-wide to User alice, Group ops',
        },
      ],
    },
    {
      name: 'RoleBinding to the ClusterRole grants it in the namespace only; SA namespace defaults to the binding',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci}]
`,
      findings: [
        {
          path: 'roleRef.name',
          message: 'binds ClusterRole cluster-admin in namespace shop to ServiceAccount shop/ci',
        },
      ],
    },
    {
      name: 'RoleBinding without namespace lands in default',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci, namespace: tools}]
`,
      findings: [
        {
          path: 'roleRef.name',
          message: 'binds ClusterRole cluster-admin in namespace default to ServiceAccount tools/ci',
        },
      ],
    },
  ],
});
