import { ruleTests } from '../../../../test/ruleTester.js';
import { requestsMissing } from './requests-missing.js';

const pod = (resources: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: ${resources}
`;

ruleTests(requestsMissing, {
  valid: [
    { name: 'both requests set', yaml: pod('{requests: {cpu: 100m, memory: 128Mi}}') },
    { name: 'requests default from the container limits', yaml: pod('{limits: {cpu: 500m, memory: 256Mi}}') },
    {
      name: 'a LimitRange default (limit) also defaults the request',
      yaml: `${pod('{requests: {cpu: 100m}}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: d, namespace: shop}
spec:
  limits: [{type: Container, default: {memory: 256Mi}}]
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: pod('{}'),
      findings: [
        {
          path: 'spec.containers[0].resources.requests',
          message: 'container "app" has no cpu and memory requests: the scheduler treats it as using none',
          container: 'app',
        },
      ],
    },
    {
      name: 'only the memory one missing',
      yaml: pod('{requests: {cpu: 100m}, limits: {cpu: 200m}}'),
      findings: [
        {
          path: 'spec.containers[0].resources.requests',
          message: 'container "app" has no memory request: the scheduler treats it as using none',
          container: 'app',
        },
      ],
    },
  ],
});
