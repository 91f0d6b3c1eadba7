import { ruleTests } from '../../../../test/ruleTester.js';
import { capsAddOutsideBaseline } from './caps-add-outside-baseline.js';

ruleTests(capsAddOutsideBaseline, {
  valid: [
    {
      name: 'baseline capabilities in any spelling; dangerous ones and SYS_ADMIN belong to other rules',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: [cap_chown, NET_BIND_SERVICE, kill, SYS_ADMIN, NET_ADMIN, BPF]}
  - name: all
    image: nginx:1.27
    securityContext:
      capabilities: {add: [ALL, SYS_TIME]}
`,
    },
    {
      name: 'all thirteen baseline capabilities, the last in the list included; a Windows pod is exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      capabilities: {add: [SYS_TIME]}
`,
    },
  ],
  invalid: [
    {
      name: 'SYS_TIME, an unknown name and a lower-case IPC_LOCK in a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          capabilities: {add: [CHOWN, SYS_TIME, FOO, ipc_lock]}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.add[1]',
          message:
            'container "app" adds capability SYS_TIME, outside the Pod Security Standards baseline set',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.add[2]',
          message: 'container "app" adds capability FOO, outside the Pod Security Standards baseline set',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.add[3]',
          message:
            'container "app" adds capability IPC_LOCK, outside the Pod Security Standards baseline set',
          container: 'app',
        },
      ],
    },
    {
      name: 'neighbours of a baseline name are outside it: AUDIT_CONTROL and AUDIT_READ next to AUDIT_WRITE',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: [AUDIT_WRITE, AUDIT_CONTROL, CAP_AUDIT_READ]}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
          message:
            'container "app" adds capability AUDIT_CONTROL, outside the Pod Security Standards baseline set',
          container: 'app',
        },
        {
          path: 'spec.containers[0].securityContext.capabilities.add[2]',
          message:
            'container "app" adds capability AUDIT_READ, outside the Pod Security Standards baseline set',
          container: 'app',
        },
      ],
    },
  ],
});
