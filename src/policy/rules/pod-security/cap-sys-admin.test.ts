import { ruleTests } from '../../../../test/ruleTester.js';
import { capSysAdmin } from './cap-sys-admin.js';

ruleTests(capSysAdmin, {
  valid: [
    {
      name: 'other capabilities, and SYS_ADMIN only in drop',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: [NET_BIND_SERVICE, NET_ADMIN], drop: [SYS_ADMIN]}
`,
    },
    {
      name: 'add written as a string does not crash',
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
    },
    {
      name: 'names that only contain SYS_ADMIN or ALL are other capabilities; a Windows pod is exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: [SYS_ADMINS, XSYS_ADMIN, CAP_ALLX, ALL_CAPS]}
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
      capabilities: {add: [SYS_ADMIN]}
`,
    },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN in three spellings, and ALL',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        securityContext:
          capabilities: {add: [CHOWN, CAP_SYS_ADMIN]}
      containers:
      - name: a
        image: busybox:1.36
        securityContext:
          capabilities: {add: [SYS_ADMIN]}
      - name: b
        image: busybox:1.36
        securityContext:
          capabilities: {add: [sys_admin]}
      - name: c
        image: busybox:1.36
        securityContext:
          capabilities: {add: [NET_ADMIN, all]}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[1]',
          message: 'container "init" adds capability SYS_ADMIN (written "CAP_SYS_ADMIN")',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
          message: 'container "a" adds capability SYS_ADMIN',
          container: 'a',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.capabilities.add[0]',
          message: 'container "b" adds capability SYS_ADMIN (written "sys_admin")',
          container: 'b',
        },
        {
          path: 'spec.template.spec.containers[2].securityContext.capabilities.add[1]',
          message: 'container "c" adds ALL capabilities, SYS_ADMIN included (written "all")',
          container: 'c',
        },
      ],
    },
    {
      name: 'mixed-case Cap_Sys_Admin in an ephemeral container of a Linux pod',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: linux}
  containers: [{name: app, image: nginx:1.27}]
  ephemeralContainers:
  - name: dbg
    image: busybox:1.36
    securityContext:
      capabilities: {add: [Cap_Sys_Admin]}
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.capabilities.add[0]',
          message: 'container "dbg" adds capability SYS_ADMIN (written "Cap_Sys_Admin")',
          container: 'dbg',
        },
      ],
    },
  ],
});
