import { parseFieldPath } from '../../../k8s/fieldPath.js';
import { namedPortGaps, type NamedPortGap } from '../../../netpol/policyFacts.js';
import { netpolEngineOf, policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';

function messageOf(gap: NamedPortGap): string {
  const port = `named port "${gap.name}" (${gap.protocol})`;
  if (gap.ipOnly) {
    return `${port} of an egress rule whose destinations are all ipBlocks: a name resolves only on a destination pod, so the entry allows no traffic`;
  }
  const pods =
    gap.direction === 'ingress' ? 'the pods this policy selects' : 'the destination pods of this egress rule';
  const other =
    gap.otherProtocols.length > 0
      ? ` (they define "${gap.name}" with protocol ${gap.otherProtocols.join(', ')}, and the protocol must match)`
      : '';
  return `${port} is defined by no container of ${pods}${other}: the entry allows no traffic`;
}

export const netpolNamedPortUndefined = defineRule({
  id: 'netpol-named-port-undefined',
  title: 'NetworkPolicy names a port no selected container defines',
  category: 'network',
  severity: 'low',
  description:
    'A `ports[].port` given by name in a rule of a Kubernetes NetworkPolicy (a direction it isolates) that no container of the destination ' +
    'pods defines with that name and protocol (`containers[].ports[].name`, protocol defaulting to TCP on both sides). The destination is the ' +
    "pods the policy selects for an ingress rule and the pods the rule's peers admit for an egress rule (every pod of the input without `to`). " +
    'A name defined with another protocol is reported with it (upstream netpol_named_port_test: `newport`/UDP does not match a SCTP port). ' +
    'An egress rule whose peers are all `ipBlock`s is reported too: a name cannot be resolved for an address. When no destination pod is ' +
    'in the input nothing is reported (netpol-dangling covers selectors that match nothing).',
  rationale:
    'Kubernetes resolves a named port on each destination pod; a name no pod defines allows nothing, so the intended traffic is denied ' +
    '(an outage the author will "fix" by widening the policy, often to all ports) while the policy reads as if it allowed it. A renamed ' +
    'container port silently changes what the policy allows. Low: it fails closed, but it hides the real intent of the policy.',
  remediation:
    'Use the name the container port really has (`kubectl get pod POD -o jsonpath="{.spec.containers[*].ports}"`), with the same protocol, ' +
    'or give the port number; for ipBlock destinations always give numbers.',
  references: {
    nsa: ['Network separation and hardening: Network policies'],
    links: [
      'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const policy = policyOf(resource, model);
    if (policy === undefined) return;
    for (const gap of namedPortGaps(netpolEngineOf(model).analysis, policy)) {
      yield { message: messageOf(gap), path: [...parseFieldPath(gap.path), 'port'] };
    }
  },
});
