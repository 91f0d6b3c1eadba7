import { parseFieldPath } from '../../../k8s/fieldPath.js';
import { ipBlockPeers, overlappedCidrs } from '../../../netpol/policyFacts.js';
import { policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';

export const netpolIpblockPodCidr = defineRule({
  id: 'netpol-ipblock-pod-cidr',
  title: 'NetworkPolicy ipBlock overlaps the pod or node CIDRs',
  category: 'network',
  severity: 'low',
  description:
    'A peer `ipBlock` of a Kubernetes NetworkPolicy rule (a direction the policy isolates) whose addresses — `cidr` minus its `except` ' +
    "entries — overlap one of the cluster's pod or node CIDRs, given by the `clusterCidrs` configuration key (e.g. " +
    "`clusterCidrs: [10.244.0.0/16, 192.168.0.0/24]`). Manifests carry neither pod IPs nor the cluster's CIDRs, so without that key " +
    'the rule reports nothing: it cannot see which addresses are pods. One finding per ipBlock, naming the CIDRs it overlaps.',
  rationale:
    'Whether an ipBlock matches pod or node traffic is left to the network plugin: the upstream conformance tests expect pod IPs to match ' +
    '(`<pod IP>/32` allows that pod), Cilium never matches pods by ipBlock, and traffic seen through SNAT may carry a node address. A policy ' +
    'that means "the internet" or "the office range" but also covers the pod network therefore allows, or fails to allow, in-cluster ' +
    'traffic differently from one cluster to the next — a lateral-movement path (T1021) nobody reviewed. Low: behaviour is uncertain, not open.',
  remediation:
    'Select in-cluster peers with `podSelector`/`namespaceSelector`, and carve the pod and node CIDRs out of wide blocks with `except` ' +
    '(`ipBlock: {cidr: 10.0.0.0/8, except: [10.244.0.0/16]}`).',
  references: {
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1021'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
      'https://docs.cilium.io/en/stable/security/policy/language/#ip-cidr-based',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model, settings }): Iterable<Report> {
    const cidrs = settings.clusterCidrs ?? [];
    if (cidrs.length === 0) return;
    const policy = policyOf(resource, model);
    if (policy === undefined) return;
    for (const { direction, peer } of ipBlockPeers(policy)) {
      const overlapped = overlappedCidrs(peer, cidrs);
      if (overlapped.length === 0) continue;
      yield {
        message: `${direction} ipBlock ${peer.text} overlaps the cluster's pod or node CIDRs ${overlapped.join(', ')} (clusterCidrs): whether it matches pods or nodes depends on the network plugin`,
        path: [...parseFieldPath(peer.path), 'cidr'],
      };
    }
  },
});
