import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssSelinux = defineWorkloadRule({
  id: 'pss-selinux',
  title: 'Custom SELinux type, user or role (PSS baseline: SELinux)',
  category: 'pss',
  severity: 'medium',
  description:
    "Pod Security Standards check `seLinuxOptions`, exactly as Pod Security Admission decides it: in `spec.securityContext.seLinuxOptions` and each container's, `type` must be empty, `container_t`, `container_init_t`, `container_kvm_t` (or `container_engine_t` from v1.31), and `user` and `role` must be empty.",
  rationale:
    'Another SELinux type (typically `spc_t`, the "super privileged container" type) or a custom user/role lifts the SELinux confinement that keeps container processes away from host files and other containers. It removes a defence layer rather than opening the node by itself, hence medium.',
  remediation:
    'Remove `seLinuxOptions.type`, `user` and `role` (keep `level` if you use MCS labels), or use one of the container types.',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611'],
    pss: 'SELinux (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['seLinuxOptions']),
});
