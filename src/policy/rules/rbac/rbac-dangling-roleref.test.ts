import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacDanglingRoleref } from './rbac-dangling-roleref.js';

const binding = (kind: string, roleRef: string, ns = 'shop'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b${kind === 'RoleBinding' ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, ${roleRef}}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
`;
const role = (kind: string, name: string, ns = 'shop'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'Role' ? `, namespace: ${ns}` : ''}}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;
const squat = 'whoever creates it decides what the subjects get';

ruleTests(rbacDanglingRoleref, {
  valid: [
    {
      name: 'Role in the input, same namespace',
      yaml: binding('RoleBinding', 'kind: Role, name: reader') + '---' + role('Role', 'reader'),
    },
    {
      name: 'ClusterRole in the input, bound by a RoleBinding',
      yaml: binding('RoleBinding', 'kind: ClusterRole, name: reader') + '---' + role('ClusterRole', 'reader'),
    },
    {
      name: 'default ClusterRole edit (not in the input)',
      yaml: binding('RoleBinding', 'kind: ClusterRole, name: edit'),
    },
    {
      name: 'default ClusterRole system:node-proxier by a ClusterRoleBinding',
      yaml: binding('ClusterRoleBinding', 'kind: ClusterRole, name: "system:node-proxier"'),
    },
    {
      name: "a kube-controller-manager controller role (created by every cluster's bootstrap policy)",
      yaml: binding('ClusterRoleBinding', 'kind: ClusterRole, name: "system:controller:job-controller"'),
    },
    {
      name: 'the default Role extension-apiserver-authentication-reader in kube-system',
      yaml: binding(
        'RoleBinding',
        'kind: Role, name: extension-apiserver-authentication-reader',
        'kube-system',
      ),
    },
    {
      name: 'a bootstrap binding is not reported',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gone}
subjects: [{kind: Group, name: devs}]
`,
    },
  ],
  invalid: [
    {
      name: 'Role missing from the input',
      yaml: binding('RoleBinding', 'kind: Role, name: reader'),
      findings: [
        {
          path: 'roleRef.name',
          message: `roleRef names Role shop/reader, which is not in the input or Kubernetes' default roles: ${squat}`,
        },
      ],
    },
    {
      name: 'a Role of that name in another namespace does not count (near miss)',
      yaml: binding('RoleBinding', 'kind: Role, name: reader') + '---' + role('Role', 'reader', 'billing'),
      findings: [
        {
          path: 'roleRef.name',
          message:
            "roleRef names Role shop/reader, which is not in the input or Kubernetes' default roles (a Role of that name exists in " +
            `namespace billing, but a RoleBinding references Roles of its own namespace only): ${squat}`,
        },
      ],
    },
    {
      name: 'a ClusterRole named like a Role of the input is still missing',
      yaml: binding('ClusterRoleBinding', 'kind: ClusterRole, name: reader') + '---' + role('Role', 'reader'),
      findings: [
        {
          path: 'roleRef.name',
          message: `roleRef names ClusterRole reader, which is not in the input or Kubernetes' default roles: ${squat}`,
        },
      ],
    },
    {
      name: 'the default namespaced Role outside its namespace is missing',
      yaml: binding('RoleBinding', 'kind: Role, name: extension-apiserver-authentication-reader'),
      findings: [
        {
          path: 'roleRef.name',
          message:
            "roleRef names Role shop/extension-apiserver-authentication-reader, which is not in the input or Kubernetes' default roles: " +
            squat,
        },
      ],
    },
    {
      name: 'a ClusterRoleBinding cannot reference a Role: reported as the engine does',
      yaml: binding('ClusterRoleBinding', 'kind: Role, name: reader') + '---' + role('Role', 'reader'),
      findings: [
        {
          path: 'roleRef.kind',
          message:
            'a ClusterRoleBinding cannot reference kind "Role" (use ClusterRole): the API server rejects this binding, so it grants nothing',
        },
      ],
    },
  ],
});
