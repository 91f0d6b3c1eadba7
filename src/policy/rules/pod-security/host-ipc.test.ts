import { ruleTests } from '../../../../test/ruleTester.js';
import { hostIpc } from './host-ipc.js';

ruleTests(hostIpc, {
  valid: [
    {
      name: 'hostIPC unset',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'YAML 1.1 "off" is false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: off
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'hostIPC: false, the quoted string "true" (not a boolean; the shape check reports it), and the other host namespaces',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: false
  hostPID: true
  hostNetwork: true
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  hostIPC: "true"
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostIPC true in a ReplicaSet',
      yaml: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  template:
    spec:
      hostIPC: true
      containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        { path: 'spec.template.spec.hostIPC', message: 'pod shares the host IPC namespace (hostIPC: true)' },
      ],
    },
    {
      name: 'YAML 1.1 "yes" is true, as the API server reads it, in a CronJob',
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
          hostIPC: yes
          containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.hostIPC',
          message: 'pod shares the host IPC namespace (hostIPC: true)',
        },
      ],
    },
  ],
});
