import { parseFieldPath } from '../../../k8s/fieldPath.js';
import { getIn } from '../../../k8s/shape.js';
import { formatLabelSelector } from '../../../k8s/selectorText.js';
import { unmatchedSelectors } from '../../../netpol/policyFacts.js';
import { netpolEngineOf, policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';

const MAYBE_INTENTIONAL = 'this may be intentional if those pods are deployed from elsewhere';

export const netpolDangling = defineRule({
  id: 'netpol-dangling',
  title: 'NetworkPolicy selector matches no workload',
  category: 'network',
  severity: 'low',
  description:
    'A Kubernetes NetworkPolicy whose `spec.podSelector`, or a peer `podSelector` without `namespaceSelector` in `spec.ingress[].from[]` / ' +
    "`spec.egress[].to[]` of a direction the policy isolates (a selector over the policy's own namespace), matches the pod labels of no workload of that namespace in the " +
    'input. Empty selectors (`{}`) are not reported, nor are namespaces without any workload in the input (the policies were scanned ' +
    'without their workloads). Invalid policies, which the API server rejects, are scan errors instead. Peers that select other namespaces ' +
    'are left to the reachability engine, since those namespaces are often not in the input.',
  rationale:
    'A policy that selects nothing protects nothing: usually a label typo or a renamed app, leaving the intended pods unisolated while ' +
    'the author believes they are protected. A peer selector that matches nothing silently allows any pod that later carries those labels, ' +
    'which anyone able to create pods in the namespace can do to get through the policy (T1021 lateral movement). Low, and possibly ' +
    'intentional (pods deployed from another repository); the real exposure is reported by pod-not-isolated.',
  remediation:
    'Correct the selector to the labels of the pods it is meant for (`kubectl get pods -n NS --show-labels`), or delete the policy or peer ' +
    'if the workload is gone.',
  references: {
    nsa: ['Network separation and hardening: Network policies'],
    cis: ['5.3.2'],
    mitre: ['T1021'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const policy = policyOf(resource, model);
    if (policy === undefined) return;
    const namespace = policy.namespace;
    for (const unmatched of unmatchedSelectors(netpolEngineOf(model).analysis, policy)) {
      const path = parseFieldPath(unmatched.path);
      const text = formatLabelSelector(getIn(resource.object, path));
      const direction = unmatched.direction;
      const [what, consequence] =
        direction === undefined
          ? ['spec.podSelector', 'the policy protects no pod']
          : [
              `${direction} peer podSelector`,
              `the rule ${direction === 'ingress' ? 'admits traffic from' : 'allows traffic to'} any pod that later carries these labels`,
            ];
      yield {
        message: `${what} (${text}) matches no workload in namespace "${namespace}" of the input: ${consequence} (${MAYBE_INTENTIONAL})`,
        path,
      };
    }
  },
});
