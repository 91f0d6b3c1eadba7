import { defineRule, type Report } from '../../types.js';
import { policiesIn } from '../../../netpol/policyFacts.js';
import { netpolEngineOf } from '../../netpolEngine.js';
import { anchorNote, namespaceAnchorOf } from './namespaceAnchor.js';

export const namespaceNoNetpol = defineRule({
  id: 'namespace-no-netpol',
  title: 'Namespace has no NetworkPolicy',
  category: 'network',
  severity: 'medium',
  description:
    'A namespace of the input — declared by a `Namespace` object, or used by a workload — has no Kubernetes NetworkPolicy ' +
    '(`networking.k8s.io`) in the input. The finding sits on the Namespace object (`metadata.name`) when the input has one, ' +
    'otherwise on the first workload (in input order) that runs pods in that namespace (`metadata.namespace`), so each ' +
    'namespace is reported once. Policies the API server would reject do not count (they are scan errors).',
  rationale:
    'Without any NetworkPolicy every pod of the namespace, present and future, accepts connections from every pod of the cluster and ' +
    'can open connections anywhere: one compromised pod anywhere reaches all of them (T1046 discovery, then lateral movement), ' +
    'and they can reach the cloud metadata service and the internet. CIS 5.3.2 asks for policies in every namespace. Medium: it takes ' +
    'a first foothold to exploit, and pod-not-isolated reports the individual workloads.',
  remediation:
    'Add a NetworkPolicy to the namespace, at least a default deny (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) plus ' +
    "policies that allow the traffic its workloads need. If the namespace's policies are managed in another repository, scan them together.",
  references: {
    cis: ['5.3.2'],
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1046', 'T1021'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  },
  targets: ['Namespace', 'workload'],
  needsModel: true,
  *check(ctx): Iterable<Report> {
    const anchor = namespaceAnchorOf(ctx);
    if (anchor === undefined) return;
    if (policiesIn(netpolEngineOf(ctx.model).analysis, anchor.namespace).length > 0) return;
    yield {
      message: `namespace "${anchor.namespace}" has no NetworkPolicy: its pods accept and open connections to and from anywhere${anchorNote(anchor)}`,
      path: anchor.path,
    };
  },
});
