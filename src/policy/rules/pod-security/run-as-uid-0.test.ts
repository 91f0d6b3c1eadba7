import { ruleTests } from '../../../../test/ruleTester.js';
import { runAsUid0 } from './run-as-uid-0.js';

ruleTests(runAsUid0, {
  valid: [
    {
      name: 'runAsUser unset is not an explicit UID 0',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a container UID overrides the pod-level 0',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsUser: 0}
      containers:
      - name: app
        image: nginx:1.27
        securityContext: {runAsUser: 101}
`,
    },
    {
      name: 'the string "0" is not the integer 0 (the shape check reports it)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsUser: "0"}
`,
    },
    {
      name: 'UID 1, the first non-root UID, at pod and container level',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1}
  containers:
  - name: app
    image: nginx:1.27
  - name: side
    image: nginx:1.27
    securityContext: {runAsUser: 1}
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level UID 0 inherited, and UID 0 under runAsNonRoot: true',
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
          securityContext: {runAsUser: 0}
          initContainers: [{name: init, image: busybox:1.36}]
          containers:
          - name: app
            image: busybox:1.36
            securityContext: {runAsUser: 0, runAsNonRoot: true}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.securityContext.runAsUser',
          message: 'container "init" runs as UID 0 (runAsUser: 0 in the pod securityContext)',
          container: 'init',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsUser',
          message:
            'container "app" runs as UID 0 (runAsUser: 0); with runAsNonRoot: true the kubelet refuses to start it',
          container: 'app',
        },
      ],
    },
    {
      name: 'a container UID 0 overrides a non-zero pod UID',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsUser: 0}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsUser',
          message: 'container "app" runs as UID 0 (runAsUser: 0)',
          container: 'app',
        },
      ],
    },
  ],
});
