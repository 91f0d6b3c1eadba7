import { ruleTests } from '../../../../test/ruleTester.js';
import { pssHostNamespaces } from './pss-host-namespaces.js';

ruleTests(pssHostNamespaces, {
  valid: [
    {
      name: 'host namespaces false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: false
  hostPID: false
  containers: [{name: a, image: nginx}]
`,
    },
    {
      name: 'hostIPC: false, and quoted strings that are not the boolean true (the shape check reports them)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: false
  hostNetwork: "true"
  hostPID: "yes"
  containers: [{name: a, image: nginx}]
`,
    },
  ],
  invalid: [
    {
      name: 'all three host namespaces: one pod-level finding at the first field',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      hostIPC: true
      hostPID: true
      hostNetwork: true
      containers: [{name: a, image: agent}]
`,
      findings: [
        {
          path: 'spec.template.spec.hostNetwork',
          message:
            'violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true, hostPID=true, hostIPC=true) [default level]',
        },
      ],
    },
    {
      name: 'hostIPC alone',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: false
  hostIPC: true
  containers: [{name: a, image: nginx}]
`,
      findings: [
        {
          path: 'spec.hostIPC',
          message: 'violates PodSecurity "restricted:latest": host namespaces (hostIPC=true) [default level]',
        },
      ],
    },
  ],
});
