import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { sysAdminGrant } from './capabilities.js';

export const capSysAdmin = defineWorkloadRule({
  id: 'cap-sys-admin',
  title: 'Container adds CAP_SYS_ADMIN',
  category: 'pod-security',
  severity: 'critical',
  description:
    'A container (init, regular or ephemeral) lists `SYS_ADMIN` or `ALL` (which includes it) in `securityContext.capabilities.add`. ' +
    'Names are compared case-insensitively and with or without a `CAP_` prefix (`sys_admin`, `CAP_SYS_ADMIN`), because CRI-O grants all these spellings; ' +
    'PSS compares exactly. This rule owns SYS_ADMIN and ALL: caps-dangerous-add and caps-add-outside-baseline never report them, and ignore the other ' +
    'entries of a container that adds ALL. Windows pods are exempt (the API rejects capabilities there).',
  rationale:
    'CAP_SYS_ADMIN is "the new root": it allows mount(2) (mount the host\'s cgroup filesystem and abuse release_agent, CVE-2022-0492), namespace and BPF ' +
    'operations, and is the precondition of most published container escapes. `ALL` grants it plus every other capability. A container with it is one ' +
    'step from owning the node, much like a privileged container — critical.',
  remediation:
    'Remove `SYS_ADMIN`/`ALL` from `capabilities.add`. Find the operation that needs it (usually a mount) and replace it: a CSI driver or volume, a FUSE device plugin, or a narrower capability.',
  references: {
    cis: ['5.2.9'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1068'],
    pss: 'Capabilities (baseline)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const grant = sysAdminGrant(sc);
      if (grant === undefined) continue;
      const written = grant.raw === grant.name ? '' : ` (written "${grant.raw}")`;
      yield {
        message:
          grant.name === 'ALL'
            ? `container "${c.name}" adds ALL capabilities, SYS_ADMIN included${written}`
            : `container "${c.name}" adds capability SYS_ADMIN${written}`,
        path: grant.path,
        container: c.name,
      };
    }
  },
});
