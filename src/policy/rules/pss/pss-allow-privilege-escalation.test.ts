import { ruleTests } from '../../../../test/ruleTester.js';
import { pssAllowPrivilegeEscalation } from './pss-allow-privilege-escalation.js';

const EXPLICIT_BASELINE = {
  pss: { level: 'baseline', version: 'latest', explicit: true, checkUnlabelled: true },
} as const;
const EXPLICIT_RESTRICTED_124 = {
  pss: { level: 'restricted', version: 'v1.24', explicit: true, checkUnlabelled: true },
} as const;

const deployment = (namespace: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

ruleTests(pssAllowPrivilegeEscalation, {
  valid: [
    {
      name: 'every container sets allowPrivilegeEscalation: false',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: false}}
  containers:
  - {name: app, image: nginx, securityContext: {allowPrivilegeEscalation: false}}
`,
    },
    {
      name: 'YAML 1.1 "no" is false, as the API server reads it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      allowPrivilegeEscalation: no
`,
    },
    {
      name: 'the namespace label decides: baseline does not require it',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: baseline}
---${deployment('shop')}`,
    },
    {
      name: 'a privileged namespace gets no findings',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: system
  labels: {pod-security.kubernetes.io/enforce: privileged}
---${deployment('system')}`,
    },
    {
      name: 'the enforce-version label decides: before v1.8 the check does not exist',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.7
---${deployment('legacy')}`,
    },
    {
      name: 'an explicit --pss wins over a restricted namespace label',
      settings: EXPLICIT_BASELINE,
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
---${deployment('shop')}`,
    },
    {
      name: 'Windows pods are exempt from v1.25',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver}]
`,
    },
  ],
  invalid: [
    {
      name: 'default level: restricted:latest, one finding per container, init and ephemeral included',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: init, image: busybox}
  containers:
  - {name: app, image: nginx, securityContext: {allowPrivilegeEscalation: true}}
  - {name: ok, image: nginx, securityContext: {allowPrivilegeEscalation: false}}
  ephemeralContainers:
  - {name: debug, image: busybox}
`,
      findings: [
        {
          path: 'spec.initContainers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "init" must set securityContext.allowPrivilegeEscalation=false) [default level]',
          container: 'init',
        },
        {
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false) [default level]',
          container: 'app',
        },
        {
          path: 'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "debug" must set securityContext.allowPrivilegeEscalation=false) [default level]',
          container: 'debug',
        },
      ],
    },
    {
      name: 'the namespace label decides level and version',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.30
---${deployment('shop')}`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:v1.30": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false) [level from namespace label]',
          container: 'app',
        },
      ],
    },
    {
      name: 'an unparseable label is read as restricted:latest, and says so',
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: strict
    pod-security.kubernetes.io/enforce-version: "1.30"
---${deployment('shop')}`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false) [level from namespace label; enforce level "strict" read as restricted; enforce-version "1.30" read as latest]',
          container: 'app',
        },
      ],
    },
    {
      name: 'an explicit setting wins over a privileged namespace label',
      settings: EXPLICIT_RESTRICTED_124,
      yaml: `
apiVersion: v1
kind: Namespace
metadata:
  name: system
  labels: {pod-security.kubernetes.io/enforce: privileged}
---${deployment('system')}`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:v1.24": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false) [level from --pss or config]',
          container: 'app',
        },
      ],
    },
    {
      name: 'a Windows pod at v1.24 is not exempt yet',
      settings: EXPLICIT_RESTRICTED_124,
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver}]
`,
      findings: [
        {
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: /^violates PodSecurity "restricted:v1\.24": allowPrivilegeEscalation != false/,
          container: 'app',
        },
      ],
    },
    {
      name: 'CronJob pod template',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: busybox}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          message:
            'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "job" must set securityContext.allowPrivilegeEscalation=false) [default level]',
          container: 'job',
        },
      ],
    },
  ],
});
