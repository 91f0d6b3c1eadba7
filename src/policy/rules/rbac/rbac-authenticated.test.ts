import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacAuthenticated } from './rbac-authenticated.js';

const binding = (kind: string, roleRef: string, subjects: string, ns = ''): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b${ns ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;

ruleTests(rbacAuthenticated, {
  valid: [
    {
      name: 'discovery roles',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: "system:discovery"',
        '[{kind: Group, name: "system:authenticated"}]',
      ),
    },
    {
      name: 'service accounts of one namespace',
      yaml: binding(
        'RoleBinding',
        'kind: ClusterRole, name: view',
        '[{kind: Group, name: "system:serviceaccounts:shop"}]',
        'shop',
      ),
    },
    {
      name: 'a User named like the group',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: view',
        '[{kind: User, name: "system:authenticated"}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'every authenticated identity gets view',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: view',
        '[{kind: Group, name: "system:authenticated"}]',
      ),
      findings: [
        {
          path: 'subjects[0]',
          message:
            'binds Group system:authenticated (every authenticated user and service account) to ClusterRole view',
        },
      ],
    },
    {
      name: 'every service account of the cluster gets edit in one namespace',
      yaml: binding(
        'RoleBinding',
        'kind: ClusterRole, name: edit',
        '[{kind: Group, name: "system:serviceaccounts"}]',
        'shop',
      ),
      findings: [
        {
          path: 'subjects[0]',
          message:
            'binds Group system:serviceaccounts (every service account, so every pod) to ClusterRole edit in namespace shop',
        },
      ],
    },
  ],
});
