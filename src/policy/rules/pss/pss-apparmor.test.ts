import { ruleTests } from '../../../../test/ruleTester.js';
import { pssApparmor } from './pss-apparmor.js';

ruleTests(pssApparmor, {
  valid: [
    {
      name: 'runtime default and localhost profiles, fields and annotations',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-nginx
    container.apparmor.security.beta.kubernetes.io/side: runtime/default
spec:
  securityContext: {appArmorProfile: {type: RuntimeDefault}}
  containers:
  - {name: app, image: nginx, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}}}
`,
    },
    {
      name: 'an empty annotation value, and unconfined under keys outside the container.apparmor… prefix',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: ""
    apparmor.security.beta.kubernetes.io/app: unconfined
    container.apparmor.security.beta.kubernetes.io.example/app: unconfined
spec:
  containers: [{name: app, image: nginx}]
`,
    },
  ],
  invalid: [
    {
      name: 'Unconfined field on a container and an unconfined annotation on the template',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/side: unconfined
    spec:
      containers:
      - {name: app, image: nginx, securityContext: {appArmorProfile: {type: Unconfined}}}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].securityContext.appArmorProfile.type',
          message:
            'violates PodSecurity "restricted:latest": forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined") [default level]',
          container: 'app',
        },
        {
          path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/side"]',
          message:
            'violates PodSecurity "restricted:latest": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/side="unconfined"") [default level]',
        },
      ],
    },
    {
      name: 'the type is compared exactly: runtimedefault in lower case on the pod is forbidden',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {appArmorProfile: {type: runtimedefault}}
  containers: [{name: app, image: nginx}]
`,
      findings: [
        {
          path: 'spec.securityContext.appArmorProfile.type',
          message:
            'violates PodSecurity "restricted:latest": forbidden AppArmor profile (pod must not set AppArmor profile type to "runtimedefault") [default level]',
        },
      ],
    },
  ],
});
