import { ruleTests } from '../../../../test/ruleTester.js';
import { hostNetwork } from './host-network.js';

ruleTests(hostNetwork, {
  valid: [
    {
      name: 'hostNetwork false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: false
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'hostNetwork unset in a Deployment',
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
    {
      name: 'the quoted string "true" is not a boolean (the API server rejects it; the shape check reports it)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: "true"
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostNetwork true in a DaemonSet',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent:1}]
`,
      findings: [
        {
          path: 'spec.template.spec.hostNetwork',
          message: 'pod uses the host network namespace (hostNetwork: true)',
        },
      ],
    },
    {
      name: 'YAML 1.1 "on" in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: on
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.hostNetwork',
          message: 'pod uses the host network namespace (hostNetwork: true)',
        },
      ],
    },
  ],
});
