import { ruleTests } from '../../../../test/ruleTester.js';
import { netpolIpblockPodCidr } from './netpol-ipblock-pod-cidr.js';

const policy = (rules: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
${rules}
`;
const CLUSTER = { clusterCidrs: ['10.244.0.0/16', '192.168.10.0/24', 'fd00:10::/64'] };

ruleTests(netpolIpblockPodCidr, {
  valid: [
    {
      name: 'without clusterCidrs the rule cannot know which addresses are pods',
      yaml: policy('  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]'),
    },
    {
      name: 'blocks outside the cluster ranges, or with them excepted; an unlisted direction is ignored',
      yaml: policy(`  policyTypes: [Ingress]
  ingress:
  - from:
    - ipBlock: {cidr: 203.0.113.0/24}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.244.0.0/16]}
    - ipBlock: {cidr: 192.168.11.0/24}
  egress: [{to: [{ipBlock: {cidr: 10.244.1.0/24}}]}]`),
      settings: CLUSTER,
    },
  ],
  invalid: [
    {
      name: 'a wide private block covers the pod CIDR; an IPv6 block inside the pod range; the internet',
      yaml: policy(`  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/16]}}]
  egress:
  - to: [{ipBlock: {cidr: "fd00:10::1/128"}}, {podSelector: {}}]
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]`),
      settings: CLUSTER,
      findings: [
        {
          path: 'spec.ingress[0].from[0].ipBlock.cidr',
          message:
            "ingress ipBlock 10.0.0.0/8 except 10.0.0.0/16 overlaps the cluster's pod or node CIDRs 10.244.0.0/16 (clusterCidrs): whether it matches pods or nodes depends on the network plugin",
        },
        {
          path: 'spec.egress[0].to[0].ipBlock.cidr',
          message:
            "egress ipBlock fd00:10::1/128 overlaps the cluster's pod or node CIDRs fd00:10::/64 (clusterCidrs): whether it matches pods or nodes depends on the network plugin",
        },
        {
          path: 'spec.egress[1].to[0].ipBlock.cidr',
          message:
            "egress ipBlock 0.0.0.0/0 except 169.254.169.254/32 overlaps the cluster's pod or node CIDRs 10.244.0.0/16, 192.168.10.0/24 (clusterCidrs): whether it matches pods or nodes depends on the network plugin",
        },
      ],
    },
  ],
});
