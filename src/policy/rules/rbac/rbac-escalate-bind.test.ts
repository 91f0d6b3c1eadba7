import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacEscalateBind } from './rbac-escalate-bind.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: rbac-manager}
rules:
${rules}`;

ruleTests(rbacEscalateBind, {
  valid: [
    {
      name: 'create roles',
      yaml: role(
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [create, update]}',
      ),
    },
    {
      name: 'bind on bindings is meaningless',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [bind]}'),
    },
    {
      name: 'escalate in the core group',
      yaml: role('- {apiGroups: [""], resources: [roles], verbs: [escalate]}'),
    },
  ],
  invalid: [
    {
      name: 'escalate clusterroles',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants escalate on clusterroles.rbac.authorization.k8s.io',
        },
      ],
    },
    {
      name: 'bind narrowed to view',
      yaml: role(
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [view]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants bind on clusterroles.rbac.authorization.k8s.io named "view" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'verbs "*" includes the custom verbs escalate and bind',
      yaml: role('- {apiGroups: ["*"], resources: [roles], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants escalate, bind on roles.rbac.authorization.k8s.io (through "*" in verbs)',
        },
      ],
    },
  ],
});
