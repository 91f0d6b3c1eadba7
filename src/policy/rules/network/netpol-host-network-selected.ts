import { selectedHostNetworkClasses } from '../../../netpol/policyFacts.js';
import { netpolEngineOf, policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';
import { classNames } from './classNames.js';

export const netpolHostNetworkSelected = defineRule({
  id: 'netpol-host-network-selected',
  title: 'NetworkPolicy selects hostNetwork pods',
  category: 'network',
  severity: 'low',
  description:
    'The `spec.podSelector` of a Kubernetes NetworkPolicy selects pods of a workload of its namespace that run with `hostNetwork: true`. ' +
    'The Kubernetes documentation leaves the behaviour to the network plugin: either it applies the policy to hostNetwork pods like to ' +
    "other pods, or — the most common implementation — it cannot tell their traffic from the node's and ignores them, so the policy " +
    'does not restrict them at all. One finding per policy, naming the workloads. Peers that select hostNetwork pods are not reported.',
  rationale:
    'The policy reads as if it isolated these pods, yet on most plugins their ports stay reachable from everywhere the node is, and they ' +
    "can connect anywhere the node can (the node's own network namespace, its metadata service, other nodes). A reviewer trusting the " +
    'policy misses that exposure (T1046, then lateral movement over the node network). Low: an uncertainty of enforcement, not an opening.',
  remediation:
    "Run the workload without `hostNetwork` if it does not need the node's network namespace; otherwise protect the ports it listens on " +
    "with node firewall rules or the plugin's host policies (Calico host endpoints, Cilium host firewall), and check what your plugin does " +
    'with hostNetwork pods.',
  references: {
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1046'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods',
      'https://docs.cilium.io/en/stable/security/host-firewall/',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const policy = policyOf(resource, model);
    if (policy === undefined) return;
    const classes = selectedHostNetworkClasses(netpolEngineOf(model).analysis.index, policy);
    if (classes.length === 0) return;
    yield {
      message: `spec.podSelector selects hostNetwork pods (${classNames(classes)}): whether this policy applies to them depends on the network plugin, and most plugins do not enforce it on them`,
      path: ['spec', 'podSelector'],
    };
  },
});
