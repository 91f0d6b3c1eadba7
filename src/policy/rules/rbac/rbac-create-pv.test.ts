import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacCreatePv } from './rbac-create-pv.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: storage}
rules:
${rules}`;

ruleTests(rbacCreatePv, {
  valid: [
    {
      name: 'claims, not volumes',
      yaml: role('- {apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create]}'),
    },
    {
      name: 'read volumes',
      yaml: role('- {apiGroups: [""], resources: [persistentvolumes], verbs: [get, list]}'),
    },
    {
      name: 'create narrowed by resourceNames grants nothing',
      yaml: role(
        '- {apiGroups: [""], resources: [persistentvolumes], verbs: [create], resourceNames: [pv1]}',
      ),
    },
    {
      name: 'create on persistentvolumes of another API group, on a subresource, and in a bootstrap default role',
      yaml: `${role(`- {apiGroups: [storage.k8s.io], resources: [persistentvolumes], verbs: [create]}
- {apiGroups: [""], resources: [persistentvolumes/status], verbs: [create]}`)}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:persistent-volume-binder", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules:
- {apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete, get]}
`,
    },
  ],
  invalid: [
    {
      name: 'create persistentvolumes',
      yaml: role('- {apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants create on persistentvolumes' }],
    },
    {
      name: 'a bootstrap-labelled role with autoupdate off is no longer Kubernetes\' own; create through "*"',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: "system:controller:persistent-volume-binder"
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
rules:
- {apiGroups: [""], resources: [persistentvolumes], verbs: ["*"]}
`,
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on persistentvolumes (through "*" in verbs)',
        },
      ],
    },
  ],
});
