import { ruleTests } from '../../../../test/ruleTester.js';
import { privilegedPort } from './privileged-port.js';

ruleTests(privilegedPort, {
  valid: [
    {
      name: "high ports, SSH ports (ssh-port's), and a Windows pod on 80",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 8080}, {containerPort: 1024}, {containerPort: 22}]
---
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
  - name: iis
    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
    ports: [{containerPort: 80}]
`,
    },
    {
      name: 'containerPort 0 and the string "80" are not ports the rule reads (the shape check reports them)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 0}, {containerPort: "80"}]
`,
    },
  ],
  invalid: [
    {
      name: '80 and 443 in a Deployment, 1023 in an init container',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        ports: [{containerPort: 1023}]
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}, {containerPort: 443}, {containerPort: 8443}]
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].ports[0].containerPort',
          message: 'container "init" listens on privileged port 1023 (ports[0].containerPort)',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].ports[0].containerPort',
          message: 'container "web" listens on privileged port 80 (ports[0].containerPort)',
          container: 'web',
        },
        {
          path: 'spec.template.spec.containers[0].ports[1].containerPort',
          message: 'container "web" listens on privileged port 443 (ports[1].containerPort)',
          container: 'web',
        },
      ],
    },
    {
      name: "port 1, the lowest, and 22 over UDP, which is no SSH port and so is this rule's",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 1}, {containerPort: 22, protocol: UDP}]
`,
      findings: [
        {
          path: 'spec.containers[0].ports[0].containerPort',
          message: 'container "app" listens on privileged port 1 (ports[0].containerPort)',
          container: 'app',
        },
        {
          path: 'spec.containers[0].ports[1].containerPort',
          message: 'container "app" listens on privileged port 22 (ports[1].containerPort)',
          container: 'app',
        },
      ],
    },
  ],
});
