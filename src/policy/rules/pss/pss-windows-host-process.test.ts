import { ruleTests } from '../../../../test/ruleTester.js';
import { pssWindowsHostProcess } from './pss-windows-host-process.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;

ruleTests(pssWindowsHostProcess, {
  valid: [
    {
      name: 'hostProcess false',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  securityContext: {windowsOptions: {hostProcess: false}}
  containers: [{name: app, image: nanoserver}]
`,
    },
    {
      name: 'windowsOptions without hostProcess, and the quoted string "true"',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  securityContext: {windowsOptions: {gmsaCredentialSpecName: gmsa}}
  containers: [{name: app, image: nanoserver, securityContext: {windowsOptions: {hostProcess: "true"}}}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level and container-level hostProcess: a pod finding and a container finding',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  hostNetwork: true
  securityContext: {windowsOptions: {hostProcess: true}}
  containers:
  - {name: app, image: nanoserver, securityContext: {windowsOptions: {hostProcess: true}}}
`,
      findings: [
        {
          path: 'spec.securityContext.windowsOptions.hostProcess',
          message:
            'violates PodSecurity "baseline:latest": hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true) [level from --pss or config]',
        },
        {
          path: 'spec.containers[0].securityContext.windowsOptions.hostProcess',
          message:
            'violates PodSecurity "baseline:latest": hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true) [level from --pss or config]',
          container: 'app',
        },
      ],
    },
    {
      name: 'an init container alone in a Deployment',
      settings: BASELINE,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      os: {name: windows}
      hostNetwork: true
      initContainers:
      - {name: setup, image: nanoserver, securityContext: {windowsOptions: {hostProcess: true}}}
      containers: [{name: app, image: nanoserver}]
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess',
          message:
            'violates PodSecurity "baseline:latest": hostProcess (container "setup" must not set securityContext.windowsOptions.hostProcess=true) [level from --pss or config]',
          container: 'setup',
        },
      ],
    },
  ],
});
