import { ruleTests } from '../../../../test/ruleTester.js';
import { procMountUnmasked } from './proc-mount-unmasked.js';

ruleTests(procMountUnmasked, {
  valid: [
    {
      name: 'Default and unset; a pod-level procMount does not exist',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {procMount: Unmasked}
  containers:
  - name: a
    image: nginx:1.27
    securityContext: {procMount: Default}
  - name: b
    image: nginx:1.27
`,
    },
    {
      name: 'the value is compared exactly: lower-case "unmasked" is not Unmasked (the API server rejects it); a Windows pod is exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {procMount: unmasked}
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext: {procMount: Unmasked}
`,
    },
  ],
  invalid: [
    {
      name: 'Unmasked on an init container of a user-namespaced Job',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      hostUsers: false
      restartPolicy: Never
      initContainers:
      - name: builder
        image: buildkit:0.15
        securityContext: {procMount: Unmasked}
      containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.procMount',
          message: 'container "builder" mounts /proc unmasked (procMount: Unmasked)',
          container: 'builder',
        },
      ],
    },
    {
      name: 'Unmasked on a regular container of a pod without user namespaces',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {procMount: Unmasked}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.procMount',
          message: 'container "app" mounts /proc unmasked (procMount: Unmasked)',
          container: 'app',
        },
      ],
    },
  ],
});
