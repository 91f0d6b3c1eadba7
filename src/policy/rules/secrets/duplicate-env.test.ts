import { ruleTests } from '../../../../test/ruleTester.js';
import { duplicateEnv } from './duplicate-env.js';

ruleTests(duplicateEnv, {
  valid: [
    {
      name: 'distinct names; the same name in two containers; env overriding envFrom',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: busybox:1.36, env: [{name: A, value: "1"}]}]
  containers:
  - name: app
    image: app:1
    envFrom: [{configMapRef: {name: cfg}}]
    env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: b, value: "3"}]
`,
    },
    {
      name: 'names that differ by a trailing space or an underscore, and an entry without a name between equal-looking ones',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    env: [{name: A, value: "1"}, {value: "2"}, {name: "A ", value: "3"}, {name: A_, value: "4"}]
`,
    },
  ],
  invalid: [
    {
      name: 'a literal silently replaces a secret reference',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    env:
    - name: DB_PASSWORD
      valueFrom: {secretKeyRef: {name: db, key: password}}
    - {name: MODE, value: prod}
    - {name: DB_PASSWORD, value: ""}
    - {name: DB_PASSWORD, value: x}
`,
      findings: [
        {
          path: 'spec.containers[0].env[2].name',
          message:
            'container "app" defines env "DB_PASSWORD" again at env[2] (first at env[0]); only the last definition takes effect',
          container: 'app',
        },
        {
          path: 'spec.containers[0].env[3].name',
          message:
            'container "app" defines env "DB_PASSWORD" again at env[3] (first at env[0]); only the last definition takes effect',
          container: 'app',
        },
      ],
    },
    {
      name: 'a repeat right after the first, in an init container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    env: [{name: A, value: "1"}, {name: A, value: "2"}]
  containers: [{name: app, image: app:1}]
`,
      findings: [
        {
          path: 'spec.initContainers[0].env[1].name',
          message:
            'container "init" defines env "A" again at env[1] (first at env[0]); only the last definition takes effect',
          container: 'init',
        },
      ],
    },
  ],
});
