import { ruleTests } from '../../../../test/ruleTester.js';
import { hostpathSensitive } from './hostpath-sensitive.js';

ruleTests(hostpathSensitive, {
  valid: [
    {
      name: 'harmless files below /etc and /usr, a data directory',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: tz, hostPath: {path: /etc/localtime, type: File}}
  - {name: zoneinfo, hostPath: {path: /usr/share/zoneinfo}}
  - {name: data, hostPath: {path: /data}}
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: tz, mountPath: /etc/localtime, readOnly: true}]
`,
    },
    {
      name: 'the runtime socket and credential paths belong to their own rules',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: root, hostPath: {path: /}}
  - {name: aws, hostPath: {path: /root/.aws}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: '/etc/ normalised and mounted read-write; /var contains the kubelet directory',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      volumes:
      - {name: etc, hostPath: {path: /etc/}}
      - {name: var, hostPath: {path: /var}}
      initContainers:
      - name: init
        image: busybox:1.36
        volumeMounts: [{name: etc, mountPath: /host/etc}]
      containers:
      - name: agent
        image: agent:1
        volumeMounts:
        - {name: etc, mountPath: /host/etc, readOnly: false}
        - {name: var, mountPath: /host/var, readOnly: yes}
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath.path',
          message:
            'volume "etc" mounts sensitive host path /etc (host configuration), read-write in containers "init", "agent"',
        },
        {
          path: 'spec.template.spec.volumes[1].hostPath.path',
          message:
            'volume "var" mounts sensitive host path /var (contains /var/lib/kubelet: kubelet state: every pod\'s secrets and service-account tokens)',
        },
      ],
    },
    {
      name: 'a subPath of / that reaches /etc/kubernetes, from an ephemeral container',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: root, hostPath: {path: /}}]
  containers: [{name: app, image: nginx:1.27}]
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    volumeMounts: [{name: root, mountPath: /k, subPath: etc/kubernetes}]
`,
      findings: [
        {
          path: 'spec.ephemeralContainers[0].volumeMounts[0].subPath',
          message:
            'container "debug" mounts sensitive host path /etc/kubernetes (kubelet and control-plane kubeconfigs and PKI) through volume "root", read-write',
          container: 'debug',
        },
      ],
    },
    {
      name: 'anything under /proc and /dev',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: p1, hostPath: {path: /proc/1/root}}
  - {name: mem, hostPath: {path: //dev/./mem}}
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [
        {
          path: 'spec.volumes[0].hostPath.path',
          message:
            'volume "p1" mounts sensitive host path /proc/1/root (host processes\' memory and environment, kernel interfaces)',
        },
        {
          path: 'spec.volumes[1].hostPath.path',
          message: 'volume "mem" mounts sensitive host path /dev/mem (host devices: raw disks and memory)',
        },
      ],
    },
  ],
});
