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
  ],
});
