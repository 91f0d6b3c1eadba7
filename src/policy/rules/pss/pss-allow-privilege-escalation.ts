import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssAllowPrivilegeEscalation = defineWorkloadRule({
  id: 'pss-allow-privilege-escalation',
  title: 'Privilege escalation not disabled (PSS restricted: Privilege Escalation)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards check `allowPrivilegeEscalation` (v1.8+), exactly as Pod Security Admission decides it: every container must set `securityContext.allowPrivilegeEscalation: false` explicitly (unset fails; there is no pod-level field). From v1.25 Windows pods are exempt.',
  rationale:
    'Unless no_new_privs is set, a process can gain privileges through setuid/setgid binaries or file capabilities in the image (su, sudo, ping, a planted binary) and climb from an unprivileged user to root in the container — the first step of most escapes. A stepping stone, hence medium.',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container, including init and ephemeral containers.',
  references: {
    cis: ['5.2.6'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1548.001', 'T1068'],
    pss: 'Privilege Escalation (restricted, v1.8+)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['allowPrivilegeEscalation']),
});
