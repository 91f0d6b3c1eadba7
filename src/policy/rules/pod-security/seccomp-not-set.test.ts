import { ruleTests } from '../../../../test/ruleTester.js';
import { seccompNotSet } from './seccomp-not-set.js';

ruleTests(seccompNotSet, {
  valid: [
    {
      name: 'pod-level RuntimeDefault inherited by init, regular and ephemeral containers; Localhost override',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  initContainers: [{name: init, image: busybox:1.36}]
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
    },
    {
      name: 'legacy pod annotation on a Pod, legacy container annotation in a Deployment template',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}
spec:
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/app: docker/default
        container.seccomp.security.alpha.kubernetes.io/side: localhost/profiles/side.json
    spec:
      containers:
      - {name: app, image: nginx:1.27}
      - {name: side, image: nginx:1.27}
`,
    },
    {
      name: "an explicit Unconfined is seccomp-unconfined's, Windows pods are exempt",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers: [{name: app, image: nginx:1.27}]
---
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
      name: 'nothing set in a CronJob',
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
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile',
          message:
            'container "app" has no seccomp profile (seccompProfile is not set in the pod or container securityContext)',
          container: 'app',
        },
      ],
    },
    {
      name: 'an annotation for another container, an untranslatable value, and an invalid type',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/other: runtime/default
    seccomp.security.alpha.kubernetes.io/pod: foo/bar
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: odd
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: runtimedefault}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.seccompProfile',
          message:
            'container "app" has no seccomp profile (seccompProfile is not set in the pod or container securityContext)',
          container: 'app',
        },
        {
          path: 'spec.containers[1].securityContext.seccompProfile.type',
          message:
            'container "odd" has no valid seccomp profile (seccompProfile.type: runtimedefault in the container securityContext; expected RuntimeDefault or Localhost)',
          container: 'odd',
        },
      ],
    },
    {
      name: 'a container profile without a type replaces the pod RuntimeDefault as a whole',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seccompProfile: {localhostProfile: x.json}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.seccompProfile.type',
          message:
            'container "app" has no valid seccomp profile (seccompProfile.type: (unset) in the container securityContext; expected RuntimeDefault or Localhost)',
          container: 'app',
        },
      ],
    },
  ],
});
