import { ruleTests } from '../../../../test/ruleTester.js';
import { pssRunAsUser } from './pss-run-as-user.js';

const V122 = {
  pss: { level: 'restricted', version: 'v1.22', explicit: true, checkUnlabelled: true },
} as const;

const root = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 0}
  containers: [{name: a, image: nginx, securityContext: {runAsUser: 0}}, {name: b, image: nginx, securityContext: {runAsUser: 1000}}]
`;

ruleTests(pssRunAsUser, {
  valid: [
    { name: 'the check starts at v1.23', settings: V122, yaml: root },
    {
      name: 'user-namespaced pods are exempt from v1.35',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsUser: 0}
  containers: [{name: a, image: nginx}]
`,
    },
    {
      name: 'UID 1, the first non-root UID, on the pod and a container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 1}
  containers: [{name: a, image: nginx, securityContext: {runAsUser: 1}}]
`,
    },
  ],
  invalid: [
    {
      name: 'runAsUser 0 on pod and a container',
      yaml: root,
      findings: [
        {
          path: 'spec.securityContext.runAsUser',
          message:
            'violates PodSecurity "restricted:latest": runAsUser=0 (pod must not set runAsUser=0) [default level]',
        },
        {
          path: 'spec.containers[0].securityContext.runAsUser',
          message:
            'violates PodSecurity "restricted:latest": runAsUser=0 (container "a" must not set runAsUser=0) [default level]',
          container: 'a',
        },
      ],
    },
    {
      name: 'at v1.34 a user-namespaced pod is not yet exempt',
      settings: { pss: { level: 'restricted', version: 'v1.34', explicit: true, checkUnlabelled: true } },
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsUser: 0}
  containers: [{name: a, image: nginx}]
`,
      findings: [
        {
          path: 'spec.securityContext.runAsUser',
          message:
            'violates PodSecurity "restricted:v1.34": runAsUser=0 (pod must not set runAsUser=0) [level from --pss or config]',
        },
      ],
    },
  ],
});
