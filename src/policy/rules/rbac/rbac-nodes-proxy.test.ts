import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacNodesProxy } from './rbac-nodes-proxy.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
rules:
${rules}`;

ruleTests(rbacNodesProxy, {
  valid: [
    {
      // A RoleBinding grants only namespaced resources of its namespace; nodes are cluster-scoped.
      name: 'a RoleBinding to the default system:kubelet-api-admin grants no nodes/proxy',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:kubelet-api-admin"}
subjects: [{kind: ServiceAccount, name: api}]
`,
    },
    {
      // nodes are cluster-scoped: a namespaced Role can never grant nodes/proxy (upstream authorizer).
      name: 'a namespaced Role naming nodes/proxy grants nothing',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: monitoring, namespace: mon}
rules:
- {apiGroups: [""], resources: [nodes/proxy], verbs: [get, create]}`,
    },
    {
      name: 'nodes/metrics and nodes/stats',
      yaml: role('- {apiGroups: [""], resources: [nodes/metrics, nodes/stats, nodes], verbs: [get, list]}'),
    },
    {
      name: 'list nodes/proxy is not a kubelet request',
      yaml: role('- {apiGroups: [""], resources: [nodes/proxy], verbs: [list, watch]}'),
    },
  ],
  invalid: [
    {
      name: 'a ClusterRoleBinding to the default system:kubelet-api-admin (not in the input)',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:kubelet-api-admin"}
subjects: [{kind: User, name: kube-apiserver-kubelet-client}]
`,
      findings: [
        {
          path: 'roleRef.name',
          message:
            'roleRef names the default ClusterRole system:kubelet-api-admin (not in the input), which grants get, create on ' +
            'nodes/proxy in the cluster; held by User kube-apiserver-kubelet-client through ClusterRoleBinding b',
        },
      ],
    },
    {
      name: 'get is enough (websocket exec is a GET)',
      yaml: role('- {apiGroups: [""], resources: [nodes/metrics, nodes/proxy], verbs: [get]}'),
      findings: [{ path: 'rules[0].resources[1]', message: 'rules[0] grants get on nodes/proxy' }],
    },
    {
      name: '"*/proxy" with get and create',
      yaml: role('- {apiGroups: [""], resources: ["*/proxy"], verbs: [get, create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants get, create on nodes/proxy (through "*" in resources)',
        },
      ],
    },
    {
      name: 'verbs "*"',
      yaml: role('- {apiGroups: [""], resources: [nodes/proxy], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants get, create on nodes/proxy (through "*" in verbs)',
        },
      ],
    },
  ],
});
