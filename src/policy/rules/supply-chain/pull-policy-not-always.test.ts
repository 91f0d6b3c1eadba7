import { ruleTests } from '../../../../test/ruleTester.js';
import { pullPolicyNotAlways } from './pull-policy-not-always.js';

const SHA = 'sha256:' + '0123456789abcdef'.repeat(4);

ruleTests(pullPolicyNotAlways, {
  valid: [
    {
      name: 'Always set; :latest and untagged default to Always; digests are skipped',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "nginx:1.27", imagePullPolicy: Always}
  - {name: b, image: "nginx:latest"}
  - {name: c, image: "nginx"}
  - {name: d, image: "nginx@${SHA}", imagePullPolicy: IfNotPresent}
  - {name: e, image: "nginx:1.27@${SHA}"}
`,
    },
    {
      name: 'a registry port is not a tag: unset on localhost:5000/app defaults to Always',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "localhost:5000/app"}
`,
    },
  ],
  invalid: [
    {
      name: 'explicit IfNotPresent / Never, and a tagged image that defaults to IfNotPresent',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, image: "busybox:1.36", imagePullPolicy: Never}]
      containers:
      - {name: app, image: "ghcr.io/acme/app:1.2.3"}
      - {name: side, image: "nginx:latest", imagePullPolicy: IfNotPresent}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].imagePullPolicy',
          message:
            'container "init" has imagePullPolicy Never: a cached copy of "busybox:1.36" starts without a registry check',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].imagePullPolicy',
          message:
            'container "app" has no imagePullPolicy, so tagged image "ghcr.io/acme/app:1.2.3" defaults to IfNotPresent: a cached copy starts without a registry check',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[1].imagePullPolicy',
          message:
            'container "side" has imagePullPolicy IfNotPresent: a cached copy of "nginx:latest" starts without a registry check',
          container: 'side',
        },
      ],
    },
    {
      name: 'only the exact tag latest defaults to Always, and only the exact value Always passes',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "nginx:Latest"}
  - {name: b, image: "nginx:1.27", imagePullPolicy: always}
`,
      findings: [
        {
          path: 'spec.containers[0].imagePullPolicy',
          message:
            'container "a" has no imagePullPolicy, so tagged image "nginx:Latest" defaults to IfNotPresent: a cached copy starts without a registry check',
          container: 'a',
        },
        {
          path: 'spec.containers[1].imagePullPolicy',
          message:
            'container "b" has imagePullPolicy always: a cached copy of "nginx:1.27" starts without a registry check',
          container: 'b',
        },
      ],
    },
  ],
});
