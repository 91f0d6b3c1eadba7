import { ruleTests } from '../../../../test/ruleTester.js';
import { rootGroup } from './root-group.js';

ruleTests(rootGroup, {
  valid: [
    {
      name: 'non-zero groups everywhere',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002]}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a container runAsGroup overrides the pod-level 0',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsGroup: 0}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsGroup: 3000}
`,
    },
    {
      name: 'user-namespaced pods are exempt',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsGroup: 0, fsGroup: 0}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'supplementalGroups written as a scalar does not crash',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {supplementalGroups: 0}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'supplementalGroups, fsGroup and an inherited runAsGroup in a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      securityContext:
        runAsGroup: 0
        fsGroup: 0
        supplementalGroups: [1000, 0]
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
      - name: db
        image: postgres:16
        securityContext: {runAsGroup: 999}
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.supplementalGroups[1]',
          message: 'pod adds the root group to every container (supplementalGroups[1]: 0)',
        },
        {
          path: 'spec.template.spec.securityContext.fsGroup',
          message: 'pod volumes are owned by the root group (fsGroup: 0)',
        },
        {
          path: 'spec.template.spec.securityContext.runAsGroup',
          message: 'container "init" runs with the root group (runAsGroup: 0 in the pod securityContext)',
          container: 'init',
        },
      ],
    },
    {
      name: 'container-level runAsGroup 0 on an ephemeral container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext: {runAsGroup: 0}
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.runAsGroup',
          message: 'container "debug" runs with the root group (runAsGroup: 0)',
          container: 'debug',
        },
      ],
    },
  ],
});
