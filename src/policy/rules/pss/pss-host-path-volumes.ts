import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssHostPathVolumes = defineWorkloadRule({
  id: 'pss-host-path-volumes',
  title: 'Pod mounts a hostPath volume (PSS baseline: HostPath Volumes)',
  category: 'pss',
  severity: 'high',
  description:
    'Pod Security Standards check `hostPathVolumes`, exactly as Pod Security Admission decides it: no entry of `spec.volumes` may have a `hostPath` source. At restricted this check is replaced by `pss-restricted-volumes` (which reports hostPath volumes there).',
  rationale:
    "A hostPath volume gives the container a directory of the node: mounting `/`, `/etc`, `/var/lib/kubelet` or the container runtime socket lets an attacker read other pods' secrets, plant cron jobs or start privileged containers — a node takeover. Narrow read-only mounts are less dangerous, but PSA cannot tell them apart, hence high.",
  remediation:
    'Replace the hostPath volume with a ConfigMap, Secret, emptyDir, projected volume or a PersistentVolumeClaim. Node agents that must read host paths belong in a separate namespace labelled `pod-security.kubernetes.io/enforce: privileged`.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['hostPathVolumes']),
});
