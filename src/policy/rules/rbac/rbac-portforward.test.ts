import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacPortforward } from './rbac-portforward.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
${rules}`;

ruleTests(rbacPortforward, {
  valid: [
    {
      name: 'get on pods/portforward',
      yaml: role('- {apiGroups: [""], resources: [pods/portforward], verbs: [get]}'),
    },
    { name: 'create pods', yaml: role('- {apiGroups: [""], resources: [pods], verbs: [create]}') },
  ],
  invalid: [
    {
      name: 'create pods/portforward',
      yaml: role('- {apiGroups: [""], resources: [pods/portforward], verbs: [create]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants create on pods/portforward' }],
    },
    {
      name: 'resources "*" with create',
      yaml: role('- {apiGroups: ["*"], resources: ["*"], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on pods/portforward (through "*" in resources)',
        },
      ],
    },
  ],
});
