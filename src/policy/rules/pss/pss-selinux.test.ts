import { ruleTests } from '../../../../test/ruleTester.js';
import { pssSelinux } from './pss-selinux.js';

const V130 = { pss: { level: 'baseline', version: 'v1.30', explicit: true, checkUnlabelled: true } } as const;

ruleTests(pssSelinux, {
  valid: [
    {
      name: 'container types and an MCS level',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seLinuxOptions: {level: "s0:c123,c456"}}
  containers:
  - {name: app, image: nginx, securityContext: {seLinuxOptions: {type: container_init_t}}}
  - {name: engine, image: podman, securityContext: {seLinuxOptions: {type: container_engine_t}}}
`,
    },
  ],
  invalid: [
    {
      name: 'spc_t at pod level, a user on a container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seLinuxOptions: {type: spc_t}}
  containers:
  - {name: app, image: nginx, securityContext: {seLinuxOptions: {user: system_u}}}
`,
      findings: [
        {
          path: 'spec.securityContext.seLinuxOptions.type',
          message:
            'violates PodSecurity "restricted:latest": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t") [default level]',
        },
        {
          path: 'spec.containers[0].securityContext.seLinuxOptions.user',
          message:
            'violates PodSecurity "restricted:latest": seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: user may not be set) [default level]',
          container: 'app',
        },
      ],
    },
    {
      name: 'container_engine_t before v1.31',
      settings: V130,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: engine, image: podman, securityContext: {seLinuxOptions: {type: container_engine_t}}}
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.seLinuxOptions.type',
          message:
            'violates PodSecurity "baseline:v1.30": seLinuxOptions (container "engine" set forbidden securityContext.seLinuxOptions: type "container_engine_t") [level from --pss or config]',
          container: 'engine',
        },
      ],
    },
  ],
});
