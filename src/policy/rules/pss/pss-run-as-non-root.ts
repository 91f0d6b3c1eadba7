import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssRunAsNonRoot = defineWorkloadRule({
  id: 'pss-run-as-non-root',
  title: 'Containers not required to run as non-root (PSS restricted: Running as Non-root)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards check `runAsNonRoot`, exactly as Pod Security Admission decides it: `securityContext.runAsNonRoot` must be true on the pod, or on every container that does not inherit it, and nothing may set it false. A non-zero `runAsUser` does not count. From v1.35 user-namespaced pods (`spec.hostUsers: false`) are exempt.',
  rationale:
    "Without runAsNonRoot the kubelet starts an image that runs as UID 0 as is. Root in a container is root on the node's kernel for every file, device or socket that becomes reachable (a hostPath, a kernel bug, a mis-set capability), which turns many partial weaknesses into escapes. A precondition rather than an escape, hence medium.",
  remediation:
    'Set `spec.securityContext.runAsNonRoot: true` (and a non-zero `runAsUser` if the image has no USER), and remove any `runAsNonRoot: false`.',
  references: {
    cis: ['5.2.7'],
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1611'],
    pss: 'Running as Non-root (restricted)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['runAsNonRoot']),
});
