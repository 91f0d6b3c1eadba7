import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssRestrictedVolumes = defineWorkloadRule({
  id: 'pss-restricted-volumes',
  title: 'Pod uses a volume type outside the restricted set (PSS restricted: Volume Types)',
  category: 'pss',
  severity: 'high',
  description:
    'Pod Security Standards check `restrictedVolumes`, exactly as Pod Security Admission decides it: each `spec.volumes` entry must be configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret (a volume naming no source is an emptyDir). Restricted only; it replaces `pss-host-path-volumes` there, so at restricted it is the rule that reports hostPath volumes.',
  rationale:
    'At restricted this rule reports hostPath volumes (a node takeover when they mount sensitive paths). The other types it rejects attach storage directly from the pod, bypassing PersistentVolume and RBAC control (nfs, iscsi, rbd, cephfs, cloud disks), or run node-side code (flexVolume drivers, gitRepo — CVE-2024-10220). Hence high.',
  remediation:
    'Use a PersistentVolumeClaim (bound to a PersistentVolume or a CSI driver) instead of an inline volume source, and ConfigMap/Secret/emptyDir/projected volumes for configuration and scratch space.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'Volume Types (restricted)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['restrictedVolumes']),
});
