import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacBindingCreate } from './rbac-binding-create.js';

const role = (rules: string, kind = 'Role'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: team' : ''}}
rules:
${rules}`;

ruleTests(rbacBindingCreate, {
  valid: [
    {
      // A Role grants in its namespace only; clusterrolebindings are cluster-scoped.
      name: 'a Role naming clusterrolebindings grants nothing',
      yaml: role(
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [patch], resourceNames: [ops]}',
      ),
    },
    {
      name: 'read bindings',
      yaml: role(
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [get, list, watch]}',
      ),
    },
    {
      name: 'delete bindings',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [delete]}'),
    },
    {
      name: 'create roles',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [create]}'),
    },
  ],
  invalid: [
    {
      name: 'create rolebindings',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on rolebindings.rbac.authorization.k8s.io',
        },
      ],
    },
    {
      name: 'patch a named clusterrolebinding (its subjects are mutable)',
      yaml: role(
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [patch], resourceNames: [ops]}',
        'ClusterRole',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants patch on clusterrolebindings.rbac.authorization.k8s.io named "ops" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'resources "*" in the rbac group',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: ["*"], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            // clusterrolebindings are cluster-scoped: a Role cannot grant them (upstream authorizer).
            'rules[0] grants create on rolebindings.rbac.authorization.k8s.io (through "*" in resources)',
        },
      ],
    },
    {
      name: 'resources "*" in the rbac group of a ClusterRole reaches clusterrolebindings too',
      yaml: role('- {apiGroups: [rbac.authorization.k8s.io], resources: ["*"], verbs: [create]}', 'ClusterRole'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants create on rolebindings.rbac.authorization.k8s.io, clusterrolebindings.rbac.authorization.k8s.io (through "*" in resources)',
        },
      ],
    },
  ],
});
