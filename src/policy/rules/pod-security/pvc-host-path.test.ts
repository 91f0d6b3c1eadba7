import { ruleTests } from '../../../../test/ruleTester.js';
import { pvcHostPath } from './pvc-host-path.js';

const pod = (claim = 'logs', namespace = 'shop'): string => `apiVersion: v1
kind: Pod
metadata: {name: reader, namespace: ${namespace}}
spec:
  containers: [{name: app, image: ghcr.io/acme/app:1.0}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claim}}}]`;

const pv = (path: string, claimRef = ''): string => `apiVersion: v1
kind: PersistentVolume
metadata: {name: node-dir}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: ${path}}${claimRef}`;

const claim = (volumeName: string): string => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: logs, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  volumeName: ${volumeName}`;

ruleTests(pvcHostPath, {
  valid: [
    {
      name: 'claim bound to a data directory',
      yaml: [pod(), claim('node-dir'), pv('/mnt/data')].join('\n---\n'),
    },
    {
      name: 'claim bound to another volume',
      yaml: [pod(), claim('other'), pv('/var/lib/kubelet')].join('\n---\n'),
    },
    {
      name: 'claimRef names a claim of another namespace',
      yaml: [pod(), pv('/var/lib/kubelet', '\n  claimRef: {namespace: ops, name: logs}')].join('\n---\n'),
    },
    { name: 'no PersistentVolume in the input', yaml: [pod(), claim('node-dir')].join('\n---\n') },
  ],
  invalid: [
    {
      name: "bound by the claim's volumeName",
      yaml: [pod(), claim('node-dir'), pv('/var/run/docker.sock')].join('\n---\n'),
      findings: [
        {
          path: 'spec.volumes[0].persistentVolumeClaim.claimName',
          message:
            'volume "data" claims PersistentVolumeClaim logs, bound to PersistentVolume node-dir (test.yaml:15) with hostPath /var/run/docker.sock (the Docker API socket)',
        },
      ],
    },
    {
      name: "bound by the volume's claimRef (no claim in the input)",
      yaml: [pod(), pv('/var/run/docker.sock', '\n  claimRef: {namespace: shop, name: logs}')].join(
        '\n---\n',
      ),
      findings: [
        {
          path: 'spec.volumes[0].persistentVolumeClaim.claimName',
          message:
            'volume "data" claims PersistentVolumeClaim logs, bound to PersistentVolume node-dir (test.yaml:7) with hostPath /var/run/docker.sock (the Docker API socket)',
        },
      ],
    },
  ],
});
