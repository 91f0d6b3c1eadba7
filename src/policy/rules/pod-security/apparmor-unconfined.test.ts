import { ruleTests } from '../../../../test/ruleTester.js';
import { apparmorUnconfined } from './apparmor-unconfined.js';

ruleTests(apparmorUnconfined, {
  valid: [
    {
      name: 'unset, RuntimeDefault, and Localhost via annotation',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/c: localhost/k8s-apparmor-example
spec:
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: RuntimeDefault}
  - name: c
    image: nginx:1.27
`,
    },
    {
      name: 'the container annotation beats an Unconfined pod field',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  securityContext:
    appArmorProfile: {type: Unconfined}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod field inherited, container field, and the annotation on a StatefulSet template',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/c: unconfined
    spec:
      securityContext:
        appArmorProfile: {type: Unconfined}
      containers:
      - name: a
        image: nginx:1.27
      - name: b
        image: nginx:1.27
        securityContext:
          appArmorProfile: {type: Unconfined}
      - name: c
        image: nginx:1.27
        securityContext:
          seccompProfile: {type: RuntimeDefault}
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.appArmorProfile.type',
          message:
            'container "a" runs without AppArmor confinement (appArmorProfile.type: Unconfined in the pod securityContext)',
          container: 'a',
        },
        {
          path: 'spec.template.spec.containers[1].securityContext.appArmorProfile.type',
          message:
            'container "b" runs without AppArmor confinement (appArmorProfile.type: Unconfined in the container securityContext)',
          container: 'b',
        },
        {
          path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]',
          message:
            'container "c" runs without AppArmor confinement (annotation container.apparmor.security.beta.kubernetes.io/c: unconfined)',
          container: 'c',
        },
      ],
    },
    {
      name: 'an ephemeral container named in the annotation',
      yaml: `
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/debug: unconfined
spec:
  containers: [{name: app, image: nginx:1.27}]
  ephemeralContainers: [{name: debug, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/debug"]',
          message:
            'container "debug" runs without AppArmor confinement (annotation container.apparmor.security.beta.kubernetes.io/debug: unconfined)',
          container: 'debug',
        },
      ],
    },
  ],
});
