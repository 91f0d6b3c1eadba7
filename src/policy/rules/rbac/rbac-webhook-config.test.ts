import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: installer}
rules:
${rules}`;

ruleTests(rbacWebhookConfig, {
  valid: [
    {
      name: 'read webhook configurations',
      yaml: role(
        '- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [get, list, watch]}',
      ),
    },
    {
      name: 'same resource name in the wrong group',
      yaml: role('- {apiGroups: [""], resources: [mutatingwebhookconfigurations], verbs: [create]}'),
    },
  ],
  invalid: [
    {
      name: 'write a mutating webhook',
      yaml: role(
        '- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create, update, patch]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants create, update, patch on mutatingwebhookconfigurations.admissionregistration.k8s.io',
        },
      ],
    },
    {
      name: 'delete a validating admission policy binding (disables the policy)',
      yaml: role(
        '- {apiGroups: [admissionregistration.k8s.io], resources: [validatingadmissionpolicybindings], verbs: [delete]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants delete on validatingadmissionpolicybindings.admissionregistration.k8s.io',
        },
      ],
    },
    {
      name: 'named webhook configuration via verbs "*"',
      yaml: role(
        '- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: ["*"], resourceNames: [kubeward]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants update, patch, delete on validatingwebhookconfigurations.admissionregistration.k8s.io named "kubeward" (narrowed by resourceNames) (through "*" in verbs)',
        },
      ],
    },
  ],
});
