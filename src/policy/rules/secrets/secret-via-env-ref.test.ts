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
  ],
});
