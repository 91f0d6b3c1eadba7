import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacSaTokenCreate } from './rbac-sa-token-create.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: ci}
rules:
${rules}`;

ruleTests(rbacSaTokenCreate, {
  valid: [
    {
      name: 'create serviceaccounts',
      yaml: role('- {apiGroups: [""], resources: [serviceaccounts], verbs: [create]}'),
    },
    {
      name: 'get the token subresource',
      yaml: role('- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [get]}'),
    },
  ],
  invalid: [
    {
      name: 'TokenRequest for any service account',
      yaml: role('- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}'),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants create on serviceaccounts/token' },
      ],
    },
    {
      name: "narrowed to one service account (the name is the parent's)",
      yaml: role(
        '- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create], resourceNames: [builder]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants create on serviceaccounts/token named "builder" (narrowed by resourceNames)',
        },
      ],
    },
  ],
});
