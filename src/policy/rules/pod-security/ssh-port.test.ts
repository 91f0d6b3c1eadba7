import { ruleTests } from '../../../../test/ruleTester.js';
import { sshPort } from './ssh-port.js';

ruleTests(sshPort, {
  valid: [
    {
      name: 'web ports, and 22 over UDP',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 80}
    - {containerPort: 22, protocol: UDP}
    - {containerPort: 2022}
`,
    },
    {
      name: 'the neighbours 21, 23, 2221 and 2223, 22 over SCTP, and a port named sshd',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 21}
    - {containerPort: 23}
    - {containerPort: 2221}
    - {containerPort: 2223}
    - {containerPort: 22, protocol: SCTP}
    - {containerPort: 8022, name: sshd}
`,
    },
  ],
  invalid: [
    {
      name: '22, 2222 and a port named ssh in a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: bastion}
spec:
  template:
    spec:
      containers:
      - name: sshd
        image: linuxserver/openssh-server:9.7
        ports:
        - {containerPort: 22}
        - {containerPort: 2222, protocol: TCP}
      - name: alt
        image: sshd:1
        ports:
        - {name: SSH, containerPort: 8022}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].ports[0].containerPort',
          message: 'container "sshd" exposes SSH port 22 (ports[0].containerPort)',
          container: 'sshd',
        },
        {
          path: 'spec.template.spec.containers[0].ports[1].containerPort',
          message: 'container "sshd" exposes SSH port 2222 (ports[1].containerPort)',
          container: 'sshd',
        },
        {
          path: 'spec.template.spec.containers[1].ports[0]',
          message: 'container "alt" exposes a port named "ssh" (ports[0])',
          container: 'alt',
        },
      ],
    },
    {
      name: 'a port named SSH in capitals, and 22 with the protocol TCP written out',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 8022, name: SSH}
    - {containerPort: 22, protocol: TCP}
`,
      findings: [
        {
          path: 'spec.containers[0].ports[0]',
          message: 'container "app" exposes a port named "ssh" (ports[0])',
          container: 'app',
        },
        {
          path: 'spec.containers[0].ports[1].containerPort',
          message: 'container "app" exposes SSH port 22 (ports[1].containerPort)',
          container: 'app',
        },
      ],
    },
  ],
});
