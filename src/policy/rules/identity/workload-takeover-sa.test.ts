import { ruleTests } from '../../../../test/ruleTester.js';
import { workloadTakeoverSa } from './workload-takeover-sa.js';

const deployment = (podSpec = '      serviceAccountName: web'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: nginx:1.27}]
`;
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  roleRef: string,
  subjects: string,
  ns = 'shop',
  name = 'b',
): string => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'RoleBinding' ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;
const clusterRole = (name: string, rules: string): string => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: ${rules}
`;
const WEB = '[{kind: ServiceAccount, name: web}]';
const WEB_NS = '[{kind: ServiceAccount, name: web, namespace: shop}]';

ruleTests(workloadTakeoverSa, {
  valid: [
    {
      name: 'bound to the built-in view',
      yaml: deployment() + binding('RoleBinding', 'kind: ClusterRole, name: view', WEB),
    },
    {
      name: 'bound to cluster-admin: workload-admin-sa reports it',
      yaml: deployment() + binding('ClusterRoleBinding', 'kind: ClusterRole, name: cluster-admin', WEB_NS),
    },
    {
      name: 'a role neither in the input nor built in',
      yaml: deployment() + binding('RoleBinding', 'kind: ClusterRole, name: mystery', WEB),
    },
    {
      name: 'token not mounted',
      yaml:
        deployment('      serviceAccountName: web\n      automountServiceAccountToken: false') +
        binding('RoleBinding', 'kind: ClusterRole, name: edit', WEB),
    },
    {
      name: 'a RoleBinding in another namespace',
      yaml: deployment() + binding('RoleBinding', 'kind: ClusterRole, name: edit', WEB, 'other'),
    },
    {
      name: 'a role that only reads configmaps',
      yaml:
        deployment() +
        binding('RoleBinding', 'kind: ClusterRole, name: config-reader', WEB) +
        clusterRole(
          'config-reader',
          '[{apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}]',
        ),
    },
  ],
  invalid: [
    {
      // The engine recomputes aggregation into the default roles: a ClusterRole labelled
      // aggregate-to-view adds its rules to the built-in `view`, bound here through the group of
      // the namespace's service accounts. The pattern rules knew `view` as fixed rules only.
      name: 'a ClusterRole aggregated into the built-in view, bound through a group',
      yaml:
        deployment() +
        binding('RoleBinding', 'kind: ClusterRole, name: view', '[{kind: Group, name: "system:serviceaccounts:shop"}]') +
        `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`,
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding shop/b (through Group system:serviceaccounts:shop) to ClusterRole view (built-in), which grants get on secrets in namespace shop',
        },
      ],
    },
    {
      name: 'RoleBinding to a ClusterRole in the input grants it in the binding namespace only',
      yaml:
        deployment() +
        binding('RoleBinding', 'kind: ClusterRole, name: secret-reader', WEB, 'shop', 'read-secrets') +
        clusterRole('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get, list]}]'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding shop/read-secrets to ClusterRole secret-reader, which grants get, list on secrets in namespace shop',
        },
      ],
    },
    {
      name: 'the built-in edit role, not in the input',
      yaml: deployment() + binding('RoleBinding', 'kind: ClusterRole, name: edit', WEB),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding shop/b to ClusterRole edit (built-in), which grants get, list, watch on secrets; ' +
            'create, update, patch on pods, replicationcontrollers, deployments.apps, daemonsets.apps, statefulsets.apps, replicasets.apps, jobs.batch, cronjobs.batch; ' +
            'create on pods/exec, pods/attach in namespace shop',
        },
      ],
    },
    {
      name: 'ClusterRoleBinding through system:serviceaccounts, wildcard verbs, several rules merged',
      yaml:
        deployment() +
        binding(
          'ClusterRoleBinding',
          'kind: ClusterRole, name: debugger',
          '[{kind: Group, name: "system:serviceaccounts"}]',
        ) +
        clusterRole(
          'debugger',
          '[{apiGroups: [""], resources: [pods/exec], verbs: ["*"]}, {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [tls]}]',
        ),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by ClusterRoleBinding b (through Group system:serviceaccounts) to ClusterRole debugger, ' +
            'which grants get on secrets named "tls" (narrowed by resourceNames); create on pods/exec in the cluster',
        },
      ],
    },
    {
      name: 'a RoleBinding in another namespace that names the SA with its namespace grants there',
      yaml:
        deployment() +
        binding('RoleBinding', 'kind: ClusterRole, name: secret-reader', WEB_NS, 'payments', 'cross') +
        clusterRole('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [watch]}]'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding payments/cross to ClusterRole secret-reader, which grants watch on secrets in namespace payments',
        },
      ],
    },
    {
      name: 'a Role in the namespace, and a second binding',
      yaml:
        deployment() +
        binding('RoleBinding', 'kind: Role, name: deployer', WEB, 'shop', 'deploy') +
        `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, patch]}]
` +
        binding('RoleBinding', 'kind: ClusterRole, name: admin', WEB, 'shop', 'admins'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding shop/deploy to Role shop/deployer, which grants patch on deployments.apps in namespace shop',
        },
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pods run as ServiceAccount shop/web, bound by RoleBinding shop/admins to ClusterRole admin (built-in), which grants get, list, watch on secrets; ' +
            'create, update, patch on pods, replicationcontrollers, deployments.apps, daemonsets.apps, statefulsets.apps, replicasets.apps, jobs.batch, cronjobs.batch; ' +
            'create on pods/exec, pods/attach in namespace shop',
        },
      ],
    },
  ],
});
