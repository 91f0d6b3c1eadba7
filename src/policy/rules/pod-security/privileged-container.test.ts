import { ruleTests } from '../../../../test/ruleTester.js';
import { privilegedContainer } from './privileged-container.js';

ruleTests(privilegedContainer, {
  valid: [
    {
      name: 'privileged false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: false}
`,
    },
    {
      name: 'no security context',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'privileged init container in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: setup
            image: busybox:1.36
            securityContext: {privileged: true}
          containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.privileged',
          message: 'container "setup" runs privileged (securityContext.privileged: true)',
          container: 'setup',
        },
      ],
    },
    {
      name: 'YAML 1.1 "yes" is true, as the API server reads it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: yes
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.privileged',
          message: 'container "app" runs privileged (securityContext.privileged: true)',
          container: 'app',
        },
      ],
    },
  ],
});
