import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssHostNamespaces = defineWorkloadRule({
  id: 'pss-host-namespaces',
  title: 'Pod shares host namespaces (PSS baseline: Host Namespaces)',
  category: 'pss',
  severity: 'high',
  description:
    'Pod Security Standards check `hostNamespaces`, exactly as Pod Security Admission decides it: `spec.hostNetwork`, `spec.hostPID` and `spec.hostIPC` must be unset or false. Part of baseline and restricted at every version.',
  rationale:
    'hostPID lets a compromised container see every process on the node and, with ptrace-capable privileges, read their memory and environment (secrets, tokens). hostNetwork puts it on the node network stack: it can sniff node traffic, reach services bound to localhost (kubelet read-only port, node agents, cloud metadata) and bypass NetworkPolicy. hostIPC exposes shared memory of host processes. Each removes an isolation boundary between the pod and the node, but is not by itself a full escape, hence high.',
  remediation:
    'Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false). Expose the workload through a Service instead of the host network; run node-level agents that truly need this in a separate namespace labelled `pod-security.kubernetes.io/enforce: privileged`.',
  references: {
    cis: ['5.2.3', '5.2.4', '5.2.5'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'Host Namespaces (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['hostNamespaces']),
});
