import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import {
  addedCapabilities,
  DANGEROUS_CAPABILITIES,
  PSS_BASELINE_CAPABILITIES,
  sysAdminGrant,
} from './capabilities.js';

export const capsAddOutsideBaseline = defineWorkloadRule({
  id: 'caps-add-outside-baseline',
  title: 'Container adds a capability outside the PSS baseline set',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) adds a capability that is not in the Pod Security Standards baseline list (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, ' +
    'FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT) and that neither cap-sys-admin (SYS_ADMIN, ALL) nor ' +
    'caps-dangerous-add reports — e.g. SYS_TIME, SYS_NICE, SYS_RESOURCE, IPC_LOCK, LINUX_IMMUTABLE, SYSLOG, or an unknown name. One finding per capability. ' +
    'Names are compared case-insensitively and with or without `CAP_` (as CRI-O reads them); PSS itself compares exactly, and its restricted level allows only ' +
    "NET_BIND_SERVICE — that stricter reading is the pss-* rules'. Windows pods are exempt.",
  rationale:
    'Capabilities outside the baseline set give powers over the whole node rather than the container: SYS_TIME sets the host clock (breaking TLS and token expiry), ' +
    'SYS_RESOURCE and SYS_NICE override the limits that protect neighbouring pods, IPC_LOCK pins memory, SYSLOG reads kernel addresses. They are not direct escapes — medium.',
  remediation:
    'Remove the capability from `capabilities.add`, or confine the workload to a dedicated namespace with a documented exception.',
  references: {
    cis: ['5.2.9'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'Capabilities (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sysAdminGrant(sc)?.name === 'ALL') continue;
      for (const cap of addedCapabilities(sc)) {
        if (
          cap.name === 'SYS_ADMIN' ||
          PSS_BASELINE_CAPABILITIES.has(cap.name) ||
          DANGEROUS_CAPABILITIES.has(cap.name)
        ) {
          continue;
        }
        yield {
          message: `container "${c.name}" adds capability ${cap.name}, outside the Pod Security Standards baseline set`,
          path: cap.path,
          container: c.name,
        };
      }
    }
  },
});
