import { ruleTests } from '../../../../test/ruleTester.js';
import { netRawNotDropped } from './net-raw-not-dropped.js';

ruleTests(netRawNotDropped, {
  valid: [
    {
      name: 'drop NET_RAW or ALL, any case',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [net_raw]}
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL]}
  - name: c
    image: nginx:1.27
    securityContext: {privileged: true}
`,
    },
    {
      name: 'a privileged container (drop is ignored) and a Windows pod are not reported, whatever they drop',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
`,
    },
  ],
  invalid: [
    {
      name: 'nothing dropped, and a CAP_-prefixed drop in a CronJob',
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
          containers:
          - name: a
            image: busybox:1.36
          - name: b
            image: busybox:1.36
            securityContext:
              capabilities: {drop: [CHOWN, CAP_NET_RAW]}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.drop',
          message: 'container "a" does not drop NET_RAW',
          container: 'a',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[1].securityContext.capabilities.drop[1]',
          message:
            'container "b" does not drop NET_RAW ("CAP_NET_RAW" drops nothing on containerd; write NET_RAW)',
          container: 'b',
        },
      ],
    },
    {
      name: 'privileged: false, and dropping the neighbour NET_ADMIN, still leaves NET_RAW',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: false
      capabilities: {drop: [NET_ADMIN]}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.drop',
          message: 'container "app" does not drop NET_RAW',
          container: 'app',
        },
      ],
    },
  ],
});
