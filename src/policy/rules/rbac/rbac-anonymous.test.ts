import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacAnonymous } from './rbac-anonymous.js';

const binding = (kind: string, roleRef: string, subjects: string, ns = ''): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b${ns ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;

ruleTests(rbacAnonymous, {
  valid: [
    {
      name: 'public-info-viewer for unauthenticated health checks',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: "system:public-info-viewer"',
        '[{kind: Group, name: "system:unauthenticated"}]',
      ),
    },
    {
      name: 'a user merely called anonymous',
      yaml: binding('ClusterRoleBinding', 'kind: ClusterRole, name: view', '[{kind: User, name: anonymous}]'),
    },
    {
      name: 'system:anonymous as a Group is not the anonymous user',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: view',
        '[{kind: Group, name: "system:anonymous"}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'unauthenticated group bound to view cluster-wide',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: view',
        '[{kind: User, name: bob}, {kind: Group, name: "system:unauthenticated"}]',
      ),
      findings: [
        {
          path: 'subjects[1]',
          message: 'binds Group system:unauthenticated (every unauthenticated request) to ClusterRole view',
        },
      ],
    },
    {
      name: 'anonymous user bound to a Role in a namespace',
      yaml: binding(
        'RoleBinding',
        'kind: Role, name: reader',
        '[{kind: User, name: "system:anonymous"}]',
        'shop',
      ),
      findings: [
        {
          path: 'subjects[0]',
          message:
            'binds User system:anonymous (every unauthenticated request) to Role shop/reader in namespace shop',
        },
      ],
    },
  ],
});
