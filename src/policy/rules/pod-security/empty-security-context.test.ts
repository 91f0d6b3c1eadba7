import { ruleTests } from '../../../../test/ruleTester.js';
import { emptySecurityContext } from './empty-security-context.js';

ruleTests(emptySecurityContext, {
  valid: [
    {
      name: 'pod and every container have a non-empty securityContext',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {allowPrivilegeEscalation: false}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
`,
    },
  ],
  invalid: [
    {
      name: 'absent pod context, empty and null container contexts, in a CronJob',
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
          containers:
          - name: a
            image: busybox:1.36
            securityContext: {}
          - name: b
            image: busybox:1.36
            securityContext: null
          - name: c
            image: busybox:1.36
            securityContext: {runAsUser: 1000}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.securityContext',
          message: 'pod has no securityContext',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext',
          message: 'container "a" has an empty securityContext',
          container: 'a',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[1].securityContext',
          message: 'container "b" has no securityContext',
          container: 'b',
        },
      ],
    },
    {
      name: 'a pod-level context does not stand in for the container one',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {}
  containers: [{name: app, image: nginx:1.27}]
  ephemeralContainers: [{name: debug, image: busybox:1.36, securityContext: {runAsNonRoot: true}}]
`,
      findings: [
        { path: 'spec.securityContext', message: 'pod has an empty securityContext' },
        {
          path: 'spec.containers[0].securityContext',
          message: 'container "app" has no securityContext',
          container: 'app',
        },
      ],
    },
  ],
});
