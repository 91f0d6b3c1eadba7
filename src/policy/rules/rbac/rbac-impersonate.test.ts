import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacImpersonate } from './rbac-impersonate.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: proxy}
rules:
${rules}`;

ruleTests(rbacImpersonate, {
  valid: [
    {
      // Users and groups have no namespace: a RoleBinding of this Role could never grant them.
      name: 'a Role naming users and groups grants no impersonation',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules: [{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]
`,
    },
    { name: 'list users', yaml: role('- {apiGroups: [""], resources: [users, groups], verbs: [get, list]}') },
    {
      name: 'impersonate in another group',
      yaml: role('- {apiGroups: [authentication.k8s.io], resources: [users], verbs: [impersonate]}'),
    },
  ],
  invalid: [
    {
      name: 'users and groups',
      yaml: role('- {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants impersonate on users, groups' }],
    },
    {
      name: 'service accounts narrowed by resourceNames',
      yaml: role(
        '- {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [deployer]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants impersonate on serviceaccounts named "deployer" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'verbs "*" on groups',
      yaml: role('- {apiGroups: [""], resources: [groups], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants impersonate on groups (through "*" in verbs)',
        },
      ],
    },
  ],
});
