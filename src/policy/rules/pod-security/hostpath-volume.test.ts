import { ruleTests } from '../../../../test/ruleTester.js';
import { hostpathVolume } from './hostpath-volume.js';

ruleTests(hostpathVolume, {
  valid: [
    {
      name: 'no hostPath volumes; volumes written as a string does not crash',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: cfg, configMap: {name: c}}
  - {name: scratch, emptyDir: {}}
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  volumes: hostPath
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'volumes reported by a more specific hostPath rule',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: etc, hostPath: {path: /etc}}
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: aws, hostPath: {path: /root/.aws}}
  - {name: data, hostPath: {path: /data}}
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: data, mountPath: /data}]
`,
    },
  ],
  invalid: [
    {
      name: 'a read-only data mount and an unmounted volume in a StatefulSet',
      yaml: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      volumes:
      - {name: data, hostPath: {path: /mnt/disks/ssd0/, type: Directory}}
      - {name: spare, hostPath: {path: /opt/spare}}
      containers:
      - name: db
        image: postgres:16
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql, readOnly: true}]
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath',
          message: 'volume "data" mounts host path /mnt/disks/ssd0',
        },
        {
          path: 'spec.template.spec.volumes[1].hostPath',
          message: 'volume "spare" mounts host path /opt/spare',
        },
      ],
    },
    {
      name: 'a Windows host path is shown as written',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  volumes: [{name: logs, hostPath: {path: 'C:\\var\\log'}}]
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    volumeMounts: [{name: logs, mountPath: 'C:\\logs', readOnly: true}]
`,
      findings: [
        {
          path: 'spec.volumes[0].hostPath',
          message: 'volume "logs" mounts host path "C:\\\\var\\\\log"',
        },
      ],
    },
  ],
});
