import { ruleTests } from '../../../../test/ruleTester.js';
import { egressToMetadata } from './egress-to-metadata.js';

const policy = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
${spec}
`;

ruleTests(egressToMetadata, {
  valid: [
    {
      name: '0.0.0.0/0 with both IPv4 metadata addresses excepted',
      yaml: policy(`  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.169.254/32, 100.100.100.200/32]}}]`),
    },
    {
      name: 'an except of the whole link-local range covers it',
      yaml: policy(`  egress:
  - to: [{ipBlock: {cidr: 128.0.0.0/1, except: [169.254.0.0/16]}}]`),
    },
    {
      name: 'blocks that do not contain the addresses (one off, private ranges, IPv6 with the AWS block excepted)',
      yaml: policy(`  egress:
  - to:
    - ipBlock: {cidr: 169.254.169.255/32}
    - ipBlock: {cidr: 169.254.169.248/30}
    - ipBlock: {cidr: 100.100.100.201/32}
    - ipBlock: {cidr: 10.0.0.0/8}
    - ipBlock: {cidr: "fc00::/8"}
    - ipBlock: {cidr: "::/0", except: ["fd00:ec2::/32"]}
    - podSelector: {}
      namespaceSelector: {}`),
    },
    {
      name: 'a DNS-only rule to every destination does not reach the metadata HTTP port',
      yaml: policy(`  policyTypes: [Egress]
  egress:
  - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
    ports: [{port: 443}, {port: http}]`),
    },
    {
      name: 'egress rules of a policy whose policyTypes omit Egress are ignored by Kubernetes',
      yaml: policy(`  policyTypes: [Ingress]
  egress: [{}]`),
    },
  ],
  invalid: [
    {
      name: 'ipBlock 0.0.0.0/0 without except',
      yaml: policy(`  egress:
  - to: [{podSelector: {}}, {ipBlock: {cidr: 0.0.0.0/0}}]`),
      findings: [
        {
          path: 'spec.egress[0].to[1].ipBlock.cidr',
          message:
            'egress to ipBlock 0.0.0.0/0 includes the cloud metadata service 169.254.169.254 and no except entry covers it',
        },
      ],
    },
    {
      name: 'an except that misses the address; host bits in the CIDR; a port range over 80',
      yaml: policy(`  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 169.254.0.0/16, except: [169.254.170.0/24]}
    - ipBlock: {cidr: 169.254.169.1/24}
    ports: [{port: 1, endPort: 1024}]`),
      findings: [
        {
          path: 'spec.egress[0].to[0].ipBlock.cidr',
          message:
            'egress to ipBlock 169.254.0.0/16 includes the cloud metadata service 169.254.169.254 and no except entry covers it',
        },
        {
          path: 'spec.egress[0].to[1].ipBlock.cidr',
          message:
            'egress to ipBlock 169.254.169.1/24 includes the cloud metadata service 169.254.169.254 and no except entry covers it',
        },
      ],
    },
    {
      name: 'an IPv6 block that contains the AWS metadata address (dual-stack policy)',
      yaml: policy(`  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 100.100.100.0/24]}
    - ipBlock: {cidr: "::/0", except: ["fd00:ec2::253/128"]}`),
      findings: [
        {
          path: 'spec.egress[0].to[1].ipBlock.cidr',
          message:
            'egress to ipBlock ::/0 includes the IPv6 address of the AWS metadata service fd00:ec2::254 and no except entry covers it',
        },
      ],
    },
    {
      name: 'only 169.254.169.254 excepted: the Alibaba Cloud address stays open; a block of it alone',
      yaml: policy(`  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}
    - ipBlock: {cidr: 100.64.0.0/10, except: [100.100.100.201/32]}`),
      findings: [
        {
          path: 'spec.egress[0].to[0].ipBlock.cidr',
          message:
            'egress to ipBlock 0.0.0.0/0 includes the Alibaba Cloud metadata service 100.100.100.200 and no except entry covers it',
        },
        {
          path: 'spec.egress[0].to[1].ipBlock.cidr',
          message:
            'egress to ipBlock 100.64.0.0/10 includes the Alibaba Cloud metadata service 100.100.100.200 and no except entry covers it',
        },
      ],
    },
    {
      name: 'rules without "to", missing or empty, allow every destination',
      yaml: policy(`  policyTypes: [Egress]
  egress:
  - {}
  - to: []
    ports: [{protocol: TCP}]`),
      findings: [
        {
          path: 'spec.egress[0].to',
          message:
            'egress rule has no "to": it allows every destination, including the cloud metadata service 169.254.169.254',
        },
        {
          path: 'spec.egress[1].to',
          message:
            'egress rule has no "to": it allows every destination, including the cloud metadata service 169.254.169.254',
        },
      ],
    },
  ],
});
