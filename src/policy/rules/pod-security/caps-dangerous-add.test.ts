import { ruleTests } from '../../../../test/ruleTester.js';
import { capsDangerousAdd } from './caps-dangerous-add.js';

ruleTests(capsDangerousAdd, {
  valid: [
    {
      name: "baseline capabilities, SYS_ADMIN (cap-sys-admin's) and ALL with extras (cap-sys-admin's)",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {add: [NET_BIND_SERVICE, CHOWN, SETPCAP, SYS_ADMIN]}
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {add: [ALL, NET_ADMIN]}
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
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      capabilities: {add: [NET_ADMIN]}
`,
    },
  ],
  invalid: [
    {
      name: 'one finding per dangerous capability, duplicates once, next to SYS_ADMIN',
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
        add: [SYS_ADMIN, net_admin, CAP_SYS_PTRACE, NET_ADMIN, SYS_TIME, dac_read_search]
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
          message:
            'container "app" adds capability NET_ADMIN: reconfigure interfaces, routes and iptables of the network namespace',
          container: 'app',
        },
        {
          path: 'spec.containers[0].securityContext.capabilities.add[2]',
          message: 'container "app" adds capability SYS_PTRACE: trace and inject code into other processes',
          container: 'app',
        },
        {
          path: 'spec.containers[0].securityContext.capabilities.add[5]',
          message:
            'container "app" adds capability DAC_READ_SEARCH: open files by handle: read host files (the "Shocker" escape)',
          container: 'app',
        },
      ],
    },
    {
      name: 'NET_RAW added back after drop ALL, in an init container of a Job',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: ping
        image: busybox:1.36
        securityContext:
          capabilities: {drop: [ALL], add: [NET_RAW]}
      containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]',
          message:
            'container "ping" adds capability NET_RAW: craft raw packets: ARP/DNS spoofing of neighbouring pods',
          container: 'ping',
        },
      ],
    },
  ],
});
