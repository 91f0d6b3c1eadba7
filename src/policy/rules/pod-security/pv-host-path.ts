import { asRecord, asString } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { classifyHostPath, normaliseHostPath } from './hostPaths.js';

const SOURCES = ['hostPath', 'local'] as const;

export const pvHostPath = defineRule({
  id: 'pv-host-path',
  title: 'PersistentVolume exposes a sensitive host path',
  category: 'pod-security',
  severity: 'high',
  description:
    'A PersistentVolume has `spec.hostPath.path` or `spec.local.path` (normalised as for pod volumes) in one of the classes of hostpath-sensitive, ' +
    'hostpath-cloud-creds and runtime-socket-mount: a container runtime socket or state directory (or `/`, `/run`), cloud credentials (`.aws`, ' +
    '`.azure`, `.config/gcloud`), or a sensitive tree (/etc, /proc, /sys, /dev, /root, /var/lib/kubelet, /var/lib/etcd, /etc/kubernetes, …). ' +
    'Reported at the path, naming the class. The pods that mount it through a PersistentVolumeClaim show no host path: the Pod Security ' +
    'Standards evaluation stays exact (Pod Security Admission does not look at PersistentVolumes either), so this rule is the only signal.',
  rationale:
    'Whoever can create a PersistentVolumeClaim that binds this volume (by `volumeName`, its storage class or its labels) mounts the host path ' +
    'into any pod of their namespace, without `hostPath` in the pod spec and without tripping the baseline Pod Security level: a runtime socket ' +
    "is root on the node, kubelet and control-plane directories hold every pod's credentials. High.",
  remediation:
    'Do not expose system paths as PersistentVolumes: use a dedicated data directory (`/mnt/disks/<name>`) for `local` volumes and a CSI driver ' +
    'instead of `hostPath` PVs, and restrict `create` on persistentvolumes and the matching claims.',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1552.001'],
    links: [
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#types-of-persistent-volumes',
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    ],
  },
  targets: ['PersistentVolume'],
  *check({ resource }): Iterable<Report> {
    const spec = asRecord(resource.object.spec);
    for (const source of SOURCES) {
      const raw = asString(asRecord(spec?.[source])?.path);
      const path = raw !== undefined ? normaliseHostPath(raw) : undefined;
      const risk = path !== undefined ? classifyHostPath(path) : undefined;
      if (risk === undefined) continue;
      yield {
        message: `${source} PersistentVolume exposes host path ${path!} (${risk.reason})`,
        path: ['spec', source, 'path'],
      };
    }
  },
});
