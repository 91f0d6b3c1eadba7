import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacConfigmapWrite } from './rbac-configmap-write.js';

const role = (rules: string, namespace = 'shop'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: ${namespace}}
rules:
${rules}`;

ruleTests(rbacConfigmapWrite, {
  valid: [
    {
      name: 'read configmaps',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}'),
    },
    {
      name: 'configmap writes in kube-system are reported by rbac-aws-auth instead',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [update, patch]}', 'kube-system'),
    },
  ],
  invalid: [
    {
      name: 'update configmaps',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [update]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants update on configmaps' }],
    },
    {
      name: 'in kube-system, narrowed to coredns (aws-auth not reachable)',
      yaml: role(
        '- {apiGroups: [""], resources: [configmaps], verbs: [update, patch], resourceNames: [coredns]}',
        'kube-system',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants update, patch on configmaps named "coredns" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'kube-system delete only: rbac-aws-auth ignores deletes, so this rule reports it',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [delete]}', 'kube-system'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants delete on configmaps' }],
    },
  ],
});
