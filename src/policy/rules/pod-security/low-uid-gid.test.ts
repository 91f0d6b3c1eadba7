import { ruleTests } from '../../../../test/ruleTester.js';
import { lowUidGid } from './low-uid-gid.js';

ruleTests(lowUidGid, {
  valid: [
    {
      name: 'high IDs, unset IDs, and 0 (left to the root rules)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: high
    image: nginx:1.27
    securityContext: {runAsUser: 10001, runAsGroup: 10001}
  - name: unset
    image: nginx:1.27
  - name: root
    image: nginx:1.27
    securityContext: {runAsUser: 0, runAsGroup: 0}
`,
    },
    {
      name: 'user-namespaced pods are exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsUser: 1000}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level low UID inherited, container low GID',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsUser: 1000}
      containers:
      - name: app
        image: nginx:1.27
        securityContext: {runAsGroup: 101}
      - name: side
        image: busybox:1.36
        securityContext: {runAsUser: 20000}
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.runAsUser',
          message: 'container "app" runs with runAsUser 1000 in the pod securityContext, below 10000',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.runAsGroup',
          message: 'container "app" runs with runAsGroup 101, below 10000',
          container: 'app',
        },
      ],
    },
    {
      name: 'boundary: 9999 is low, 10000 is not',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsUser: 9999, runAsGroup: 10000}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsUser',
          message: 'container "app" runs with runAsUser 9999, below 10000',
          container: 'app',
        },
      ],
    },
  ],
});
