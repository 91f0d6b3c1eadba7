import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssPrivileged = defineWorkloadRule({
  id: 'pss-privileged',
  title: 'Privileged container (PSS baseline: Privileged Containers)',
  category: 'pss',
  severity: 'critical',
  description:
    'Pod Security Standards check `privileged`, exactly as Pod Security Admission decides it: no container (init, regular or ephemeral) may set `securityContext.privileged: true`. Part of baseline and restricted at every version.',
  rationale:
    'A privileged container has every capability, all host devices and no seccomp/AppArmor/SELinux confinement: code running in it can mount the node disk, load kernel modules and take over the node, and with it every pod, secret and token there. A full container escape, hence critical.',
  remediation:
    'Remove `securityContext.privileged: true`. Add only the specific capability the process needs, or move node-level work to a vetted DaemonSet in a namespace labelled `pod-security.kubernetes.io/enforce: privileged`.',
  references: {
    cis: ['5.2.2'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1610'],
    pss: 'Privileged Containers (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['privileged']),
});
