import { ruleTests } from '../../../../test/ruleTester.js';
import { sudoInEntrypoint } from './sudo-in-entrypoint.js';

ruleTests(sudoInEntrypoint, {
  valid: [
    {
      name: 'words that contain sudo but do not run it',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: alpine:3.20
    command: [sh, -c]
    args: ["cat /etc/sudoers.d/app; visudo -c; echo pseudo; ls /etc/sudo.conf"]
`,
    },
    {
      name: 'command written as a string does not crash',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: alpine:3.20
    command: "sudo /start"
`,
    },
    {
      name: 'sudo glued to other characters is another word: sudo-wrapper, sudo.sh, mysudo, SUDO in capitals',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: alpine:3.20
    command: [sudo-wrapper, sudo.sh, mysudo, SUDO, /opt/sudo-tools/run]
`,
    },
  ],
  invalid: [
    {
      name: 'sudo as the command, in a shell string, and as a path; first hit per container',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: alpine:3.20
        command: [/usr/bin/sudo, chown, "1000", /data]
      containers:
      - name: app
        image: alpine:3.20
        command: [sh, -c]
        args: ["apk add curl && sudo -u app /start.sh --with-a-very-long-list-of-flags --and-more-flags", "sudo again"]
      - name: side
        image: alpine:3.20
        args: [sudo, -E, /side]
`,
      findings: [
        {
          path: 'spec.template.spec.initContainers[0].command[0]',
          message: 'container "init" runs sudo (command[0]: "/usr/bin/sudo")',
          container: 'init',
        },
        {
          path: 'spec.template.spec.containers[0].args[0]',
          message:
            'container "app" runs sudo (args[0]: "apk add curl && sudo -u app /start.sh --with-a-very-long-...")',
          container: 'app',
        },
        {
          path: 'spec.template.spec.containers[1].args[0]',
          message: 'container "side" runs sudo (args[0]: "sudo")',
          container: 'side',
        },
      ],
    },
    {
      name: 'sudo right after a shell operator or a parenthesis, without spaces',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: alpine:3.20
    args: ["echo ok;sudo id"]
  - name: b
    image: alpine:3.20
    args: ["(sudo id)"]
`,
      findings: [
        {
          path: 'spec.containers[0].args[0]',
          message: 'container "a" runs sudo (args[0]: "echo ok;sudo id")',
          container: 'a',
        },
        {
          path: 'spec.containers[1].args[0]',
          message: 'container "b" runs sudo (args[0]: "(sudo id)")',
          container: 'b',
        },
      ],
    },
  ],
});
