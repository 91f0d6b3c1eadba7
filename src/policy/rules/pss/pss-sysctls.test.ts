import { ruleTests } from '../../../../test/ruleTester.js';
import { pssSysctls } from './pss-sysctls.js';

const V136 = { pss: { level: 'baseline', version: 'v1.36', explicit: true, checkUnlabelled: true } } as const;

const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls:
    - {name: net.ipv4.tcp_syncookies, value: "1"}
    - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
  containers: [{name: app, image: nginx}]
`;

ruleTests(pssSysctls, {
  valid: [{ name: 'safe sysctls at latest (tcp_notsent_lowat is safe from v1.37)', yaml: pod }],
  invalid: [
    {
      name: 'a sysctl that became safe later',
      settings: V136,
      yaml: pod,
      findings: [
        {
          path: 'spec.securityContext.sysctls[1].name',
          message:
            'violates PodSecurity "baseline:v1.36": forbidden sysctls (net.ipv4.tcp_notsent_lowat) [level from --pss or config]',
        },
      ],
    },
    {
      name: 'unsafe sysctls, listed as written',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    sysctls:
    - {name: kernel.msgmax, value: "65536"}
    - {name: vm.swappiness, value: "0"}
  containers: [{name: app, image: nginx}]
`,
      findings: [
        {
          path: 'spec.securityContext.sysctls[0].name',
          message:
            'violates PodSecurity "restricted:latest": forbidden sysctls (kernel.msgmax, vm.swappiness) [default level]',
        },
      ],
    },
  ],
});
