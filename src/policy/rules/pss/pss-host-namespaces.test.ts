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
  ],
});
