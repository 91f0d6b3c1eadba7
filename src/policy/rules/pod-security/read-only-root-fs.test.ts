import { ruleTests } from '../../../../test/ruleTester.js';
import { readOnlyRootFs } from './read-only-root-fs.js';

ruleTests(readOnlyRootFs, {
  valid: [
    {
      name: 'true on every container, YAML 1.1 "on" included',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {readOnlyRootFilesystem: on}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
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
      name: 'unset, false and a quoted string in a Job',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: a
        image: busybox:1.36
      - name: b
        image: busybox:1.36
        securityContext: {readOnlyRootFilesystem: false}
      - name: c
        image: busybox:1.36
        securityContext: {readOnlyRootFilesystem: "true"}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
          message: 'container "a" has a writable root filesystem (readOnlyRootFilesystem is not set)',
          container: 'a',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem',
          message: 'container "b" has a writable root filesystem (readOnlyRootFilesystem: false)',
          container: 'b',
        },
        {
          path: 'spec.template.spec.containers[2].securityContext.readOnlyRootFilesystem',
          message:
            'container "c" has a writable root filesystem (readOnlyRootFilesystem is "true", not the boolean true)',
          container: 'c',
        },
      ],
    },
    {
      name: 'a pod-level securityContext cannot make the root filesystem read-only',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {readOnlyRootFilesystem: true}
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem',
          message: 'container "debug" has a writable root filesystem (readOnlyRootFilesystem is not set)',
          container: 'debug',
        },
      ],
    },
  ],
});
