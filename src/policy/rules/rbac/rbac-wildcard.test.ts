import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacWildcard } from './rbac-wildcard.js';

const role = (rules: string, metadata = '  name: r'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
${metadata}
rules:
${rules}`;

ruleTests(rbacWildcard, {
  valid: [
    {
      name: 'explicit verbs and resources',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [get, list]}'),
    },
    {
      name: '"*" on "*" in a named group is a partial wildcard, not full control',
      yaml: role('- {apiGroups: [apps], resources: ["*"], verbs: ["*"]}'),
    },
    { name: '"*" verbs on non-resource URLs only', yaml: role('- {nonResourceURLs: ["*"], verbs: ["*"]}') },
    {
      name: 'verbs "*" on explicit resources',
      yaml: role('- {apiGroups: ["*"], resources: [pods], verbs: ["*"]}'),
    },
    {
      name: "Kubernetes' bootstrap cluster-admin is not reported",
      yaml: role(
        '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}',
        '  name: cluster-admin\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}',
      ),
    },
    {
      name: 'a kind Role from another API group is not RBAC',
      yaml: `
apiVersion: example.com/v1
kind: Role
metadata: {name: r}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
`,
    },
    {
      name: 'wrong types do not crash',
      yaml: role('- {apiGroups: "*", resources: "*", verbs: "*"}\n- nonsense'),
    },
    { name: 'no rules', yaml: role('- null') },
  ],
  invalid: [
    {
      name: 'cluster-admin shape in a ClusterRole',
      yaml: role(
        '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n- {nonResourceURLs: ["*"], verbs: ["*"]}',
      ),
      findings: [
        {
          path: 'rules[0].verbs[0]',
          message:
            'rules[0] grants every verb on every resource (verbs "*", resources "*") in API groups "*"',
        },
      ],
    },
    {
      name: 'core group only, in a namespaced Role, second rule, "*" after another verb',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
- {apiGroups: [""], resources: [pods, "*"], verbs: [get, "*"]}
`,
      findings: [
        {
          path: 'rules[1].verbs[1]',
          message:
            'rules[1] grants every verb on every resource (verbs "*", resources "*") in API groups "" (core)',
        },
      ],
    },
    {
      name: 'a bootstrap role whose reconciliation is switched off is reported',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-admin
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
`,
      findings: [
        {
          path: 'rules[0].verbs[0]',
          message:
            'rules[0] grants every verb on every resource (verbs "*", resources "*") in API groups "*"; ' +
            // The default binding of a real cluster grants the edited role to system:masters.
            'held by Group system:masters through ClusterRoleBinding cluster-admin (default)',
        },
      ],
    },
    {
      name: 'a system: name without the bootstrap label is reported',
      yaml: role('- {apiGroups: ["*", ""], resources: ["*"], verbs: ["*"]}', '  name: "system:backdoor"'),
      findings: [
        {
          path: 'rules[0].verbs[0]',
          message:
            'rules[0] grants every verb on every resource (verbs "*", resources "*") in API groups "*", "" (core)',
        },
      ],
    },
  ],
});
