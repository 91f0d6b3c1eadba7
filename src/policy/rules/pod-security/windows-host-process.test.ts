import { ruleTests } from '../../../../test/ruleTester.js';
import { windowsHostProcess } from './windows-host-process.js';

ruleTests(windowsHostProcess, {
  valid: [
    {
      name: 'a Windows pod without HostProcess, and a container override to false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  securityContext:
    windowsOptions: {runAsUserName: ContainerUser}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
---
apiVersion: v1
kind: Pod
metadata: {name: win2}
spec:
  securityContext:
    windowsOptions: {hostProcess: true}
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {hostProcess: false}
`,
    },
  ],
  invalid: [
    {
      name: "pod-level hostProcess inherited by a DaemonSet's containers",
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      os: {name: windows}
      hostNetwork: true
      securityContext:
        windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
      initContainers: [{name: init, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
      containers: [{name: agent, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.windowsOptions.hostProcess',
          message:
            'container "init" runs as a Windows HostProcess container (windowsOptions.hostProcess: true in the pod securityContext)',
          container: 'init',
        },
        {
          path: 'spec.template.spec.securityContext.windowsOptions.hostProcess',
          message:
            'container "agent" runs as a Windows HostProcess container (windowsOptions.hostProcess: true in the pod securityContext)',
          container: 'agent',
        },
      ],
    },
    {
      name: 'container-level hostProcess written as YAML 1.1 "yes"',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions: {hostProcess: yes}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.windowsOptions.hostProcess',
          message:
            'container "app" runs as a Windows HostProcess container (windowsOptions.hostProcess: true)',
          container: 'app',
        },
      ],
    },
  ],
});
