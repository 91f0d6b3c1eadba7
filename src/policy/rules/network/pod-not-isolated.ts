import { defineWorkloadRule, type Report } from '../../types.js';
import { formatLabels } from '../../../k8s/selectorText.js';
import type { CompiledNetworkPolicy } from '../../../netpol/networkPolicy.js';
import { isolationOf } from '../../../netpol/policyFacts.js';
import { netpolEngineOf } from '../../netpolEngine.js';

function policyNames(policies: readonly CompiledNetworkPolicy[]): string {
  const quoted = policies.map((p) => `"${p.name}"`).join(', ');
  return `${policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} ${quoted}`;
}

export const podNotIsolated = defineWorkloadRule({
  id: 'pod-not-isolated',
  title: 'Pods are not isolated by a NetworkPolicy',
  category: 'network',
  severity: 'medium',
  description:
    'For each workload that runs pods, the Kubernetes NetworkPolicies (`networking.k8s.io`) of its namespace are matched against ' +
    'the pod template labels (`spec.template.metadata.labels`; `podSelector: {}` selects every pod, a missing podSelector too). ' +
    'The pods are isolated for ingress only if a selecting policy has `Ingress` in its `policyTypes`, and for egress only if one has ' +
    '`Egress` — after the API server defaulting: without `policyTypes` a policy isolates ingress, and egress only when it has egress rules. ' +
    'One finding per workload names the direction(s) left open. Policies of CNI-specific kinds (Calico, Cilium) are not read. ' +
    'hostNetwork pods are judged like other pods, although most network plugins do not apply policies to them (netpol-host-network-selected). ' +
    'A policy the API server would reject (an invalid CIDR or selector, a bad `endPort`, a second object of the same name) isolates nothing: it is a scan error.',
  rationale:
    'Kubernetes allows all pod-to-pod traffic until a NetworkPolicy selects a pod. An attacker who compromises any pod in the cluster ' +
    '(or enters through an exposed service) can scan for and connect to an unisolated pod from anywhere (T1046 network service discovery, ' +
    'then lateral movement to its API, database port or admin endpoint); an unisolated pod can in turn connect anywhere, including the ' +
    'cloud metadata service and the internet for exfiltration and command-and-control. This is the lateral-movement path of most cluster ' +
    'breaches, but it needs a first foothold, hence medium rather than high.',
  remediation:
    'Give the namespace a default-deny policy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`, no rules) and add policies that select ' +
    'these pods by their labels and allow only the traffic they need; list `Egress` in `policyTypes` explicitly when you mean to restrict egress.',
  references: {
    cis: ['5.3.2'],
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1046', 'T1021'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ workload, model }): Iterable<Report> {
    const engine = netpolEngineOf(model);
    const cls = engine.classOf(workload);
    if (cls === undefined) return;
    const labels = workload.template.labels;
    const isolation = isolationOf(engine.analysis, cls);
    const ingress = isolation.ingress.length > 0;
    const egress = isolation.egress.length > 0;
    if (ingress && egress) return;
    const path = [...workload.template.metadataPath, 'labels'];
    const pods =
      Object.keys(labels).length > 0 ? `pods labelled ${formatLabels(labels)}` : 'pods with no labels';
    if (isolation.selecting.length === 0) {
      yield {
        message: `no NetworkPolicy in namespace "${workload.namespace}" selects ${pods}: all ingress and egress traffic is allowed`,
        path,
      };
    } else if (!ingress) {
      yield {
        message: `${pods} are not isolated for ingress: ${policyNames(isolation.selecting)} select${isolation.selecting.length === 1 ? 's' : ''} them for egress only, so any source can connect to them`,
        path,
      };
    } else {
      yield {
        message: `${pods} are not isolated for egress: ${policyNames(isolation.selecting)} select${isolation.selecting.length === 1 ? 's' : ''} them for ingress only, so they can connect to any destination`,
        path,
        remediation:
          'Add `Egress` to `policyTypes` of a policy that selects these pods (a policy without `policyTypes` isolates egress only when it has egress rules), with egress rules for the destinations they need (DNS included).',
      };
    }
  },
});
