import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssHostProbesLifecycle = defineWorkloadRule({
  id: 'pss-host-probes-lifecycle',
  title: 'Probe or lifecycle hook targets another host (PSS baseline: Host Probes / Lifecycle Hooks)',
  category: 'pss',
  severity: 'medium',
  description:
    "Pod Security Standards check `hostProbesAndHostLifecycle` (v1.34+), exactly as Pod Security Admission decides it: no container's livenessProbe, readinessProbe, startupProbe, lifecycle.postStart or lifecycle.preStop may set `httpGet.host` or `tcpSocket.host`.",
  rationale:
    "The kubelet runs probes and HTTP hooks from the node. A `host` field makes it send requests to any address the node can reach — node-local services, the cloud metadata endpoint, other namespaces past NetworkPolicy — a server-side request forgery with the node's network position. Limited to what a GET or TCP connect can do, hence medium.",
  remediation:
    "Remove `host` from the probe or hook so the kubelet targets the pod's own IP; check other endpoints from inside the application instead.",
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    pss: 'Host Probes / Lifecycle Hooks (baseline, v1.34+)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['hostProbesAndHostLifecycle']),
});
