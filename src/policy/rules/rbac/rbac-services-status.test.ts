import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacServicesStatus } from './rbac-services-status.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: lb}
rules:
${rules}`;

ruleTests(rbacServicesStatus, {
  valid: [
    {
      name: 'patch services (not status)',
      yaml: role('- {apiGroups: [""], resources: [services], verbs: [patch]}'),
    },
    { name: 'read status', yaml: role('- {apiGroups: [""], resources: [services/status], verbs: [get]}') },
  ],
  invalid: [
    {
      name: 'patch services/status',
      yaml: role('- {apiGroups: [""], resources: [services/status], verbs: [update, patch]}'),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants update, patch on services/status' },
      ],
    },
    {
      name: '"*/status"',
      yaml: role('- {apiGroups: [""], resources: ["*/status"], verbs: [patch]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants patch on services/status (through "*" in resources)',
        },
      ],
    },
  ],
});
