import { defineWorkloadRule, type Report } from '../../types.js';
import {
  displayHostPath,
  exposedHostPaths,
  hostPathVolumesOf,
  writableUnclassifiedMounts,
} from './hostPaths.js';

export const hostpathVolume = defineWorkloadRule({
  id: 'hostpath-volume',
  title: 'Pod uses a hostPath volume',
  category: 'pod-security',
  severity: 'medium',
  description:
    'The pod spec has a volume with a `hostPath` source (`volumes[*].hostPath`) that no more specific hostPath rule reports: its path is not a runtime socket, ' +
    'credentials or a sensitive path (runtime-socket-mount, hostpath-cloud-creds, hostpath-sensitive) and no container mounts it read-write ' +
    '(hostpath-writable). In practice: read-only or unmounted hostPath volumes of ordinary paths. One finding per volume.',
  rationale:
    'Even a read-only host path couples the pod to the node: it reads node files that may hold data of other tenants, ties the pod to nodes where the path ' +
    'exists, and a symlink placed on the host can redirect it. hostPath is also forbidden by the Pod Security Standards baseline. ' +
    'Medium: an exposure to review rather than a direct escalation.',
  remediation:
    'Replace the hostPath with a ConfigMap, Secret, emptyDir, PersistentVolumeClaim or CSI volume; if node files are really needed, keep it read-only and as narrow as possible.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const volume of hostPathVolumesOf(workload.template, workload.containers)) {
      if (exposedHostPaths(volume).length > 0 || writableUnclassifiedMounts(volume).length > 0) continue;
      yield {
        message: `volume "${volume.name}" mounts host path ${displayHostPath(volume)}`,
        path: [...volume.path, 'hostPath'],
      };
    }
  },
});
