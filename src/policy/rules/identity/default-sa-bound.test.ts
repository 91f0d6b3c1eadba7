import { ruleTests } from '../../../../test/ruleTester.js';
import { defaultSaBound } from './default-sa-bound.js';

ruleTests(defaultSaBound, {
  valid: [
    {
      name: 'a dedicated ServiceAccount',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web}]
`,
    },
    {
      name: 'a User called default',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: default}]
`,
    },
  ],
  invalid: [
    {
      name: "RoleBinding: a subject without namespace is in the binding's namespace",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: shop-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: shop-admin}
subjects: [{kind: ServiceAccount, name: web}, {kind: ServiceAccount, name: default}]
`,
      findings: [
        {
          path: 'subjects[1].name',
          message:
            'binds ServiceAccount shop/default to Role shop/shop-admin; every pod of that namespace without its own ServiceAccount gets it',
        },
      ],
    },
    {
      name: 'ClusterRoleBinding of two default ServiceAccounts',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: a}
- {kind: ServiceAccount, name: default, namespace: b}
`,
      findings: [
        {
          path: 'subjects[0].name',
          message:
            'binds ServiceAccount a/default to ClusterRole view; every pod of that namespace without its own ServiceAccount gets it',
        },
        {
          path: 'subjects[1].name',
          message:
            'binds ServiceAccount b/default to ClusterRole view; every pod of that namespace without its own ServiceAccount gets it',
        },
      ],
    },
  ],
});
