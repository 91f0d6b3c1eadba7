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
  ],
  invalid: [
    {
      name: 'create persistentvolumes',
      yaml: role('- {apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants create on persistentvolumes' }],
    },
  ],
});
