import { ruleTests } from '../../../../test/ruleTester.js';
import { selinuxCustom } from './selinux-custom.js';

ruleTests(selinuxCustom, {
  valid: [
    {
      name: 'allowed types, an MCS level, and no options',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seLinuxOptions: {level: "s0:c123,c456"}
  containers:
  - name: a
    image: nginx:1.27
  - name: b
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_init_t}
  - name: c
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_engine_t, user: ""}
`,
    },
    {
      name: 'a pod-level spc_t that every container overrides is not what any container runs with',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seLinuxOptions: {type: spc_t}
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seLinuxOptions: {type: container_t}
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level spc_t inherited, container user and role',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions: {type: spc_t}
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          seLinuxOptions: {user: system_u, role: system_r, type: container_t}
`,
      findings: [
        {
          path: 'spec.template.spec.securityContext.seLinuxOptions.type',
          message:
            'container "init" runs with a custom SELinux label (type "spc_t" in the pod securityContext)',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].securityContext.seLinuxOptions.user',
          message: 'container "app" runs with a custom SELinux label (user "system_u", role "system_r")',
          container: 'app',
        },
      ],
    },
    {
      name: 'type compared exactly (Container_t is not container_t)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      seLinuxOptions: {type: Container_t}
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].securityContext.seLinuxOptions.type',
          message: 'container "debug" runs with a custom SELinux label (type "Container_t")',
          container: 'debug',
        },
      ],
    },
  ],
});
