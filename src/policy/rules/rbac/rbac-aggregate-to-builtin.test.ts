import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacAggregateToBuiltin } from './rbac-aggregate-to-builtin.js';

const role = (labels: string, rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets
  labels: {${labels}}
rules:
${rules}`;
const VIEW = 'rbac.authorization.k8s.io/aggregate-to-view: "true"';
const EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit: "true"';
const ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin: "true"';

ruleTests(rbacAggregateToBuiltin, {
  valid: [
    {
      name: 'read-only CRD access into view',
      yaml: role(VIEW, '- {apiGroups: [example.com], resources: [widgets], verbs: [get, list, watch]}'),
    },
    {
      name: 'CRD writes into edit',
      yaml: role(EDIT, '- {apiGroups: [example.com], resources: [widgets], verbs: [create, update, delete]}'),
    },
    {
      name: 'secrets read into edit, which already has it',
      yaml: role(EDIT, '- {apiGroups: [""], resources: [secrets], verbs: [get, list]}'),
    },
    {
      name: 'rolebindings into admin, which already has them',
      yaml: role(
        ADMIN,
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}',
      ),
    },
    {
      name: 'label not "true"',
      yaml: role(
        'rbac.authorization.k8s.io/aggregate-to-view: "false"',
        '- {apiGroups: [""], resources: [secrets], verbs: [get]}',
      ),
    },
    {
      name: "Kubernetes' own system:aggregate-to-edit",
      yaml: role(
        `${EDIT}, kubernetes.io/bootstrapping: rbac-defaults`,
        '- {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}',
      ),
    },
  ],
  invalid: [
    {
      name: 'secrets into view',
      yaml: role(
        VIEW,
        '- {apiGroups: [example.com], resources: [widgets], verbs: [get]}\n- {apiGroups: [""], resources: [secrets], verbs: [get, list]}',
      ),
      findings: [
        {
          path: 'rules[1]',
          message:
            'rules[1] adds get, list on secrets to the built-in ClusterRole view (label aggregate-to-view) and so to every subject bound to it',
        },
      ],
    },
    {
      name: 'write verbs into view',
      yaml: role(VIEW, '- {apiGroups: [example.com], resources: [widgets], verbs: [get, create, delete]}'),
      findings: [
        {
          path: 'rules[0]',
          message:
            'rules[0] adds non-read verbs create, delete on widgets to the built-in ClusterRole view (label aggregate-to-view) and so to every subject bound to it',
        },
      ],
    },
    {
      name: 'impersonation into edit: users are new, serviceaccounts edit already has',
      yaml: role(EDIT, '- {apiGroups: [""], resources: [users, serviceaccounts], verbs: [impersonate]}'),
      findings: [
        {
          path: 'rules[0]',
          message:
            'rules[0] adds impersonate on users to the built-in ClusterRole edit (label aggregate-to-edit) and so to every subject bound to it',
        },
      ],
    },
    {
      name: 'clusterrolebindings into admin (admin only has rolebindings)',
      yaml: role(
        ADMIN,
        '- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings, clusterrolebindings], verbs: [create]}',
      ),
      findings: [
        {
          path: 'rules[0]',
          message:
            'rules[0] adds create on clusterrolebindings.rbac.authorization.k8s.io to the built-in ClusterRole admin (label aggregate-to-admin) and so to every subject bound to it',
        },
      ],
    },
    {
      name: 'labelled for view and admin: the narrowest target decides',
      yaml: role(`${ADMIN}, ${VIEW}`, '- {apiGroups: [""], resources: [pods/exec], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0]',
          message:
            'rules[0] adds create on pods/exec to the built-in ClusterRole view (label aggregate-to-view) and so to every subject bound to it',
        },
      ],
    },
    {
      name: '"*" on "*" into edit',
      yaml: role(EDIT, '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0]',
          message:
            'rules[0] adds every verb on every resource to the built-in ClusterRole edit (label aggregate-to-edit) and so to every subject bound to it',
        },
      ],
    },
  ],
});
