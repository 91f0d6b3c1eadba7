import { defineRule, type Report } from '../../types.js';
import { cidrContainsAddress } from '../../../netpol/ipv4Cidr.js';
import { ipv6CidrContainsAddress } from '../../../netpol/ipv6Cidr.js';
import { compileNetworkPolicy, isKubernetesNetworkPolicy, portsAdmit } from './networkPolicy.js';

/** The link-local address of the instance metadata service of AWS, GCP, Azure, OpenStack and others. */
export const METADATA_ADDRESS = '169.254.169.254';
/** The IPv6 address of the AWS instance metadata service (Nitro instances with its IPv6 endpoint enabled). */
export const METADATA_ADDRESS_IPV6 = 'fd00:ec2::254';

export const egressToMetadata = defineRule({
  id: 'egress-to-metadata',
  title: 'Egress rule allows the cloud metadata service',
  category: 'network',
  severity: 'medium',
  description:
    'An egress rule of a Kubernetes NetworkPolicy that isolates egress (`Egress` in its defaulted `policyTypes`) allows 169.254.169.254 on ' +
    'TCP port 80 (where the metadata services listen): either the rule has no `to` (every destination), or a peer `ipBlock.cidr` contains ' +
    'that address and no entry of its `except` does (IPv4 CIDR containment). IPv6 blocks are checked the same way against fd00:ec2::254, ' +
    'the IPv6 address of the AWS metadata service (`::/0` in a dual-stack policy, for example). Rules whose `ports` exclude TCP 80 — a DNS-only rule, ' +
    'for example — are not reported; a named port never matches an ipBlock address. Pods that no policy isolates for egress reach the ' +
    "metadata service too: that is pod-not-isolated's finding.",
  rationale:
    "The instance metadata service hands out the node's cloud credentials (the IAM role of the node on AWS without IMDSv2 hop limits, " +
    'the node service account token on GCP, managed identity tokens on Azure) and bootstrap data such as kubelet credentials. A pod ' +
    'compromised through an SSRF or RCE can fetch them and act as the node in the cloud account (T1552.005). The policy author meant ' +
    'to restrict egress and opened this path anyway, usually through `0.0.0.0/0`; medium because it needs a compromised pod first.',
  remediation:
    'Add `169.254.169.254/32` (or `169.254.0.0/16`) to the `except` list of the ipBlock, e.g. ' +
    '`ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}`, and `fd00:ec2::254/128` to that of an IPv6 block such as `::/0`; ' +
    'replace rules without `to` by explicit destinations. On the cloud side, ' +
    'also block pod access to the metadata service (IMDSv2 with hop limit 1, GKE Workload Identity, Azure workload identity).',
  references: {
    nsa: ['Network separation and hardening: Protecting sensitive cloud infrastructure'],
    mitre: ['T1552.005', 'T1557'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
    ],
  },
  targets: ['NetworkPolicy'],
  *check({ resource, model }): Iterable<Report> {
    if (!isKubernetesNetworkPolicy(resource)) return;
    const policy = compileNetworkPolicy(resource, model.namespaceOf(resource.ref) ?? model.defaultNamespace);
    if (!policy.types.egress) return;
    for (const rule of policy.egress) {
      if (!portsAdmit(rule.ports, 'TCP', 80)) continue;
      if (rule.peers === undefined) {
        yield {
          message: `egress rule has no "to": it allows every destination, including the cloud metadata service ${METADATA_ADDRESS}`,
          path: [...rule.path, 'to'],
        };
        continue;
      }
      for (const peer of rule.peers) {
        const block = peer.ipBlock;
        if (block === undefined) continue;
        const open = (contains: (cidr: string, address: string) => boolean, address: string): boolean =>
          contains(block.cidr, address) && !block.except.some((e) => contains(e, address));
        const what = open(cidrContainsAddress, METADATA_ADDRESS)
          ? `the cloud metadata service ${METADATA_ADDRESS}`
          : open(ipv6CidrContainsAddress, METADATA_ADDRESS_IPV6)
            ? `the IPv6 address of the AWS metadata service ${METADATA_ADDRESS_IPV6}`
            : undefined;
        if (what === undefined) continue;
        yield {
          message: `egress to ipBlock ${block.cidr} includes ${what} and no except entry covers it`,
          path: [...peer.path, 'ipBlock', 'cidr'],
        };
      }
    }
  },
});
