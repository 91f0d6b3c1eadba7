import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacNetworkingWrite } from './rbac-networking-write.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules:
${rules}`;

ruleTests(rbacNetworkingWrite, {
  valid: [
    {
      name: 'read services',
      yaml: role('- {apiGroups: [""], resources: [services, endpoints], verbs: [get, list, watch]}'),
    },
    {
      name: 'endpointslices in the core group do not exist',
      yaml: role('- {apiGroups: [""], resources: [endpointslices], verbs: [create]}'),
    },
    {
      name: 'ingress status only',
      yaml: role('- {apiGroups: [networking.k8s.io], resources: [ingresses/status], verbs: [update]}'),
    },
  ],
  invalid: [
    {
      name: 'services and endpoints',
      yaml: role('- {apiGroups: [""], resources: [services, endpoints], verbs: [create, update]}'),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants create, update on services, endpoints' },
      ],
    },
    {
      name: 'delete NetworkPolicies, patch EndpointSlices',
      yaml: role(
        '- {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [delete]}\n- {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [patch]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants delete on networkpolicies.networking.k8s.io',
        },
        {
          path: 'rules[1].resources[0]',
          message: 'rules[1] grants patch on endpointslices.discovery.k8s.io',
        },
      ],
    },
  ],
});
