import { ruleTests } from '../../../../test/ruleTester.js';
import { pssHostProbesLifecycle } from './pss-host-probes-lifecycle.js';

const V133 = { pss: { level: 'baseline', version: 'v1.33', explicit: true, checkUnlabelled: true } } as const;

const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {httpGet: {host: 169.254.169.254, port: 80, path: /}}
    lifecycle:
      preStop: {tcpSocket: {host: db.internal, port: 5432}}
  - name: ok
    image: nginx
    readinessProbe: {httpGet: {host: "", port: 80}}
`;

ruleTests(pssHostProbesLifecycle, {
  valid: [
    {
      name: 'empty host targets the pod',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx, startupProbe: {tcpSocket: {port: 80}}, readinessProbe: {httpGet: {host: "", port: 80}}}
`,
    },
    { name: 'the check starts at v1.34', settings: V133, yaml: pod },
    {
      name: 'exec and grpc handlers have no host, and a Host header is not the host field',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [true]}}
    readinessProbe: {grpc: {port: 9090}}
    startupProbe: {httpGet: {port: 80, httpHeaders: [{name: Host, value: 169.254.169.254}]}}
    lifecycle:
      postStart: {exec: {command: [true]}}
`,
    },
  ],
  invalid: [
    {
      name: 'probe and lifecycle hosts',
      yaml: pod,
      findings: [
        {
          path: 'spec.containers[0].livenessProbe.httpGet.host',
          message:
            'violates PodSecurity "restricted:latest": probe or lifecycle host (container "app" uses probe or lifecycle hosts "169.254.169.254", "db.internal") [default level]',
          container: 'app',
        },
      ],
    },
    {
      name: 'from v1.34, the first version with the check: a postStart tcpSocket host',
      settings: { pss: { level: 'baseline', version: 'v1.34', explicit: true, checkUnlabelled: true } },
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx
    lifecycle:
      postStart: {tcpSocket: {host: 10.0.0.1, port: 22}}
`,
      findings: [
        {
          path: 'spec.containers[0].lifecycle.postStart.tcpSocket.host',
          message:
            'violates PodSecurity "baseline:v1.34": probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1") [level from --pss or config]',
          container: 'app',
        },
      ],
    },
  ],
});
