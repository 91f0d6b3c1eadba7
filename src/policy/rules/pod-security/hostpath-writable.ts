import { defineWorkloadRule, type Report } from '../../types.js';
import { displayHostPath, hostPathVolumesOf, writableUnclassifiedMounts } from './hostPaths.js';

export const hostpathWritable = defineWorkloadRule({
  id: 'hostpath-writable',
  title: 'Container mounts a host path read-write',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) has a `volumeMounts[*]` entry naming a `hostPath` volume without `readOnly: true`. ' +
    'Reported per mount, at `volumeMounts[*]`. Mounts whose host path (volume path plus `subPath`) is a runtime socket, credentials or a sensitive path ' +
    'are reported by runtime-socket-mount, hostpath-cloud-creds and hostpath-sensitive, which name the read-write containers; this rule covers the others.',
  rationale:
    'A writable host directory is a channel out of the container: files written there persist on the node and are seen by host processes and by every other ' +
    'pod mounting the same path. An attacker plants binaries, scripts or configuration that a host service or another pod later executes, ' +
    "creates symlinks that privileged node components follow, or fills the node's disk. High: a common first step of container escapes.",
  remediation:
    'Set `readOnly: true` on the volumeMount (and `recursiveReadOnly: Enabled` on Kubernetes 1.33+), or replace the hostPath with an emptyDir or a PersistentVolumeClaim.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Immutable container file systems'],
    mitre: ['T1611'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const volume of hostPathVolumesOf(workload.template, workload.containers)) {
      for (const mount of writableUnclassifiedMounts(volume)) {
        const shown =
          mount.subPath !== undefined && mount.hostPath !== undefined
            ? mount.hostPath
            : displayHostPath(volume);
        yield {
          message: `container "${mount.container.name}" mounts host path ${shown} read-write (volume "${volume.name}")`,
          path: mount.path,
          container: mount.container.name,
        };
      }
    }
  },
});
