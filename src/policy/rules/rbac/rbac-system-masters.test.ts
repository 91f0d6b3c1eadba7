import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacSystemMasters } from './rbac-system-masters.js';

ruleTests(rbacSystemMasters, {
  valid: [
    {
      name: 'an ordinary admin group',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: platform-admins}]
`,
    },
    {
      name: 'the bootstrap binding',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
`,
    },
    {
      name: 'a User named system:masters, and a group whose name only starts with it',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: "system:masters"}, {kind: Group, name: "system:masters-readonly"}]
`,
    },
  ],
  invalid: [
    {
      name: 'a copy of the bootstrap binding without its label',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: masters}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice}, {kind: Group, name: "system:masters"}]
`,
      findings: [
        {
          path: 'subjects[1]',
          message:
            'binds Group system:masters to ClusterRole cluster-admin; its members bypass RBAC, so this binding grants and revokes nothing',
        },
      ],
    },
    {
      name: "the bootstrap binding with autoupdate off is no longer Kubernetes' own",
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
`,
      findings: [
        {
          path: 'subjects[0]',
          message:
            'binds Group system:masters to ClusterRole cluster-admin; its members bypass RBAC, so this binding grants and revokes nothing',
        },
      ],
    },
  ],
});
