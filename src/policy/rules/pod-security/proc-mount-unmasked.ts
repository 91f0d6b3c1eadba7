import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const procMountUnmasked = defineWorkloadRule({
  id: 'proc-mount-unmasked',
  title: 'Container mounts /proc unmasked',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) sets `securityContext.procMount: Unmasked` (a container-only field; the value is compared exactly, as the API ' +
    'server does — anything but Default and Unmasked is rejected). Windows pods are exempt.',
  rationale:
    'By default the runtime masks or makes read-only the dangerous parts of /proc (`/proc/kcore`, `/proc/sysrq-trigger`, `/proc/sys`, `/proc/keys`, ' +
    '`/proc/timer_list`…). Unmasked removes that: a root process can read kernel memory layout, write kernel parameters through `/proc/sys` ' +
    '(e.g. `kernel.core_pattern`, a known escape) and trigger SysRq on the host. Recent Kubernetes versions accept it only in user-namespaced pods ' +
    '(`hostUsers: false`, KEP-4265), which limits but does not remove the exposure. High.',
  remediation:
    'Remove `procMount: Unmasked` (or set `procMount: Default`). Nested container runtimes that need it should run in a VM-isolated runtime class.',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611'],
    pss: '/proc Mount Type (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.procMount?.value !== 'Unmasked') continue;
      yield {
        message: `container "${c.name}" mounts /proc unmasked (procMount: Unmasked)`,
        path: sc.procMount.path,
        container: c.name,
      };
    }
  },
});
