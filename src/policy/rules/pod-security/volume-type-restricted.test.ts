import { ruleTests } from '../../../../test/ruleTester.js';
import { volumeTypeRestricted } from './volume-type-restricted.js';

ruleTests(volumeTypeRestricted, {
  valid: [
    {
      name: 'every restricted type, a volume without a source (emptyDir by default), and hostPath (its own rules)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: a, configMap: {name: c}}
  - {name: b, secret: {secretName: s}}
  - {name: c, emptyDir: {}}
  - {name: d, persistentVolumeClaim: {claimName: data}}
  - {name: e, projected: {sources: []}}
  - {name: f, downwardAPI: {items: []}}
  - {name: g, csi: {driver: secrets-store.csi.k8s.io}}
  - {name: h, ephemeral: {volumeClaimTemplate: {spec: {}}}}
  - {name: i}
  - {name: j, hostPath: {path: /data}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a source set to null is no source: the volume is an emptyDir',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
  volumes:
  - name: v
    nfs: null
`,
    },
  ],
  invalid: [
    {
      name: 'nfs and gitRepo in a Deployment (an image volume is allowed)',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      volumes:
      - {name: shared, nfs: {server: 10.0.0.5, path: /exports}}
      - {name: cfg, configMap: {name: c}}
      - {name: repo, gitRepo: {repository: "https://example.com/r.git"}}
      - {name: models, image: {reference: "registry.example.com/models:1"}}
      containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].nfs',
          message: 'volume "shared" uses volume type nfs, outside the restricted set',
        },
        {
          path: 'spec.template.spec.volumes[2].gitRepo',
          message:
            'volume "repo" uses volume type gitRepo (deprecated; the kubelet runs git on the node as root, CVE-2024-10220), outside the restricted set',
        },
      ],
    },
    {
      name: 'an empty nfs source still names the type',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
  volumes:
  - name: v
    nfs: {}
`,
      findings: [
        {
          path: 'spec.volumes[0].nfs',
          message: 'volume "v" uses volume type nfs, outside the restricted set',
        },
      ],
    },
  ],
});
