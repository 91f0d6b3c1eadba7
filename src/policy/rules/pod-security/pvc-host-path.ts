import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { classifyHostPath, normaliseHostPath } from './hostPaths.js';

const SOURCES = ['hostPath', 'local'] as const;

export const pvcHostPath = defineWorkloadRule({
  id: 'pvc-host-path',
  title: 'Pod reaches a sensitive host path through a PersistentVolumeClaim',
  category: 'pod-security',
  severity: 'high',
  description:
    'A pod volume `persistentVolumeClaim.claimName` names a claim of its namespace that is bound to a PersistentVolume of the input — by the ' +
    "claim's `spec.volumeName`, the volume's `spec.claimRef`, or as the PersistentVolume controller would pick one (a volume reserved for no " +
    "other claim, of the claim's storage class, volume mode and access modes, large enough, matching its selector: the smallest) — whose " +
    '`spec.hostPath.path` or `spec.local.path` is in the classes of pv-host-path (runtime socket, cloud credentials, sensitive tree). Reported ' +
    "at the `claimName`, with the volume's file:line as evidence. A claim without `storageClassName` is taken to ask for class \"\" (no " +
    'default StorageClass; with one, the claim gets it and provisions a volume instead). The Pod Security Standards rules stay exact and do ' +
    'not report it: Pod Security Admission only sees the pod spec.',
  rationale:
    'The pod gets the host directory as if it had a `hostPath` volume — a runtime socket is root on the node, the kubelet directory holds every ' +
    "pod's credentials — while its spec passes the baseline Pod Security level and every hostPath check: the access is hidden one object away. High.",
  remediation:
    'Bind the claim to a volume on a dedicated data directory or a CSI driver instead, and remove the PersistentVolume that exposes the system path ' +
    '(see pv-host-path).',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1552.001'],
    links: [
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reserving-a-persistentvolume',
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ resource, workload, model }): Iterable<Report> {
    const namespace = model.namespaceOf(resource.ref) ?? 'default';
    const volumes = asArray(workload.template.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const volume = asRecord(volumes[i]);
      const claimName = asString(asRecord(volume?.persistentVolumeClaim)?.claimName);
      if (claimName === undefined) continue;
      const binding = model.persistentVolumeOf(namespace, claimName);
      if (binding === undefined) continue;
      const pv = binding.volume;
      const bound =
        binding.by === 'storageClass'
          ? `which would bind PersistentVolume ${pv.ref.name} (storage class "${binding.storageClass}")`
          : `bound to PersistentVolume ${pv.ref.name}`;
      const spec = asRecord(pv.object.spec);
      for (const source of SOURCES) {
        const raw = asString(asRecord(spec?.[source])?.path);
        const hostPath = raw !== undefined ? normaliseHostPath(raw) : undefined;
        const risk = hostPath !== undefined ? classifyHostPath(hostPath) : undefined;
        if (risk === undefined) continue;
        yield {
          message:
            `volume "${asString(volume?.name) ?? `volumes[${i}]`}" claims PersistentVolumeClaim ${claimName}, ${bound} ` +
            `(${pv.source.file}:${pv.source.line}) with ${source} ${hostPath!} (${risk.reason})`,
          path: [...workload.template.specPath, 'volumes', i, 'persistentVolumeClaim', 'claimName'],
        };
      }
    }
  },
});
