import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';

const role = (rules: string, kind = 'ClusterRole'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: shop}
rules:
${rules}`;

ruleTests(rbacSecretsRead, {
  valid: [
    {
      name: 'configmaps only',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}'),
    },
    {
      name: 'secrets without a read verb',
      yaml: role('- {apiGroups: [""], resources: [secrets], verbs: [create, delete]}'),
    },
    {
      name: 'secrets in another API group',
      yaml: role('- {apiGroups: [apps], resources: [secrets], verbs: [get]}'),
    },
    { name: 'no apiGroups matches nothing', yaml: role('- {resources: [secrets], verbs: [get]}') },
    {
      name: 'read verbs in the wrong case',
      yaml: role('- {apiGroups: [""], resources: [secrets], verbs: [GET, List]}'),
    },
    {
      name: 'Secrets capitalised is another resource',
      yaml: role('- {apiGroups: [""], resources: [Secrets], verbs: [get]}'),
    },
    {
      name: '"*" on "*" is left to rbac-wildcard',
      yaml: role('- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'),
    },
    {
      name: 'a RoleBinding alone is not a role',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io}
subjects: [{kind: ServiceAccount, name: web}]
`,
    },
  ],
  invalid: [
    {
      name: 'get, list, watch on secrets in a Role',
      yaml: role('- {apiGroups: [""], resources: [configmaps, secrets], verbs: [get, list, watch]}', 'Role'),
      findings: [{ path: 'rules[0].resources[1]', message: 'rules[0] grants get, list, watch on secrets' }],
    },
    {
      name: 'verbs "*" grants every read verb',
      yaml: role('- {apiGroups: [""], resources: [secrets], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants get, list, watch on secrets (through "*" in verbs)',
        },
      ],
    },
    {
      name: 'resources "*" covers secrets; apiGroups "*" covers the core group',
      yaml: role('- {apiGroups: ["*"], resources: ["*"], verbs: [list]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants list on secrets (through "*" in resources)',
        },
      ],
    },
    {
      name: 'narrowed by resourceNames still reads those secrets',
      yaml: role('- {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [db, api]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants get on secrets named "db", "api" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'one finding per rule entry',
      yaml: role(
        '- {apiGroups: [""], resources: [secrets], verbs: [watch]}\n- {apiGroups: [""], resources: [pods], verbs: [get]}\n- {apiGroups: [""], resources: [secrets], verbs: [get]}',
      ),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants watch on secrets' },
        { path: 'rules[2].resources[0]', message: 'rules[2] grants get on secrets' },
      ],
    },
  ],
});
