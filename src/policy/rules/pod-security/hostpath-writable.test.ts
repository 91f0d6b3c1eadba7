import { ruleTests } from '../../../../test/ruleTester.js';
import { hostpathWritable } from './hostpath-writable.js';

ruleTests(hostpathWritable, {
  valid: [
    {
      name: 'read-only mounts (YAML 1.1 "yes" included) and non-hostPath volumes',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: data, hostPath: {path: /data}}
  - {name: scratch, emptyDir: {}}
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data, readOnly: yes}
    - {name: scratch, mountPath: /tmp}
`,
    },
    {
      name: 'read-write mounts of classified paths are reported by the classifying rule; volumeMounts as a string does not crash',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: etc, hostPath: {path: /etc}}
  - {name: sock, hostPath: {path: /run/containerd/containerd.sock}}
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - {name: etc, mountPath: /host/etc}
    - {name: sock, mountPath: /run/containerd/containerd.sock}
  - name: odd
    image: nginx:1.27
    volumeMounts: etc
`,
    },
  ],
  invalid: [
    {
      name: 'read-write mounts in a regular, an init and an ephemeral container; readOnly "true" as a string is not read-only',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: data, hostPath: {path: /data/}}
  - {name: root, hostPath: {path: /}}
  initContainers:
  - name: init
    image: busybox:1.36
    volumeMounts: [{name: root, mountPath: /cache, subPath: var/cache/app}]
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data, readOnly: false}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    volumeMounts: [{name: data, mountPath: /data, readOnly: "true"}]
`,
      findings: [
        {
          path: 'spec.containers[0].volumeMounts[0]',
          message: 'container "app" mounts host path /data read-write (volume "data")',
          container: 'app',
        },
        {
          path: 'spec.ephemeralContainers[0].volumeMounts[0]',
          message: 'container "debug" mounts host path /data read-write (volume "data")',
          container: 'debug',
        },
        {
          path: 'spec.initContainers[0].volumeMounts[0]',
          message: 'container "init" mounts host path /var/cache/app read-write (volume "root")',
          container: 'init',
        },
      ],
    },
    {
      name: 'a read-write mount in a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          volumes: [{name: backups, hostPath: {path: /srv/backups, type: DirectoryOrCreate}}]
          containers:
          - name: dump
            image: postgres:16
            volumeMounts: [{name: backups, mountPath: /out}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0]',
          message: 'container "dump" mounts host path /srv/backups read-write (volume "backups")',
          container: 'dump',
        },
      ],
    },
  ],
});
