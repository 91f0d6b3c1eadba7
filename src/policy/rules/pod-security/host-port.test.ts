import { ruleTests } from '../../../../test/ruleTester.js';
import { hostPort } from './host-port.js';

ruleTests(hostPort, {
  valid: [
    {
      name: 'containerPort only, and hostPort 0',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - containerPort: 80
    - containerPort: 81
      hostPort: 0
`,
    },
    {
      name: 'ports written as a string does not crash',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: "8080"
`,
    },
  ],
  invalid: [
    {
      name: 'hostPort in a Deployment container and an init container',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        ports: [{containerPort: 9000, hostPort: 9000}]
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 80
        - containerPort: 443
          hostPort: 8443
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].ports[0].hostPort',
          message: 'container "init" binds host port 9000 (ports[0].hostPort)',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].ports[1].hostPort',
          message: 'container "app" binds host port 8443 (ports[1].hostPort)',
          container: 'app',
        },
      ],
    },
    {
      name: 'an octal-looking YAML 1.1 integer is read as go-yaml reads it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 80, hostPort: 0100}]
`,
      findings: [
        {
          path: 'spec.containers[0].ports[0].hostPort',
          message: 'container "app" binds host port 64 (ports[0].hostPort)',
          container: 'app',
        },
      ],
    },
  ],
});
