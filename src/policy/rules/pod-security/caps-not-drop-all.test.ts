import { ruleTests } from '../../../../test/ruleTester.js';
import { capsNotDropAll } from './caps-not-drop-all.js';

ruleTests(capsNotDropAll, {
  valid: [
    {
      name: 'drop ALL in any case',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
  - name: b
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [all]}
`,
    },
    {
      name: 'privileged containers are left to privileged-container; Windows pods are exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: busybox:1.36
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
      name: 'no drop list, a partial list, and CAP_ALL',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          capabilities: {drop: [NET_RAW, chown]}
      - name: side
        image: nginx:1.27
        securityContext:
          capabilities: {drop: [CAP_ALL]}
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.drop',
          message: 'container "init" does not drop ALL capabilities (capabilities.drop is not set)',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
          message: 'container "app" does not drop ALL capabilities (drop lists only NET_RAW, chown)',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.capabilities.drop',
          message: 'container "side" does not drop ALL capabilities (drop lists only CAP_ALL)',
          container: 'side',
        },
      ],
    },
    {
      name: 'a drop list written as a string drops nothing the rule can see',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      capabilities: {drop: ALL}
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL]}
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.capabilities.drop',
          message: 'container "debug" does not drop ALL capabilities (capabilities.drop is not set)',
          container: 'debug',
        },
      ],
    },
  ],
});
