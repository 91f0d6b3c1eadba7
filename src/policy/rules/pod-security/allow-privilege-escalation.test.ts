import { ruleTests } from '../../../../test/ruleTester.js';
import { allowPrivilegeEscalation } from './allow-privilege-escalation.js';

ruleTests(allowPrivilegeEscalation, {
  valid: [
    {
      name: 'false on every container, YAML 1.1 "no" included',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {allowPrivilegeEscalation: no}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {allowPrivilegeEscalation: false}
`,
    },
    {
      name: 'privileged and SYS_ADMIN containers are left to privileged-container and cap-sys-admin',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: priv
    image: busybox:1.36
    securityContext: {privileged: true}
  - name: admin
    image: busybox:1.36
    securityContext:
      capabilities: {add: [cap_sys_admin]}
  - name: all
    image: busybox:1.36
    securityContext:
      capabilities: {add: [all]}
`,
    },
    {
      name: 'Windows pods are exempt',
      yaml: `
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
      name: 'unset on init, regular and ephemeral containers',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: busybox:1.36}]
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsNonRoot: true}
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "init" does not set allowPrivilegeEscalation: false',
          container: 'init',
        },
        {
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "app" does not set allowPrivilegeEscalation: false',
          container: 'app',
        },
        {
          path: 'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "debug" does not set allowPrivilegeEscalation: false',
          container: 'debug',
        },
      ],
    },
    {
      name: 'explicit true, and a quoted "false" string, in a CronJob',
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
            securityContext: {allowPrivilegeEscalation: true}
          - name: b
            image: busybox:1.36
            securityContext: {allowPrivilegeEscalation: "false"}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "a" allows privilege escalation (allowPrivilegeEscalation: true)',
          container: 'a',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation',
          message: 'container "b" sets allowPrivilegeEscalation to "false", not the boolean false',
          container: 'b',
        },
      ],
    },
    {
      name: 'a capability list written as a string does not hide the container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: SYS_ADMIN}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: 'container "app" does not set allowPrivilegeEscalation: false',
          container: 'app',
        },
      ],
    },
  ],
});
