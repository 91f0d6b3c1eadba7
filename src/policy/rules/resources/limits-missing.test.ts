import { ruleTests } from '../../../../test/ruleTester.js';
import { limitsMissing } from './limits-missing.js';

const deploy = (containers: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
${extra}      containers:
${containers}
`;

ruleTests(limitsMissing, {
  valid: [
    {
      name: 'memory limit and CPU limit',
      yaml: deploy('      - {name: app, image: nginx:1.27, resources: {limits: {cpu: 500m, memory: 256Mi}}}'),
    },
    {
      name: 'memory limit and a CPU request without CPU limit (deliberate, not reported)',
      yaml: deploy(
        '      - {name: app, image: nginx:1.27, resources: {requests: {cpu: 100m}, limits: {memory: 256Mi}}}',
      ),
    },
    {
      name: 'a LimitRange defaults the memory limit and (via min) the CPU request',
      yaml: `${deploy('      - {name: app, image: nginx:1.27}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
  - type: Pod
    max: {cpu: "4"}
  - type: Container
    default: {memory: 512Mi}
    min: {cpu: 50m}
`,
    },
    {
      name: 'pod-level resources bound every container; ephemeral containers cannot set resources',
      yaml: deploy(
        '      - {name: app, image: nginx:1.27}',
        `      resources: {limits: {cpu: "1", memory: 1Gi}}
      ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
      ),
    },
  ],
  invalid: [
    {
      name: 'no resources at all, init container included',
      yaml: deploy(
        '      - {name: app, image: nginx:1.27}',
        '      initContainers: [{name: init, image: busybox:1.36, resources: {limits: {memory: 64Mi, cpu: 100m}}}]\n',
      ),
      findings: [
        {
          path: 'spec.template.spec.containers[0].resources.limits.memory',
          message: 'container "app" has no memory limit: it can take all of the node\'s memory',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[0].resources.limits.cpu',
          message:
            'container "app" has neither a CPU limit nor a CPU request: nothing bounds or reserves its CPU',
          container: 'app',
        },
      ],
    },
    {
      name: 'CPU bounded but memory not; a LimitRange in another namespace or for Pods does not count',
      yaml: `${deploy('      - {name: app, image: nginx:1.27, resources: {limits: {cpu: "1"}, requests: {memory: 128Mi}}}')}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: other}
spec:
  limits: [{type: Container, default: {memory: 512Mi}}]
---
apiVersion: v1
kind: LimitRange
metadata: {name: pod, namespace: shop}
spec:
  limits: [{type: Pod, max: {memory: 2Gi}}]
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].resources.limits.memory',
          message: 'container "app" has no memory limit: it can take all of the node\'s memory',
          container: 'app',
        },
      ],
    },
    {
      name: 'a bare Pod whose memory limit is null',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {requests: {cpu: 100m}, limits: {memory: null}}
`,
      findings: [
        {
          path: 'spec.containers[0].resources.limits.memory',
          message: 'container "app" has no memory limit: it can take all of the node\'s memory',
          container: 'app',
        },
      ],
    },
  ],
});
