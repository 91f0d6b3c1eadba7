import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssWindowsHostProcess = defineWorkloadRule({
  id: 'pss-windows-host-process',
  title: 'Windows HostProcess container (PSS baseline: HostProcess)',
  category: 'pss',
  severity: 'critical',
  description:
    "Pod Security Standards check `windowsHostProcess`, exactly as Pod Security Admission decides it: neither `spec.securityContext.windowsOptions.hostProcess` nor any container's may be true.",
  rationale:
    'A Windows HostProcess container runs as a process directly on the Windows node, with the host network and file system and no container isolation at all. Code running in it owns the node — the Windows equivalent of a privileged container, hence critical.',
  remediation:
    'Remove `windowsOptions.hostProcess: true`. Node management that needs it belongs in a dedicated namespace labelled `pod-security.kubernetes.io/enforce: privileged`.',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    cis: ['5.2.11'],
    mitre: ['T1611', 'T1610'],
    pss: 'HostProcess (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['windowsHostProcess']),
});
