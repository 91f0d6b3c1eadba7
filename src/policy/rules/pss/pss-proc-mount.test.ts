import { ruleTests } from '../../../../test/ruleTester.js';
import { pssProcMount } from './pss-proc-mount.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;

const userNamespaced = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  containers: [{name: app, image: nginx, securityContext: {procMount: Unmasked}}]
`;

ruleTests(pssProcMount, {
  valid: [
    {
      name: 'Default procMount',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx, securityContext: {procMount: Default}}]
`,
    },
    {
      name: 'baseline allows Unmasked in a user-namespaced pod from v1.35',
      settings: BASELINE,
      yaml: userNamespaced,
    },
  ],
  invalid: [
    {
      name: 'restricted has no user-namespace exemption',
      yaml: userNamespaced,
      findings: [
        {
          path: 'spec.containers[0].securityContext.procMount',
          message:
            'violates PodSecurity "restricted:latest": procMount (container "app" must not set securityContext.procMount to "Unmasked") [default level]',
          container: 'app',
        },
      ],
    },
    {
      name: 'baseline rejects Unmasked without a user namespace',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx, securityContext: {procMount: Unmasked}}]
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.procMount',
          message:
            'violates PodSecurity "baseline:latest": procMount (container "app" must not set securityContext.procMount to "Unmasked") [level from --pss or config]',
          container: 'app',
        },
      ],
    },
  ],
});
