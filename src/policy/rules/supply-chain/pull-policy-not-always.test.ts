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
  ],
});
