import { ruleTests } from '../../../../test/ruleTester.js';
import { pssHostPorts } from './pss-host-ports.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;

ruleTests(pssHostPorts, {
  valid: [
    {
      name: 'container ports without hostPort, and hostPort 0',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx, ports: [{containerPort: 80}, {containerPort: 81, hostPort: 0}]}
`,
    },
    {
      name: 'hostNetwork templates are not defaulted (only Pods are)',
      settings: BASELINE,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: a, image: nginx, ports: [{containerPort: 80}]}]
`,
    },
  ],
  invalid: [
    {
      name: 'explicit hostPorts, one finding per container',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: init, image: busybox, ports: [{containerPort: 53, hostPort: 53}]}
  containers:
  - {name: a, image: nginx, ports: [{containerPort: 80}, {containerPort: 443, hostPort: 8443}]}
`,
      findings: [
        {
          path: 'spec.initContainers[0].ports[0].hostPort',
          message:
            'violates PodSecurity "baseline:latest": hostPort (container "init" uses hostPort 53) [level from --pss or config]',
          container: 'init',
        },
        {
          path: 'spec.containers[0].ports[1].hostPort',
          message:
            'violates PodSecurity "baseline:latest": hostPort (container "a" uses hostPort 8443) [level from --pss or config]',
          container: 'a',
        },
      ],
    },
    {
      name: 'a hostNetwork Pod is defaulted: containerPort becomes hostPort',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers: [{name: a, image: nginx, ports: [{containerPort: 9100}]}]
`,
      findings: [
        {
          path: 'spec.containers[0].ports[0].hostPort',
          message:
            'violates PodSecurity "baseline:latest": hostPort (container "a" uses hostPort 9100) [level from --pss or config]',
          container: 'a',
        },
      ],
    },
  ],
});
