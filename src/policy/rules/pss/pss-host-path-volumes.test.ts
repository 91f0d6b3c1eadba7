import { ruleTests } from '../../../../test/ruleTester.js';
import { pssHostPathVolumes } from './pss-host-path-volumes.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'v1.30', explicit: true, checkUnlabelled: true },
} as const;

const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
  volumes:
  - {name: data, emptyDir: {}}
  - {name: root, hostPath: {path: /}}
  - {name: sock, hostPath: {path: /run/containerd/containerd.sock}}
`;

ruleTests(pssHostPathVolumes, {
  valid: [
    {
      name: 'no hostPath volume',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
  volumes: [{name: data, emptyDir: {}}, {name: cfg, configMap: {name: cfg}}]
`,
    },
    {
      name: 'at restricted the check is replaced by pss-restricted-volumes',
      yaml: pod,
    },
    {
      name: 'hostPath: null is no hostPath source',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
  volumes: [{name: hostPath, hostPath: null, emptyDir: {}}]
`,
    },
  ],
  invalid: [
    {
      name: 'two hostPath volumes: one pod-level finding at the first',
      settings: BASELINE,
      yaml: pod,
      findings: [
        {
          path: 'spec.volumes[1].hostPath',
          message:
            'violates PodSecurity "baseline:v1.30": hostPath volumes (volumes "root", "sock") [level from --pss or config]',
        },
      ],
    },
    {
      name: 'an empty hostPath source counts',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
  volumes: [{name: h, hostPath: {}}]
`,
      findings: [
        {
          path: 'spec.volumes[0].hostPath',
          message:
            'violates PodSecurity "baseline:v1.30": hostPath volumes (volume "h") [level from --pss or config]',
        },
      ],
    },
  ],
});
