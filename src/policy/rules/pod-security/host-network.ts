import { defineWorkloadRule, type Report } from '../../types.js';

export const hostNetwork = defineWorkloadRule({
  id: 'host-network',
  title: 'Pod uses the host network namespace',
  category: 'pod-security',
  severity: 'high',
  description:
    'The pod spec sets `hostNetwork: true` (`spec.hostNetwork`, `spec.template.spec.hostNetwork`, `spec.jobTemplate.spec.template.spec.hostNetwork`). ' +
    'Windows HostProcess pods must set it; they are reported by windows-host-process as well, since the two are separate fields.',
  rationale:
    "With the node's network namespace the pod sees every interface of the node: it can sniff traffic of other pods on the node, bind any node port, " +
    "reach services that listen only on the node's loopback (node agents, admin and debug endpoints) and the cloud metadata service even where pod traffic to it is blocked, " +
    'and its traffic is not governed by NetworkPolicy, which applies to pod-network traffic. It does not by itself give code execution on the node, ' +
    'but it removes network isolation from the node and the pod network — high.',
  remediation:
    'Remove `hostNetwork: true`. Expose the workload with a Service (NodePort/LoadBalancer) instead; node-level network agents belong in a dedicated, exempted namespace.',
  references: {
    cis: ['5.2.5'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1040', 'T1557', 'T1611'],
    pss: 'Host Namespaces (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (workload.template.spec.hostNetwork !== true) return;
    yield {
      message: 'pod uses the host network namespace (hostNetwork: true)',
      path: [...workload.template.specPath, 'hostNetwork'],
    };
  },
});
