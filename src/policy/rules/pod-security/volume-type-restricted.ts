import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/** Volume sources of core/v1 `VolumeSource`, in API order. */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

/** The volume types PSS restricted allows (pod-security-admission `check_restrictedVolumes.go`). */
const RESTRICTED_ALLOWED: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

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
    'A pod volume (`volumes[*]`) whose source is not one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret — ' +
    'the PSS restricted list — e.g. nfs, iscsi, gitRepo, flexVolume, cephfs, rbd, image, or an in-tree cloud disk. hostPath is left to the hostPath rules; ' +
    'a volume with no source is an emptyDir (API default) and passes. One finding per volume. ' +
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
      const type = VOLUME_SOURCES.find((k) => volume[k] !== undefined && volume[k] !== null);
      if (type === undefined || type === 'hostPath' || RESTRICTED_ALLOWED.has(type)) continue;
      const name = asString(volume.name) ?? `volumes[${i}]`;
      yield {
        message: `volume "${name}" uses volume type ${type}${NOTES[type] ?? ''}, outside the restricted set`,
        path: [...workload.template.specPath, 'volumes', i, type],
      };
    }
  },
});
