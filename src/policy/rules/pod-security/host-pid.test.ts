import { ruleTests } from '../../../../test/ruleTester.js';
import { hostPid } from './host-pid.js';

ruleTests(hostPid, {
  valid: [
    {
      name: 'hostPID unset, shareProcessNamespace is not hostPID',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  shareProcessNamespace: true
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'hostPID false',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      hostPID: false
      containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostPID true in a Pod',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: true
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        { path: 'spec.hostPID', message: 'pod shares the host process ID namespace (hostPID: true)' },
      ],
    },
    {
      name: 'YAML 1.1 "yes" in a Job',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      hostPID: yes
      restartPolicy: Never
      containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.template.spec.hostPID',
          message: 'pod shares the host process ID namespace (hostPID: true)',
        },
      ],
    },
  ],
});
