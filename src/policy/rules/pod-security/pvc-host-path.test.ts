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

/** A free volume (no claimRef) and a claim with no volumeName: the controller picks by class, size, modes, selector. */
const freePv = (name: string, path: string, spec = ''): string => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}, labels: {disk: ${name}}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: ${path}}${spec}`;

const openClaim = (spec = ''): string => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: logs, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}${spec}`;

const sock = 'volume "data" claims PersistentVolumeClaim logs, which would bind PersistentVolume';

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
    {
      name: 'by class: the smallest volume that fits is the safe one',
      yaml: [
        pod(),
        openClaim(),
        freePv('big', '/var/run/docker.sock', '\n  capacity: {storage: 5Gi}').replace(
          '  capacity: {storage: 1Gi}\n',
          '',
        ),
        freePv('small', '/mnt/data'),
      ].join('\n---\n'),
    },
    {
      name: 'by class: another storage class',
      yaml: [pod(), openClaim('\n  storageClassName: fast'), freePv('p', '/var/run/docker.sock')].join(
        '\n---\n',
      ),
    },
    {
      name: 'by class: the selector picks no such volume',
      yaml: [
        pod(),
        openClaim('\n  selector: {matchLabels: {disk: other}}'),
        freePv('p', '/var/run/docker.sock'),
      ].join('\n---\n'),
    },
    {
      name: 'by class: too small (500Mi for a 1Gi request)',
      yaml: [
        pod(),
        openClaim(),
        freePv('p', '/var/run/docker.sock').replace('storage: 1Gi', 'storage: 500Mi'),
      ].join('\n---\n'),
    },
    {
      name: 'by class: the volume does not offer ReadWriteMany',
      yaml: [
        pod(),
        openClaim().replace('[ReadWriteOnce]', '[ReadWriteMany]'),
        freePv('p', '/var/run/docker.sock'),
      ].join('\n---\n'),
    },
    {
      name: 'by class: a Block claim does not bind a Filesystem volume',
      yaml: [pod(), openClaim('\n  volumeMode: Block'), freePv('p', '/var/run/docker.sock')].join('\n---\n'),
    },
    {
      name: 'by class: the volume is reserved for another claim',
      yaml: [
        pod(),
        openClaim(),
        freePv('p', '/var/run/docker.sock', '\n  claimRef: {namespace: shop, name: other}'),
      ].join('\n---\n'),
    },
  ],
  invalid: [
    {
      name: 'by class "": the only free volume that fits',
      yaml: [pod(), openClaim(), freePv('p', '/var/run/docker.sock')].join('\n---\n'),
      findings: [
        {
          path: 'spec.volumes[0].persistentVolumeClaim.claimName',
          message: `${sock} p (storage class "") (test.yaml:14) with hostPath /var/run/docker.sock (the Docker API socket)`,
        },
      ],
    },
    {
      name: 'by class and selector: the smallest matching volume (1Gi of 1Gi and 2Gi), class and labels as asked',
      yaml: [
        pod(),
        openClaim(
          '\n  storageClassName: manual\n  selector: {matchExpressions: [{key: disk, operator: In, values: [a, b]}]}',
        ),
        freePv('a', '/mnt/a', '\n  storageClassName: manual').replace('storage: 1Gi', 'storage: 2Gi'),
        freePv('b', '/var/lib/kubelet', '\n  storageClassName: manual'),
        freePv('c', '/var/run/docker.sock', '\n  storageClassName: manual'),
      ].join('\n---\n'),
      findings: [
        {
          path: 'spec.volumes[0].persistentVolumeClaim.claimName',
          message: `${sock} b (storage class "manual") (test.yaml:25) with hostPath /var/lib/kubelet (kubelet state: every pod's secrets and service-account tokens)`,
        },
      ],
    },
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
