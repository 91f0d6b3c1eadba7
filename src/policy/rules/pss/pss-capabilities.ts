import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssCapabilities = defineWorkloadRule({
  id: 'pss-capabilities',
  title: 'Container adds non-default capabilities (PSS baseline: Capabilities)',
  category: 'pss',
  severity: 'high',
  description:
    "Pod Security Standards check `capabilities_baseline`, exactly as Pod Security Admission decides it: every entry of a container's `securityContext.capabilities.add` must be one of AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT (exact, case-sensitive: `CAP_` prefixes and `ALL` fail). At restricted from v1.22 this check is replaced by `pss-capabilities-restricted`.",
  rationale:
    'Capabilities beyond the runtime default are the usual ingredients of a container escape: SYS_ADMIN (mount, cgroup release_agent), SYS_PTRACE (inject into processes), SYS_MODULE (load kernel modules), NET_ADMIN/NET_RAW (reconfigure or spoof the network), DAC_READ_SEARCH (open host files by handle). A compromised process with them can usually reach the node, hence high.',
  remediation:
    'Remove the capability from `securityContext.capabilities.add`; if the process truly needs one, grant only that one and document why, in a namespace that does not enforce baseline.',
  references: {
    cis: ['5.2.8', '5.2.9'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1068'],
    pss: 'Capabilities (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['capabilities_baseline']),
});
