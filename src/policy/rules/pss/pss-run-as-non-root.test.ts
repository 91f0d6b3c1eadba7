import { ruleTests } from '../../../../test/ruleTester.js';
import { pssRunAsNonRoot } from './pss-run-as-non-root.js';

const V134 = {
  pss: { level: 'restricted', version: 'v1.34', explicit: true, checkUnlabelled: true },
} as const;

const userNamespaced = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  containers: [{name: app, image: nginx}]
`;

ruleTests(pssRunAsNonRoot, {
  valid: [
    {
      name: 'pod-level true covers containers that set nothing',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: a, image: nginx}, {name: b, image: nginx, securityContext: {runAsNonRoot: true}}]
`,
    },
    { name: 'user-namespaced pods pass from v1.35', yaml: userNamespaced },
  ],
  invalid: [
    {
      name: 'a non-zero runAsUser does not count',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1000}
  containers: [{name: a, image: nginx}]
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsNonRoot',
          message:
            'violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true) [default level]',
          container: 'a',
        },
      ],
    },
    {
      name: 'explicit false: pod and container findings',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsNonRoot: false}
  containers: [{name: a, image: nginx, securityContext: {runAsNonRoot: false}}, {name: b, image: nginx}]
`,
      findings: [
        {
          path: 'spec.securityContext.runAsNonRoot',
          message:
            'violates PodSecurity "restricted:latest": runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false) [default level]',
        },
        {
          path: 'spec.containers[0].securityContext.runAsNonRoot',
          message:
            'violates PodSecurity "restricted:latest": runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false) [default level]',
          container: 'a',
        },
      ],
    },
    {
      name: 'no user-namespace relaxation before v1.35',
      settings: V134,
      yaml: userNamespaced,
      findings: [
        {
          path: 'spec.containers[0].securityContext.runAsNonRoot',
          message: /^violates PodSecurity "restricted:v1\.34": runAsNonRoot != true/,
          container: 'app',
        },
      ],
    },
  ],
});
