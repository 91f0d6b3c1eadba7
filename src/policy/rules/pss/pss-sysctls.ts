import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssSysctls = defineWorkloadRule({
  id: 'pss-sysctls',
  title: 'Pod sets an unsafe sysctl (PSS baseline: Sysctls)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards check `sysctls`, exactly as Pod Security Admission decides it: every `spec.securityContext.sysctls[].name` must be in the safe set for the policy version (v1.0: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; more net.ipv4 settings from v1.27, v1.29, v1.32 and v1.37).',
  rationale:
    'Sysctls outside the safe set are either not namespaced (they change the kernel for every pod on the node) or not isolated between pods, so a workload can weaken or exhaust the node for its neighbours (memory, IPC, network behaviour). Node-wide impact without direct code execution on the node, hence medium.',
  remediation:
    'Remove the sysctl, or move the tuning to the node configuration (kubelet `--allowed-unsafe-sysctls` with a dedicated, tainted node pool).',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    pss: 'Sysctls (baseline)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['sysctls']),
});
