import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssCapabilitiesRestricted = defineWorkloadRule({
  id: 'pss-capabilities-restricted',
  title: 'Capabilities not dropped (PSS restricted: Capabilities)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards check `capabilities_restricted` (v1.22+), exactly as Pod Security Admission decides it: every container must list `ALL` in `securityContext.capabilities.drop`, and `capabilities.add` may contain only `NET_BIND_SERVICE`. At restricted it replaces the baseline capability check (`pss-capabilities`); from v1.25 Windows pods are exempt from both. A separate rule from `pss-capabilities` because the usual finding here — the default set was not dropped — is far less dangerous than adding SYS_ADMIN.',
  rationale:
    'The runtime default set still includes capabilities an attacker can use after a compromise (NET_RAW for ARP/DNS spoofing inside the node network, CHOWN/DAC_OVERRIDE/FOWNER to tamper with files, SETUID/SETGID, MKNOD). Dropping ALL removes them; adding more than NET_BIND_SERVICE is reported here too at restricted. Mostly a hardening gap, hence medium.',
  remediation:
    'Set `securityContext.capabilities: {drop: ["ALL"]}` on every container, adding back only `NET_BIND_SERVICE` if the process binds a port below 1024.',
  references: {
    cis: ['5.2.8', '5.2.9', '5.2.10'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1068'],
    pss: 'Capabilities (restricted, v1.22+)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['capabilities_restricted']),
});
