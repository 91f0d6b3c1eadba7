import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacCsrApprove } from './rbac-csr-approve.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
${rules}`;

ruleTests(rbacCsrApprove, {
  valid: [
    {
      name: 'create and read CSRs',
      yaml: role(
        '- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get, update]}',
      ),
    },
    {
      name: 'status, not approval',
      yaml: role(
        '- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/status], verbs: [update]}',
      ),
    },
  ],
  invalid: [
    {
      name: 'update the approval subresource',
      yaml: role(
        '- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants update on certificatesigningrequests.certificates.k8s.io/approval',
        },
      ],
    },
    {
      name: '"*/approval"',
      yaml: role('- {apiGroups: ["*"], resources: ["*/approval"], verbs: [patch]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants patch on certificatesigningrequests.certificates.k8s.io/approval (through "*" in resources)',
        },
      ],
    },
  ],
});
