import { ruleTests } from '../../../../test/ruleTester.js';
import { netpolHostNetworkSelected } from './netpol-host-network-selected.js';

const daemonSet = (name: string, hostNetwork: boolean) => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: monitoring}
spec:
  template:
    metadata: {labels: {app: ${name}, team: obs}}
    spec:
      hostNetwork: ${hostNetwork}
      containers: [{name: app, image: exporter:1}]
`;
const policy = (selector: string, ns = 'monitoring') => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: ${ns}}
spec:
  podSelector: ${selector}
  ingress: [{ports: [{port: 9100}]}]
`;

ruleTests(netpolHostNetworkSelected, {
  valid: [
    {
      name: 'the policy selects only the pod-network workload',
      yaml: [
        daemonSet('node-exporter', true),
        daemonSet('agent', false),
        policy('{matchLabels: {app: agent}}'),
      ].join('---'),
    },
    {
      name: 'a policy of another namespace never selects them',
      yaml: [daemonSet('node-exporter', true), policy('{}', 'default')].join('---'),
    },
  ],
  invalid: [
    {
      name: 'podSelector {} selects the hostNetwork DaemonSets of the namespace',
      yaml: [
        daemonSet('node-exporter', true),
        daemonSet('agent', false),
        daemonSet('kube-proxy-metrics', true),
        policy('{matchLabels: {team: obs}}'),
      ].join('---'),
      findings: [
        {
          path: 'spec.podSelector',
          message:
            'spec.podSelector selects hostNetwork pods (monitoring/node-exporter[DaemonSet], monitoring/kube-proxy-metrics[DaemonSet]): whether this policy applies to them depends on the network plugin, and most plugins do not enforce it on them',
        },
      ],
    },
  ],
});
