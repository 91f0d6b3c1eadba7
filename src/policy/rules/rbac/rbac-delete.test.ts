import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacDelete } from './rbac-delete.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
${rules}`;

ruleTests(rbacDelete, {
  valid: [
    { name: 'no delete verb', yaml: role('- {apiGroups: [""], resources: [pods], verbs: [get, create]}') },
    {
      name: '"*" on "*" is rbac-wildcard',
      yaml: role('- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'),
    },
    {
      name: 'deletecollection narrowed by resourceNames grants nothing',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [deletecollection], resourceNames: [a]}'),
    },
    { name: 'non-resource URLs', yaml: role('- {nonResourceURLs: ["/x"], verbs: [delete]}') },
  ],
  invalid: [
    {
      name: 'delete events',
      yaml: role('- {apiGroups: [""], resources: [events], verbs: [get, delete]}'),
      findings: [
        { path: 'rules[0].verbs[1]', message: 'rules[0] grants delete on events in API groups "" (core)' },
      ],
    },
    {
      name: 'verbs "*"',
      yaml: role('- {apiGroups: [apps], resources: ["*"], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].verbs[0]',
          message:
            'rules[0] grants delete, deletecollection on every resource ("*") in API groups "apps" (through "*" in verbs)',
        },
      ],
    },
    {
      name: 'named objects: delete only',
      yaml: role(
        '- {apiGroups: [""], resources: [persistentvolumeclaims], verbs: [deletecollection, delete], resourceNames: [data]}',
      ),
      findings: [
        {
          path: 'rules[0].verbs[1]',
          message:
            'rules[0] grants delete on persistentvolumeclaims named "data" (narrowed by resourceNames) in API groups "" (core)',
        },
      ],
    },
  ],
});
