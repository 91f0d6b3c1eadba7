import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { sysAdminGrant } from './capabilities.js';

export const allowPrivilegeEscalation = defineWorkloadRule({
  id: 'allow-privilege-escalation',
  title: 'Container may gain privileges (allowPrivilegeEscalation is not false)',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) does not set `securityContext.allowPrivilegeEscalation: false`: unset fails too, because the default lets ' +
    'processes gain privileges and PSS restricted requires an explicit false. The field exists only at container level. ' +
    'Not reported: privileged containers and containers that add SYS_ADMIN or ALL — Kubernetes forces escalation on for them ' +
    '(the API rejects `false` together with `privileged: true`), and privileged-container / cap-sys-admin report them at higher severity. ' +
    'Windows pods (`spec.os.name: windows`) are exempt: the field is Linux-only and the API rejects it there.',
  rationale:
    'Unless no_new_privs is set (which is what `allowPrivilegeEscalation: false` does), a process in the container can gain privileges through setuid/setgid ' +
    'binaries (sudo, su, ping in many images) or file capabilities — an attacker with a foothold as a non-root user becomes root in the container, ' +
    'which makes every kernel or runtime escape far easier. High, since it defeats a non-root policy.',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container (it cannot be set at pod level).',
  references: {
    cis: ['5.2.6'],
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1548.001', 'T1068'],
    pss: 'Privilege Escalation (restricted)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.privileged?.value === true || sysAdminGrant(sc) !== undefined) continue;
      const ape = sc.allowPrivilegeEscalation;
      if (ape?.value === false) continue;
      if (ape === undefined) {
        yield {
          message: `container "${c.name}" does not set allowPrivilegeEscalation: false`,
          path: [...sc.containerPath, 'allowPrivilegeEscalation'],
          container: c.name,
        };
      } else if (ape.value === true) {
        yield {
          message: `container "${c.name}" allows privilege escalation (allowPrivilegeEscalation: true)`,
          path: ape.path,
          container: c.name,
        };
      } else {
        yield {
          message: `container "${c.name}" sets allowPrivilegeEscalation to ${JSON.stringify(ape.value)}, not the boolean false`,
          path: ape.path,
          container: c.name,
        };
      }
    }
  },
});
