import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';

const role = (rules: string, kind = 'ClusterRole'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: shop}
rules:
${rules}`;

const deployment = (name: string, sa: string, extra = ''): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${sa}${extra}
      containers: [{name: c, image: nginx}]
`;
const binding = (kind: string, roleRef: string, subjects: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b${kind === 'RoleBinding' ? ', namespace: shop' : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;
const reader = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader, labels: {acme.io/aggregate-to-ops: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`;
const aggregated = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {acme.io/aggregate-to-ops: "true"}}]
rules: []
`;
const docs = (...parts: string[]): string => parts.join('---');

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
    {
      name: 'a RoleBinding to the default view role: view does not read Secrets',
      yaml: binding('RoleBinding', 'kind: ClusterRole, name: view', '[{kind: ServiceAccount, name: api}]'),
    },
    {
      name: 'a binding to cluster-admin is left to rbac-cluster-admin-binding',
      yaml: binding(
        'ClusterRoleBinding',
        'kind: ClusterRole, name: cluster-admin',
        '[{kind: Group, name: ops}]',
      ),
    },
    {
      name: 'a binding to a user role is reported at the role, not the binding',
      yaml: docs(
        binding(
          'RoleBinding',
          'kind: ClusterRole, name: secret-reader',
          '[{kind: ServiceAccount, name: api}]',
        ),
        reader,
      ).replace(/rules: \[\{apiGroups: \[""\], resources: \[secrets\], verbs: \[get\]\}\]/, 'rules: []'),
    },
  ],
  invalid: [
    {
      name: 'through aggregation: reported at aggregationRule, naming the contributing role (the written rules are empty)',
      yaml: docs(reader, aggregated),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants get on secrets' },
        { path: 'aggregationRule', message: 'aggregates get on secrets from ClusterRole secret-reader' },
      ],
    },
    {
      name: 'holders through aggregation and a group subject: the workloads of the namespace are named',
      yaml: docs(
        reader,
        aggregated,
        binding(
          'RoleBinding',
          'kind: ClusterRole, name: ops',
          '[{kind: Group, name: "system:serviceaccounts:shop"}]',
        ),
        deployment('api', 'api'),
        deployment('quiet', 'quiet', '\n      automountServiceAccountToken: false'),
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants get on secrets; held by Group system:serviceaccounts:shop (shop/Deployment/api) through RoleBinding shop/b',
        },
        {
          path: 'aggregationRule',
          message:
            'aggregates get on secrets from ClusterRole secret-reader; held by Group system:serviceaccounts:shop (shop/Deployment/api) through RoleBinding shop/b',
        },
      ],
    },
    {
      name: 'a RoleBinding to the default edit role (not in the input): edit reads Secrets, reported at roleRef.name',
      yaml: docs(
        binding(
          'RoleBinding',
          'kind: ClusterRole, name: edit',
          '[{kind: ServiceAccount, name: api}, {kind: User, name: alice}]',
        ),
        deployment('api', 'api'),
      ),
      findings: [
        {
          path: 'roleRef.name',
          message:
            'roleRef names the default ClusterRole edit (not in the input), which grants get, list, watch on secrets in namespace shop; ' +
            'held by shop/Deployment/api, User alice through RoleBinding shop/b',
        },
      ],
    },
    {
      name: 'a default role extended by an aggregate-to-view role of the input: view now reads Secrets',
      yaml: docs(
        binding(
          'ClusterRoleBinding',
          'kind: ClusterRole, name: view',
          '[{kind: Group, name: "system:authenticated"}]',
        ),
        `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view-secrets, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
`,
        deployment('api', 'api'),
      ),
      findings: [
        {
          path: 'roleRef.name',
          message:
            'roleRef names the default ClusterRole view (not in the input), which grants list on secrets in the cluster; ' +
            'held by Group system:authenticated (shop/Deployment/api) through ClusterRoleBinding b',
        },
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants list on secrets; held by Group system:authenticated (shop/Deployment/api) through ClusterRoleBinding b',
        },
      ],
    },
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
