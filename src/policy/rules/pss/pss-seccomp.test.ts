import { ruleTests } from '../../../../test/ruleTester.js';
import { pssSeccomp } from './pss-seccomp.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;
const BASELINE_118 = {
  pss: { level: 'baseline', version: 'v1.18', explicit: true, checkUnlabelled: true },
} as const;

ruleTests(pssSeccomp, {
  valid: [
    {
      name: 'pod-level RuntimeDefault covers every container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seccompProfile: {type: RuntimeDefault}}
  containers:
  - {name: a, image: nginx}
  - {name: b, image: nginx, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}
`,
    },
    {
      name: 'baseline accepts an unset profile',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: a, image: nginx}]
`,
    },
  ],
  invalid: [
    {
      name: 'restricted: containers without a profile and no pod-level one',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx}
  - {name: b, image: nginx, securityContext: {seccompProfile: {type: RuntimeDefault}}}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.seccompProfile.type',
          message:
            'violates PodSecurity "restricted:latest": seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost") [default level]',
          container: 'a',
        },
      ],
    },
    {
      name: 'an Unconfined pod profile is not excused by valid container profiles',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seccompProfile: {type: Unconfined}}
  containers:
  - {name: a, image: nginx, securityContext: {seccompProfile: {type: RuntimeDefault}}}
`,
      findings: [
        {
          path: 'spec.securityContext.seccompProfile.type',
          message:
            'violates PodSecurity "restricted:latest": seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined") [default level]',
        },
      ],
    },
    {
      name: 'baseline before v1.19 reads the alpha annotations',
      settings: BASELINE_118,
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.seccomp.security.alpha.kubernetes.io/a: unconfined
    container.seccomp.security.alpha.kubernetes.io/not-a-container: unconfined
spec:
  containers: [{name: a, image: nginx}]
`,
      findings: [
        {
          path: 'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/a"]',
          message:
            'violates PodSecurity "baseline:v1.18": seccompProfile (forbidden annotation container.seccomp.security.alpha.kubernetes.io/a="unconfined") [level from --pss or config]',
          container: 'a',
        },
      ],
    },
  ],
});
