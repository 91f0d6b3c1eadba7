import { ruleTests } from '../../../../test/ruleTester.js';
import { pssCapabilities } from './pss-capabilities.js';

const BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;
const RESTRICTED_121 = {
  pss: { level: 'restricted', version: 'v1.21', explicit: true, checkUnlabelled: true },
} as const;

const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      capabilities: {add: [CHOWN, SYS_ADMIN, CAP_NET_RAW], drop: [ALL]}
`;

ruleTests(pssCapabilities, {
  valid: [
    {
      name: 'default capabilities only',
      settings: BASELINE,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: nginx, securityContext: {capabilities: {add: [NET_BIND_SERVICE, CHOWN], drop: [NET_RAW]}}}
`,
    },
    {
      name: 'at restricted from v1.22 the restricted capabilities check replaces it',
      yaml: pod,
    },
  ],
  invalid: [
    {
      name: 'non-default capabilities, exact and case-sensitive (CAP_ prefix fails)',
      settings: BASELINE,
      yaml: pod,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
          message:
            'violates PodSecurity "baseline:latest": non-default capabilities (container "app" must not include "CAP_NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add) [level from --pss or config]',
          container: 'app',
        },
      ],
    },
    {
      name: 'at restricted before v1.22 the baseline check still applies',
      settings: RESTRICTED_121,
      yaml: pod,
      findings: [
        {
          path: 'spec.containers[0].securityContext.capabilities.add[1]',
          message: /^violates PodSecurity "restricted:v1\.21": non-default capabilities \(/,
          container: 'app',
        },
      ],
    },
  ],
});
