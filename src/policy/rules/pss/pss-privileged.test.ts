import { ruleTests } from '../../../../test/ruleTester.js';
import { pssPrivileged } from './pss-privileged.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;

ruleTests(pssPrivileged, {
  valid: [
    {
      name: 'privileged: false and unset',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx, securityContext: {privileged: false}}
  - {name: b, image: nginx}
`,
    },
    {
      name: 'the quoted string "true" is not the boolean (the shape check reports it)',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx, securityContext: {privileged: "true"}}
`,
    },
  ],
  invalid: [
    {
      name: 'privileged init and regular containers in a Deployment, one finding each',
      settings: BASELINE,
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:
      initContainers:
      - {name: setup, image: busybox, securityContext: {privileged: true}}
      containers:
      - name: app
        image: nginx
        securityContext:
          privileged: yes
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.privileged',
          message:
            'violates PodSecurity "baseline:latest": privileged (container "setup" must not set securityContext.privileged=true) [level from --pss or config]',
          container: 'setup',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.privileged',
          message:
            'violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true) [level from --pss or config]',
          container: 'app',
        },
      ],
    },
    {
      name: 'a privileged ephemeral container',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
  ephemeralContainers:
  - {name: dbg, image: busybox, securityContext: {privileged: true}}
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.privileged',
          message:
            'violates PodSecurity "baseline:latest": privileged (container "dbg" must not set securityContext.privileged=true) [level from --pss or config]',
          container: 'dbg',
        },
      ],
    },
  ],
});
