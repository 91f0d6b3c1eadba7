import { ruleTests } from '../../../../test/ruleTester.js';
import { pssRestrictedVolumes } from './pss-restricted-volumes.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;

const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx}]
  volumes:
  - {name: scratch}
  - {name: root, hostPath: {path: /}}
  - {name: share, nfs: {server: nfs.local, path: /export}}
  - {name: token, projected: {sources: [{serviceAccountToken: {path: token}}]}}
`;

ruleTests(pssRestrictedVolumes, {
  valid: [
    {
      name: 'allowed types, and a volume without a source (emptyDir by default)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx}]
  volumes:
  - {name: scratch}
  - {name: data, persistentVolumeClaim: {claimName: data}}
  - {name: cfg, configMap: {name: cfg}}
  - {name: img, image: {reference: "registry.example/data:1"}}
`,
    },
    { name: 'restricted only', settings: BASELINE, yaml: pod },
    {
      name: 'a restricted source set to null is no source (an emptyDir after API defaulting)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx}]
  volumes:
  - {name: share, nfs: null}
`,
    },
  ],
  invalid: [
    {
      name: 'hostPath and nfs: one pod-level finding at the first',
      yaml: pod,
      findings: [
        {
          path: 'spec.volumes[1].hostPath',
          message:
            'violates PodSecurity "restricted:latest": restricted volume types (volumes "root", "share" use restricted volume types "hostPath", "nfs") [default level]',
        },
      ],
    },
    {
      name: 'an empty hostPath source alone',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx}]
  volumes:
  - {name: h, hostPath: {}}
`,
      findings: [
        {
          path: 'spec.volumes[0].hostPath',
          message:
            'violates PodSecurity "restricted:latest": restricted volume types (volume "h" uses restricted volume type "hostPath") [default level]',
        },
      ],
    },
  ],
});
