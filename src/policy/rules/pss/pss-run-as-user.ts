import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssRunAsUser = defineWorkloadRule({
  id: 'pss-run-as-user',
  title: 'Pod or container runs as UID 0 (PSS restricted: Running as Non-root user)',
  category: 'pss',
  severity: 'medium',
  description:
    "Pod Security Standards check `runAsUser` (v1.23+), exactly as Pod Security Admission decides it: neither `spec.securityContext.runAsUser` nor any container's may be 0 (unset is fine). From v1.35 user-namespaced pods (`spec.hostUsers: false`) are exempt.",
  rationale:
    'An explicit `runAsUser: 0` runs the process as root whatever the image says, with the same consequences as a missing runAsNonRoot: every reachable host resource is reachable as root. A precondition for escapes rather than one, hence medium.',
  remediation:
    'Set `runAsUser` to a non-zero UID (e.g. 10001), or remove it and use an image with a non-root USER.',
  references: {
    cis: ['5.2.7'],
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1611'],
    pss: 'Running as Non-root user (restricted, v1.23+)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['runAsUser']),
});
