import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacWildcardPartial } from './rbac-wildcard-partial.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
${rules}`;

ruleTests(rbacWildcardPartial, {
  valid: [
    {
      name: 'explicit verbs and resources',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [get, list]}'),
    },
    {
      name: 'apiGroups "*" alone is not reported',
      yaml: role('- {apiGroups: ["*"], resources: [pods], verbs: [get]}'),
    },
    {
      name: '"*" on "*" in the core group is rbac-wildcard, not this rule',
      yaml: role('- {apiGroups: [""], resources: ["*"], verbs: ["*"]}'),
    },
    { name: 'non-resource URLs only', yaml: role('- {nonResourceURLs: ["*"], verbs: ["*"]}') },
    {
      name: '"pods/*" is not a wildcard',
      yaml: role('- {apiGroups: [""], resources: ["pods/*"], verbs: [get]}'),
    },
    {
      name: 'bootstrap role',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:x", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: [list, watch]}
`,
    },
  ],
  invalid: [
    {
      name: '"*" verbs on named resources',
      yaml: role('- {apiGroups: [""], resources: [pods, secrets], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].verbs[0]',
          message: 'rules[0] grants every verb (verbs "*") on pods, secrets in API groups "" (core)',
        },
      ],
    },
    {
      name: '"*" resources with read verbs (covers secrets and every subresource)',
      yaml: role('- {apiGroups: ["*"], resources: [configmaps, "*"], verbs: [get, list]}'),
      findings: [
        {
          path: 'rules[0].resources[1]',
          message: 'rules[0] grants get, list on every resource (resources "*") in API groups "*"',
        },
      ],
    },
    {
      name: '"*/scale" is a wildcard over resources',
      yaml: role('- {apiGroups: [apps], resources: ["*/scale"], verbs: [update]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants update on subresource "scale" of every resource ("*/scale") in API groups "apps"',
        },
      ],
    },
    {
      name: '"*" on "*" in a named group: one finding, at the verbs',
      yaml: role('- {apiGroups: [get]}\n- {apiGroups: [apps], resources: ["*"], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[1].verbs[0]',
          message:
            'rules[1] grants every verb (verbs "*") on every resource (resources "*") in API groups "apps"',
        },
      ],
    },
    {
      name: 'namespaced Role',
      yaml: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
- {apiGroups: [batch], resources: [jobs], verbs: [get, "*"]}
`,
      findings: [
        {
          path: 'rules[0].verbs[1]',
          message: 'rules[0] grants every verb (verbs "*") on jobs in API groups "batch"',
        },
      ],
    },
  ],
});
