import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { dropEntries, dropsCapability } from './capabilities.js';

export const netRawNotDropped = defineWorkloadRule({
  id: 'net-raw-not-dropped',
  title: 'Container keeps the NET_RAW capability',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) whose `securityContext.capabilities.drop` contains neither `NET_RAW` nor `ALL` (any case, without a `CAP_` ' +
    'prefix: containerd turns `CAP_NET_RAW` into the unknown `CAP_CAP_NET_RAW` and drops nothing). ' +
    'Opt-in: every container it reports is also reported by caps-not-drop-all (on by default); enable it if your baseline is "drop NET_RAW" ' +
    'and you turned caps-not-drop-all off. Adding NET_RAW back is reported by caps-dangerous-add. ' +
    'Not reported: privileged containers (drop is ignored) and Windows pods.',
  rationale:
    'NET_RAW is in the default capability set of containerd and Docker. It lets a process open raw and packet sockets: forge ARP and DNS replies to intercept ' +
    'traffic of other pods on the same node network, scan without the TCP stack, and reach kernel packet code that has had escape bugs (CVE-2020-14386). ' +
    'Few applications need it (ping can use ICMP datagram sockets via net.ipv4.ping_group_range). Medium: a lateral-movement enabler, not an escape by itself.',
  remediation:
    'Add `NET_RAW` — better, `ALL` — to `securityContext.capabilities.drop`. Spell it without the `CAP_` prefix.',
  references: {
    cis: ['5.2.8'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1557.002', 'T1040'],
    links: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.privileged?.value === true || dropsCapability(sc, 'NET_RAW')) continue;
      const prefixed = dropEntries(sc).find((e) => e.prefixed && (e.name === 'NET_RAW' || e.name === 'ALL'));
      yield {
        message: prefixed
          ? `container "${c.name}" does not drop NET_RAW ("${prefixed.raw}" drops nothing on containerd; write ${prefixed.name})`
          : `container "${c.name}" does not drop NET_RAW`,
        path: prefixed?.path ?? [...(sc.capabilities?.path ?? [...sc.containerPath, 'capabilities']), 'drop'],
        container: c.name,
      };
    }
  },
});
