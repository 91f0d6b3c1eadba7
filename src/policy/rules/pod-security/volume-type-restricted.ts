import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import {
  RESTRICTED_ALLOWED_VOLUME_SOURCES,
  restrictedVolumeSource,
} from '../../../pss/checks/restrictedVolumes.js';
import { defineWorkloadRule, type Report } from '../../types.js';

const NOTES: Readonly<Record<string, string>> = {
  gitRepo: ' (deprecated; the kubelet runs git on the node as root, CVE-2024-10220)',
  flexVolume: ' (a driver binary runs on the node as root)',
};

export const volumeTypeRestricted = defineWorkloadRule({
  id: 'volume-type-restricted',
  title: 'Pod uses a volume type outside the restricted set',
  category: 'pod-security',
  severity: 'low',
  description:
    `A pod volume (\`volumes[*]\`) whose source is not one of ${RESTRICTED_ALLOWED_VOLUME_SOURCES.join(', ')} — ` +
    'the PSS restricted list, exactly as Pod Security Admission reads it — e.g. nfs, iscsi, gitRepo, flexVolume, cephfs, rbd, or an in-tree cloud disk. ' +
    'hostPath is left to the hostPath rules; a volume with no source is an emptyDir (API default) and passes. One finding per volume. ' +
    'Opt-in: inline network and cloud volumes are legitimate choices of many platforms, and PVCs (which the restricted level prefers) carry the same storage.',
  rationale:
    "Inline volume sources are mounted by the kubelet on the node with the node's credentials, bypassing the PersistentVolume / StorageClass layer where " +
    'administrators control what storage a pod may reach: a pod author can point an nfs or iscsi volume at any server the node can reach. ' +
    'gitRepo and flexVolume even run code on the node as root. Low by default (it is a policy choice), with gitRepo the one to fix first.',
  remediation:
    'Use a PersistentVolumeClaim bound to an administrator-defined PersistentVolume or StorageClass (or a CSI driver); replace gitRepo with an init container that clones into an emptyDir.',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'Volume Types (restricted)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    const volumes = asArray(workload.template.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const volume = asRecord(volumes[i]);
      if (volume === undefined) continue;
      const type = restrictedVolumeSource(volume);
      if (type === undefined || type === 'hostPath') continue;
      const name = asString(volume.name) ?? `volumes[${i}]`;
      yield {
        message: `volume "${name}" uses volume type ${type}${NOTES[type] ?? ''}, outside the restricted set`,
        path: [...workload.template.specPath, 'volumes', i, type],
      };
    }
  },
});
