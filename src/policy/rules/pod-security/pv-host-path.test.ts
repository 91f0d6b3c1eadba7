import { ruleTests } from '../../../../test/ruleTester.js';
import { pvHostPath } from './pv-host-path.js';

const pv = (source: string): string => `
apiVersion: v1
kind: PersistentVolume
metadata: {name: data}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  ${source}`;

ruleTests(pvHostPath, {
  valid: [
    { name: 'a data directory as hostPath', yaml: pv('hostPath: {path: /mnt/data/shop}') },
    { name: 'a local disk', yaml: pv('local: {path: /mnt/disks/ssd1}') },
    { name: 'a file below /etc that is not sensitive', yaml: pv('hostPath: {path: /etc/localtime}') },
    { name: 'a CSI volume', yaml: pv('csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}') },
  ],
  invalid: [
    {
      name: 'the kubelet directory, written with a trailing slash',
      yaml: pv('hostPath: {path: /var/lib/kubelet/}'),
      findings: [
        {
          path: 'spec.hostPath.path',
          message: /^hostPath PersistentVolume exposes host path \/var\/lib\/kubelet \(.+\)$/,
        },
      ],
    },
    {
      name: 'the containerd socket',
      yaml: pv('hostPath: {path: /run/containerd/containerd.sock}'),
      findings: [
        {
          path: 'spec.hostPath.path',
          message:
            'hostPath PersistentVolume exposes host path /run/containerd/containerd.sock (the containerd API socket)',
        },
      ],
    },
    {
      name: 'a local volume on /etc',
      yaml: pv('local: {path: /etc}'),
      findings: [
        { path: 'spec.local.path', message: /^local PersistentVolume exposes host path \/etc \(.+\)$/ },
      ],
    },
  ],
});
