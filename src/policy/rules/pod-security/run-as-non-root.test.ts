import { ruleTests } from '../../../../test/ruleTester.js';
import { runAsNonRoot } from './run-as-non-root.js';

ruleTests(runAsNonRoot, {
  valid: [
    {
      name: 'pod-level runAsNonRoot: true is inherited by every container',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      initContainers: [{name: init, image: busybox:1.36}]
      containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a non-zero runAsUser counts as non-root without runAsNonRoot',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 10001}
  containers:
  - name: app
    image: nginx:1.27
  - name: side
    image: busybox:1.36
    securityContext: {runAsNonRoot: false, runAsUser: 1000}
`,
    },
    {
      name: 'YAML 1.1 "yes" for runAsNonRoot',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsNonRoot: yes}
`,
    },
    {
      name: 'Windows pods are exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set, in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot',
          message:
            'container "app" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set',
          container: 'app',
        },
      ],
    },
    {
      name: 'a container override to false beats the pod-level true',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - name: good
    image: nginx:1.27
  - name: bad
    image: nginx:1.27
    securityContext: {runAsNonRoot: false}
`,
      findings: [
        {
          path: 'spec.containers[1].securityContext.runAsNonRoot',
          message: 'container "bad" may run as root: runAsNonRoot is false and runAsUser is not set',
          container: 'bad',
        },
      ],
    },
    {
      name: 'runAsUser 0 at pod level reaches init and ephemeral containers; a container UID overrides it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 0}
  initContainers: [{name: init, image: busybox:1.36}]
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsUser: 101}
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.securityContext.runAsUser',
          message:
            'container "init" runs as root: runAsUser is 0 in the pod securityContext and runAsNonRoot is not true',
          container: 'init',
        },
        {
          path: 'spec.securityContext.runAsUser',
          message:
            'container "debug" runs as root: runAsUser is 0 in the pod securityContext and runAsNonRoot is not true',
          container: 'debug',
        },
      ],
    },
    {
      name: 'pod-level runAsNonRoot false with a container runAsUser 0',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: false}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsUser: 0}
  - name: side
    image: nginx:1.27
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsUser',
          message: 'container "app" runs as root: runAsUser is 0 and runAsNonRoot is not true',
          container: 'app',
        },
        {
          path: 'spec.securityContext.runAsNonRoot',
          message:
            'container "side" may run as root: runAsNonRoot is false in the pod securityContext and runAsUser is not set',
          container: 'side',
        },
      ],
    },
  ],
});
