import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacAwsAuth } from './rbac-aws-auth.js';

const tail = 'aws-auth maps AWS IAM identities to Kubernetes groups such as system:masters';
const role = (rules: string, namespace = 'kube-system', kind = 'Role'): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r, namespace: ${namespace}}
rules:
${rules}`;

ruleTests(rbacAwsAuth, {
  valid: [
    {
      name: 'configmap writes outside kube-system',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [update]}', 'shop'),
    },
    {
      name: 'a ClusterRole with unrestricted configmap writes (depends on its binding)',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [update]}', 'x', 'ClusterRole'),
    },
    {
      name: 'kube-system, narrowed to other configmaps',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [patch], resourceNames: [coredns]}'),
    },
    {
      name: 'kube-system, read only',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [get]}'),
    },
    {
      name: 'kube-system, "*" on "*" is rbac-wildcard',
      yaml: role('- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'),
    },
  ],
  invalid: [
    {
      name: 'Role in kube-system',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: [update, patch]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: `rules[0] grants update, patch on configmaps in kube-system: ${tail}`,
        },
      ],
    },
    {
      name: 'ClusterRole naming aws-auth',
      yaml: role(
        '- {apiGroups: [""], resources: [configmaps], verbs: [get, update], resourceNames: [aws-auth]}',
        'x',
        'ClusterRole',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: `rules[0] grants update on configmaps named "aws-auth" (narrowed by resourceNames): ${tail}`,
        },
      ],
    },
    {
      name: 'verbs "*" in kube-system',
      yaml: role('- {apiGroups: [""], resources: [configmaps], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: `rules[0] grants create, update, patch on configmaps in kube-system (through "*" in verbs): ${tail}`,
        },
      ],
    },
  ],
});
