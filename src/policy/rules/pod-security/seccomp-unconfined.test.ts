import { ruleTests } from '../../../../test/ruleTester.js';
import { seccompUnconfined } from './seccomp-unconfined.js';

ruleTests(seccompUnconfined, {
  valid: [
    {
      name: "unset (seccomp-not-set's) and RuntimeDefault",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
`,
    },
    {
      name: 'a container field beats an unconfined container annotation; a container annotation beats the pod field',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/a: unconfined
    container.seccomp.security.alpha.kubernetes.io/b: runtime/default
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      seccompProfile: {type: RuntimeDefault}
  - name: b
    image: nginx:1.27
`,
    },
    {
      name: 'a pod field beats the pod annotation',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod field inherited, container field, and legacy annotations, in a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata:
      annotations:
        container.seccomp.security.alpha.kubernetes.io/c: unconfined
    spec:
      securityContext:
        seccompProfile: {type: Unconfined}
      initContainers: [{name: a, image: busybox:1.36}]
      containers:
      - name: b
        image: nginx:1.27
        securityContext:
          seccompProfile: {type: Unconfined}
      - name: c
        image: nginx:1.27
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.seccompProfile.type',
          message:
            'container "a" runs without seccomp filtering (seccompProfile.type: Unconfined in the pod securityContext)',
          container: 'a',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type',
          message:
            'container "b" runs without seccomp filtering (seccompProfile.type: Unconfined in the container securityContext)',
          container: 'b',
        },
        {
          path: 'spec.template.metadata.annotations["container.seccomp.security.alpha.kubernetes.io/c"]',
          message:
            'container "c" runs without seccomp filtering (annotation container.seccomp.security.alpha.kubernetes.io/c: unconfined)',
          container: 'c',
        },
      ],
    },
    {
      name: 'the legacy pod annotation on a CronJob pod template',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
        spec:
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
          message:
            'container "app" runs without seccomp filtering (annotation seccomp.security.alpha.kubernetes.io/pod: unconfined)',
          container: 'app',
        },
      ],
    },
  ],
});
