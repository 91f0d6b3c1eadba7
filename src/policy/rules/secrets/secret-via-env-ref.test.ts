import { ruleTests } from '../../../../test/ruleTester.js';
import { secretViaEnvRef } from './secret-via-env-ref.js';

ruleTests(secretViaEnvRef, {
  valid: [
    {
      name: 'a Secret mounted as a file; a ConfigMap in env',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: db, secret: {secretName: db}}]
  containers:
  - name: app
    image: app:1
    volumeMounts: [{name: db, mountPath: /run/db, readOnly: true}]
    env: [{name: MODE, valueFrom: {configMapKeyRef: {name: cfg, key: mode}}}]
    envFrom: [{configMapRef: {name: cfg}}]
`,
    },
    {
      name: 'a null secretKeyRef, fieldRef and resourceFieldRef read no Secret',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    env:
    - {name: A, valueFrom: {secretKeyRef: null}}
    - {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: C, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
    envFrom: [{prefix: S_, secretRef: null}]
`,
    },
  ],
  invalid: [
    {
      name: 'secretKeyRef and envFrom secretRef',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - {name: MODE, value: prod}
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        envFrom:
        - configMapRef: {name: cfg}
        - secretRef: {name: api-keys}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef',
          message: 'container "app" reads key "password" of Secret "db" into env "DB_PASSWORD"',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[0].envFrom[1].secretRef',
          message: 'container "app" loads every key of Secret "api-keys" into its environment (envFrom[1])',
          container: 'app',
        },
      ],
    },
    {
      name: 'an incomplete reference still reads a Secret, in an init container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    env: [{name: PW, valueFrom: {secretKeyRef: {name: db}}}]
  containers: [{name: app, image: app:1}]
`,
      findings: [
        {
          path: 'spec.initContainers[0].env[0].valueFrom.secretKeyRef',
          message: 'container "init" reads key "?" of Secret "db" into env "PW"',
          container: 'init',
        },
      ],
    },
  ],
});
