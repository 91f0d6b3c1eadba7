import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { addedCapabilities, DANGEROUS_CAPABILITIES, sysAdminGrant } from './capabilities.js';

export const capsDangerousAdd = defineWorkloadRule({
  id: 'caps-dangerous-add',
  title: 'Container adds a dangerous capability',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) adds one of NET_ADMIN, NET_RAW, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, SYS_BOOT, BPF, PERFMON, MAC_ADMIN, ' +
    "MAC_OVERRIDE, DAC_READ_SEARCH in `securityContext.capabilities.add` (Kubescape's insecure-capabilities list, plus DAC_READ_SEARCH, minus SETPCAP, " +
    "which is in the PSS baseline set and only affects the process's own capability sets). " +
    'One finding per capability. Names are compared case-insensitively and with or without a `CAP_` prefix, as CRI-O reads them. ' +
    "SYS_ADMIN and ALL are cap-sys-admin's (critical); a container that adds ALL is left to it entirely. " +
    'caps-add-outside-baseline reports the other non-baseline capabilities, so each added capability is reported by exactly one rule. Windows pods are exempt.',
  rationale:
    'Each of these gives a compromised process a direct route out of the container or across the node: SYS_MODULE and BPF run code in the host kernel, ' +
    'SYS_PTRACE injects into processes (with hostPID, into host processes), SYS_RAWIO and DAC_READ_SEARCH ("Shocker") read host memory or files, ' +
    'NET_ADMIN/NET_RAW rewrite or spoof traffic of neighbouring pods, MAC_* switch off AppArmor/SELinux. High: escalation or lateral movement with one more step.',
  remediation:
    'Remove the capability from `capabilities.add`. If the workload really needs it (a CNI plugin, a profiler), isolate it in a dedicated namespace and document an exception.',
  references: {
    cis: ['5.2.9'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1547.006', 'T1055', 'T1557'],
    pss: 'Capabilities (baseline)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sysAdminGrant(sc)?.name === 'ALL') continue;
      for (const cap of addedCapabilities(sc)) {
        const what = DANGEROUS_CAPABILITIES.get(cap.name);
        if (what === undefined) continue;
        yield {
          message: `container "${c.name}" adds capability ${cap.name}: ${what}`,
          path: cap.path,
          container: c.name,
        };
      }
    }
  },
});
