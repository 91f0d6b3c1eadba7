import { parseFieldPath } from '../../../k8s/fieldPath.js';
import { admitsOnAddress, firstAdmittedAddress } from '../../../netpol/policyFacts.js';
import { policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';

/** The link-local address of the instance metadata service of AWS, GCP, Azure, OpenStack and others. */
export const METADATA_ADDRESS = '169.254.169.254';
/** The IPv6 address of the AWS instance metadata service (Nitro instances with its IPv6 endpoint enabled). */
export const METADATA_ADDRESS_IPV6 = 'fd00:ec2::254';
/** The address of the Alibaba Cloud ECS metadata service. */
export const METADATA_ADDRESS_ALIBABA = '100.100.100.200';

/** The metadata addresses, in the order messages name the first one an ipBlock admits. */
export const METADATA_ADDRESSES = [
  METADATA_ADDRESS,
  METADATA_ADDRESS_ALIBABA,
  METADATA_ADDRESS_IPV6,
] as const;

const METADATA_SERVICES: Readonly<Record<string, string>> = {
  [METADATA_ADDRESS]: `the cloud metadata service ${METADATA_ADDRESS}`,
  [METADATA_ADDRESS_ALIBABA]: `the Alibaba Cloud metadata service ${METADATA_ADDRESS_ALIBABA}`,
  [METADATA_ADDRESS_IPV6]: `the IPv6 address of the AWS metadata service ${METADATA_ADDRESS_IPV6}`,
};

export const egressToMetadata = defineRule({
  id: 'egress-to-metadata',
  title: 'Egress rule allows the cloud metadata service',
  category: 'network',
  severity: 'medium',
  description:
    'An egress rule of a Kubernetes NetworkPolicy that isolates egress (`Egress` in its defaulted `policyTypes`) allows 169.254.169.254 on ' +
    'TCP port 80 (where the metadata services listen): either the rule has no `to` (every destination), or a peer `ipBlock.cidr` contains ' +
    'that address and no entry of its `except` does (IPv4 CIDR containment). The same holds for 100.100.100.200, the Alibaba Cloud metadata ' +
    'address (`0.0.0.0/0` excepting only 169.254.169.254/32 still reaches it), and for IPv6 blocks against fd00:ec2::254, ' +
    'the IPv6 address of the AWS metadata service (`::/0` in a dual-stack policy, for example); the message names the first address open. ' +
    'Rules whose `ports` exclude TCP 80 — a DNS-only rule, ' +
    'for example — are not reported; a named port never matches an ipBlock address. Pods that no policy isolates for egress reach the ' +
    "metadata service too: that is pod-not-isolated's finding. A policy the API server would reject (an invalid CIDR, an `except` outside " +
    'its `cidr`) is a scan error instead.',
  rationale:
    "The instance metadata service hands out the node's cloud credentials (the IAM role of the node on AWS without IMDSv2 hop limits, " +
    'the node service account token on GCP, managed identity tokens on Azure) and bootstrap data such as kubelet credentials. A pod ' +
    'compromised through an SSRF or RCE can fetch them and act as the node in the cloud account (T1552.005). The policy author meant ' +
    'to restrict egress and opened this path anyway, usually through `0.0.0.0/0`; medium because it needs a compromised pod first.',
  remediation:
    'Add `169.254.169.254/32` (or `169.254.0.0/16`) to the `except` list of the ipBlock, e.g. ' +
    '`ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 100.100.100.200/32]}`, and `fd00:ec2::254/128` to that of an IPv6 block such as `::/0`; ' +
    'replace rules without `to` by explicit destinations. On the cloud side, ' +
    'also block pod access to the metadata service (IMDSv2 with hop limit 1, GKE Workload Identity, Azure workload identity).',
  references: {
    nsa: ['Network separation and hardening: Protecting sensitive cloud infrastructure'],
    mitre: ['T1552.005', 'T1557'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
      'https://www.alibabacloud.com/help/en/ecs/user-guide/view-instance-metadata',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const policy = policyOf(resource, model);
    if (policy?.egress === undefined) return;
    for (const rule of policy.egress) {
      if (!admitsOnAddress(rule, 'TCP', 80)) continue;
      if (rule.peers === undefined) {
        yield {
          message: `egress rule has no "to": it allows every destination, including the cloud metadata service ${METADATA_ADDRESS}`,
          path: [...parseFieldPath(rule.path), 'to'],
        };
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.kind !== 'ipBlock') continue;
        const address = firstAdmittedAddress(peer, METADATA_ADDRESSES);
        if (address === undefined) continue;
        yield {
          message: `egress to ipBlock ${peer.cidr} includes ${METADATA_SERVICES[address]} and no except entry covers it`,
          path: [...parseFieldPath(peer.path), 'cidr'],
        };
      }
    }
  },
});
