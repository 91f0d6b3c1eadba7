import { ruleTests } from '../../../../test/ruleTester.js';
import { pssCapabilitiesRestricted } from './pss-capabilities-restricted.js';

ruleTests(pssCapabilitiesRestricted, {
  valid: [
    {
      name: 'drop ALL, add NET_BIND_SERVICE',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}
`,
    },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  containers: [{name: app, image: nanoserver}]
`,
    },
    {
      name: 'ALL anywhere in drop, and NET_BIND_SERVICE twice',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx, securityContext: {capabilities: {drop: [NET_RAW, ALL], add: [NET_BIND_SERVICE, NET_BIND_SERVICE]}}}
`,
    },
  ],
  invalid: [
    {
      name: 'missing drop, lower-case all, and a forbidden add',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers:
      - {name: a, image: db}
      - {name: b, image: db, securityContext: {capabilities: {drop: [all]}}}
      - {name: c, image: db, securityContext: {capabilities: {drop: [ALL], add: [NET_RAW]}}}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
          message:
            'violates PodSecurity "restricted:latest": unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]) [default level]',
          container: 'a',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.capabilities.drop',
          message:
            'violates PodSecurity "restricted:latest": unrestricted capabilities (container "b" must set securityContext.capabilities.drop=["ALL"]) [default level]',
          container: 'b',
        },
        {
          path: 'spec.template.spec.containers[2].securityContext.capabilities.add[0]',
          message:
            'violates PodSecurity "restricted:latest": unrestricted capabilities (container "c" must not include "NET_RAW" in securityContext.capabilities.add) [default level]',
          container: 'c',
        },
      ],
    },
    {
      name: 'NET_BIND_SERVICE is compared exactly: a CAP_ prefix or lower case is another capability',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx, securityContext: {capabilities: {drop: [ALL], add: [net_bind_service, CAP_NET_BIND_SERVICE]}}}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.add[0]',
          message:
            'violates PodSecurity "restricted:latest": unrestricted capabilities (container "app" must not include "CAP_NET_BIND_SERVICE", "net_bind_service" in securityContext.capabilities.add) [default level]',
          container: 'app',
        },
      ],
    },
  ],
});
