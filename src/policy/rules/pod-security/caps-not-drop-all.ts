import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { dropEntries, dropsCapability } from './capabilities.js';

export const capsNotDropAll = defineWorkloadRule({
  id: 'caps-not-drop-all',
  title: 'Container does not drop all capabilities',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) whose `securityContext.capabilities.drop` does not contain `ALL`. `ALL` is matched case-insensitively, as ' +
    'containerd and CRI-O do; `CAP_ALL` does not count. Not reported: privileged containers (the runtime grants every capability and ignores `drop`; ' +
    'privileged-container reports them) and Windows pods (the API rejects capabilities there). ' +
    'An empty or missing drop list fails the same way as a list without ALL. net-raw-not-dropped (opt-in) is the weaker NET_RAW-only form of this check.',
  rationale:
    "Without `drop: [ALL]` the process keeps the runtime's default set — in containerd and Docker CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, " +
    'SETPCAP, NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, MKNOD, AUDIT_WRITE, SETFCAP. As root these allow reading any file regardless of permissions, ' +
    'raw-packet spoofing on the pod network (NET_RAW) and device-node creation, and several container escapes (CVE-2020-14386 needed NET_RAW) depended on them. ' +
    'Dropping all and adding back what is needed removes that attack surface. Medium: it enlarges the impact of other weaknesses rather than being one.',
  remediation:
    'Set `securityContext.capabilities.drop: ["ALL"]` and add back only what the process needs, e.g. `add: ["NET_BIND_SERVICE"]`.',
  references: {
    cis: ['5.2.10'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1068'],
    pss: 'Capabilities (restricted)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.privileged?.value === true || dropsCapability(sc, 'ALL')) continue;
      const dropped = dropEntries(sc);
      const detail =
        dropped.length > 0
          ? `drop lists only ${dropped.map((e) => e.raw).join(', ')}`
          : 'capabilities.drop is not set';
      yield {
        message: `container "${c.name}" does not drop ALL capabilities (${detail})`,
        path: [...(sc.capabilities?.path ?? [...sc.containerPath, 'capabilities']), 'drop'],
        container: c.name,
      };
    }
  },
});
