import { ruleTests } from '../../../../test/ruleTester.js';
import { workloadAdminSa } from './workload-admin-sa.js';

const deployment = (podSpec = '      serviceAccountName: web', ns = 'shop'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: nginx:1.27}]
`;
const crb = (roleRef: string, subjects: string, name = 'b'): string => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;
const rb = (ns: string, roleRef: string, subjects: string, name = 'b'): string => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: ${subjects}
`;
const CLUSTER_ADMIN = 'kind: ClusterRole, name: cluster-admin';
const WEB = '[{kind: ServiceAccount, name: web, namespace: shop}]';
const TAIL = 'for anyone who runs code in the pods';

ruleTests(workloadAdminSa, {
  valid: [
    { name: 'bound to view', yaml: deployment() + crb('kind: ClusterRole, name: view', WEB) },
    {
      name: 'cluster-admin, but the pod spec does not mount the token',
      yaml:
        deployment('      serviceAccountName: web\n      automountServiceAccountToken: false') +
        crb(CLUSTER_ADMIN, WEB),
    },
    {
      name: 'cluster-admin, but the ServiceAccount in the input does not mount the token',
      yaml:
        deployment() +
        crb(CLUSTER_ADMIN, WEB) +
        '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\nautomountServiceAccountToken: false\n',
    },
    {
      name: 'a RoleBinding in another namespace does not apply',
      yaml: deployment() + rb('other', CLUSTER_ADMIN, '[{kind: ServiceAccount, name: web}]'),
    },
    {
      name: 'a RoleBinding subject naming another namespace',
      yaml: deployment() + rb('shop', CLUSTER_ADMIN, '[{kind: ServiceAccount, name: web, namespace: other}]'),
    },
    {
      name: 'a ClusterRoleBinding ServiceAccount subject needs a namespace',
      yaml: deployment() + crb(CLUSTER_ADMIN, '[{kind: ServiceAccount, name: web}]'),
    },
    {
      name: 'another ServiceAccount is bound',
      yaml: deployment() + crb(CLUSTER_ADMIN, '[{kind: ServiceAccount, name: api, namespace: shop}]'),
    },
    {
      name: 'the namespace group of another namespace',
      yaml: deployment() + crb(CLUSTER_ADMIN, '[{kind: Group, name: "system:serviceaccounts:other"}]'),
    },
    {
      name: 'a Role that is not in the input grants nothing we know of',
      yaml: deployment() + rb('shop', 'kind: Role, name: all', WEB),
    },
    {
      name: 'a wildcard in a named group is not admin',
      yaml:
        deployment() +
        rb('shop', 'kind: Role, name: apps-all', WEB) +
        '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: apps-all, namespace: shop}\nrules: [{apiGroups: [apps], resources: ["*"], verbs: ["*"]}]\n',
    },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to cluster-admin',
      yaml: deployment() + crb(CLUSTER_ADMIN, WEB, 'web-admin'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by ClusterRoleBinding web-admin to ClusterRole cluster-admin: full control of the cluster ${TAIL}`,
        },
      ],
    },
    {
      name: 'RoleBinding to the ClusterRole cluster-admin grants the namespace only',
      yaml: deployment() + rb('shop', CLUSTER_ADMIN, '[{kind: ServiceAccount, name: web}]', 'ns-admin'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by RoleBinding shop/ns-admin to ClusterRole cluster-admin: full control of namespace shop ${TAIL}`,
        },
      ],
    },
    {
      name: 'a RoleBinding in another namespace, through the namespace group of the pod',
      yaml:
        deployment() +
        rb('payments', CLUSTER_ADMIN, '[{kind: Group, name: "system:serviceaccounts:shop"}]', 'cross'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by RoleBinding payments/cross (through Group system:serviceaccounts:shop) to ClusterRole cluster-admin: full control of namespace payments ${TAIL}`,
        },
      ],
    },
    {
      name: 'through the group of all service accounts of the namespace',
      yaml: deployment() + crb(CLUSTER_ADMIN, '[{kind: Group, name: "system:serviceaccounts:shop"}]'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by ClusterRoleBinding b (through Group system:serviceaccounts:shop) to ClusterRole cluster-admin: full control of the cluster ${TAIL}`,
        },
      ],
    },
    {
      name: 'through its user name',
      yaml: deployment() + crb(CLUSTER_ADMIN, '[{kind: User, name: "system:serviceaccount:shop:web"}]'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by ClusterRoleBinding b (through User system:serviceaccount:shop:web) to ClusterRole cluster-admin: full control of the cluster ${TAIL}`,
        },
      ],
    },
    {
      name: 'a Role in the input with "*" on "*" (the default ServiceAccount, implicit)',
      yaml:
        deployment('      hostname: x') +
        rb('shop', 'kind: Role, name: all', '[{kind: ServiceAccount, name: default}]') +
        '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: all, namespace: shop}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}, {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n',
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/default, bound by RoleBinding shop/b to Role shop/all, which grants every verb on every resource (rules[1]): full control of namespace shop ${TAIL}`,
        },
      ],
    },
    {
      name: 'an aggregated ClusterRole whose part has "*" on "*"',
      yaml:
        deployment() +
        crb('kind: ClusterRole, name: super', WEB) +
        `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: super}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-super: "true"}}]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: piece, labels: {example.com/aggregate-to-super: "true"}}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
`,
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: `pods run as ServiceAccount shop/web, bound by ClusterRoleBinding b to ClusterRole super, which grants every verb on every resource (a rule aggregated into ClusterRole super): full control of the cluster ${TAIL}`,
        },
      ],
    },
    {
      name: 'a Pod without namespace, and two bindings',
      yaml:
        `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: ci
  containers: [{name: app, image: nginx:1.27}]
` +
        crb(CLUSTER_ADMIN, '[{kind: Group, name: "system:authenticated"}]', 'everyone') +
        rb('default', CLUSTER_ADMIN, '[{kind: ServiceAccount, name: ci}]', 'ci'),
      findings: [
        {
          path: 'spec.serviceAccountName',
          message: `pods run as ServiceAccount default/ci, bound by ClusterRoleBinding everyone (through Group system:authenticated) to ClusterRole cluster-admin: full control of the cluster ${TAIL}`,
        },
        {
          path: 'spec.serviceAccountName',
          message: `pods run as ServiceAccount default/ci, bound by RoleBinding default/ci to ClusterRole cluster-admin: full control of namespace default ${TAIL}`,
        },
      ],
    },
  ],
});
