import { ruleTests } from '../../../../test/ruleTester.js';
import { noDefaultDeny } from './no-default-deny.js';

const NS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;
const DEPLOY = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;
const policy = (name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec: ${spec}
`;

ruleTests(noDefaultDeny, {
  valid: [
    {
      name: 'one policy denies both directions',
      yaml: [NS, policy('deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}')].join('---'),
    },
    {
      name: 'two policies, one per direction; a missing podSelector is {}; policyTypes defaulted to Ingress',
      yaml: [
        DEPLOY,
        policy('deny-in', '{}'),
        policy('deny-out', '{podSelector: {}, policyTypes: [Egress], egress: []}'),
      ].join('---'),
    },
    {
      name: "a namespace without any policy is namespace-no-netpol's",
      yaml: [NS, DEPLOY].join('---'),
    },
  ],
  invalid: [
    {
      name: 'policies per workload only',
      yaml: [
        NS,
        DEPLOY,
        policy('web', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}'),
      ].join('---'),
      findings: [
        {
          path: 'metadata.name',
          message:
            'namespace "shop" has no default-deny NetworkPolicy for ingress and egress (podSelector: {} with the policyType and no rules)',
        },
      ],
    },
    {
      name: 'podSelector {} with egress: [] but no policyTypes isolates ingress only; an allow-all is no deny',
      yaml: [
        DEPLOY,
        policy('looks-like-deny', '{podSelector: {}, egress: []}'),
        policy('allow-all-out', '{podSelector: {}, policyTypes: [Egress], egress: [{}]}'),
      ].join('---'),
      findings: [
        {
          path: 'metadata.namespace',
          message:
            'namespace "shop" has no default-deny NetworkPolicy for egress (podSelector: {} with the policyType and no rules) (reported on its first workload: the input has no Namespace object for it)',
        },
      ],
    },
  ],
});
