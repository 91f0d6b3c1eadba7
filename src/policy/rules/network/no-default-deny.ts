import { defineRule, type Report } from '../../types.js';
import type { Direction } from '../../../netpol/networkPolicy.js';
import { isDefaultDeny, policiesIn } from '../../../netpol/policyFacts.js';
import { netpolEngineOf } from '../../netpolEngine.js';
import { anchorNote, namespaceAnchorOf } from './namespaceAnchor.js';

export const noDefaultDeny = defineRule({
  id: 'no-default-deny',
  title: 'Namespace has no default-deny NetworkPolicy',
  category: 'network',
  severity: 'low',
  description:
    'A namespace that has NetworkPolicies has none that denies by default: no policy with `podSelector: {}` that lists the direction in ' +
    '(defaulted) `policyTypes` and has no rules for it. Ingress and egress are checked separately; one finding per namespace names ' +
    'the missing direction(s). Namespaces without any NetworkPolicy are left to namespace-no-netpol. The finding sits on the Namespace ' +
    'object when the input has one, otherwise on the first workload of the namespace.',
  rationale:
    'Policies that select workloads one by one protect only the pods that exist today: a pod deployed later with new labels (a debug pod, ' +
    'a new service, a pod an attacker creates with stolen credentials) is unisolated and reachable from the whole cluster (T1046, lateral ' +
    'movement), and without an egress default it can reach the metadata service and the internet. Low: the pods in the input are already ' +
    'judged one by one by pod-not-isolated; this is the safety net for the ones that are not.',
  remediation:
    'Add to the namespace:\n' +
    '  apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: default-deny}\n' +
    '  spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n' +
    'then allow each flow explicitly (including DNS egress to kube-dns).',
  references: {
    cis: ['5.3.2'],
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1046', 'T1021'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
  },
  targets: ['Namespace', 'workload'],
  needsModel: true,
  *check(ctx): Iterable<Report> {
    const anchor = namespaceAnchorOf(ctx);
    if (anchor === undefined) return;
    const policies = policiesIn(netpolEngineOf(ctx.model).analysis, anchor.namespace);
    if (policies.length === 0) return;
    const missing = (['ingress', 'egress'] as const).filter(
      (d: Direction) => !policies.some((p) => isDefaultDeny(p, d)),
    );
    if (missing.length === 0) return;
    yield {
      message: `namespace "${anchor.namespace}" has no default-deny NetworkPolicy for ${missing.join(' and ')} (podSelector: {} with the policyType and no rules)${anchorNote(anchor)}`,
      path: anchor.path,
    };
  },
});
