import { ruleTests } from '../../../../test/ruleTester.js';
import { runtimeSocketMount } from './runtime-socket-mount.js';

ruleTests(runtimeSocketMount, {
  valid: [
    {
      name: 'Docker storage and a data directory are not the socket',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: storage, hostPath: {path: /var/lib/docker}}
  - {name: data, hostPath: {path: /data}}
  - {name: flannel, hostPath: {path: /run/flannel}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'a volume of / mounted only through a subPath elsewhere',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: root, hostPath: {path: /}}]
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts: [{name: root, mountPath: /data, subPath: srv/data}]
`,
    },
  ],
  invalid: [
    {
      name: 'docker.sock mounted read-only is still the socket',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ci}
spec:
  template:
    spec:
      volumes:
      - name: docker
        hostPath: {path: /var/run/docker.sock, type: Socket}
      containers:
      - name: runner
        image: runner:1
        volumeMounts: [{name: docker, mountPath: /var/run/docker.sock, readOnly: true}]
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath.path',
          message: 'volume "docker" mounts host path /var/run/docker.sock (the Docker API socket)',
        },
      ],
    },
    {
      name: 'containerd state directory with a trailing slash, and the host root, in a DaemonSet',
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      volumes:
      - {name: containerd, hostPath: {path: /run/containerd/}}
      - {name: host, hostPath: {path: /}}
      containers:
      - name: agent
        image: agent:1
        volumeMounts:
        - {name: containerd, mountPath: /run/containerd}
        - {name: host, mountPath: /host, readOnly: true}
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath.path',
          message:
            'volume "containerd" mounts host path /run/containerd (the containerd state directory with its API socket)',
        },
        {
          path: 'spec.template.spec.volumes[1].hostPath.path',
          message: 'volume "host" mounts host path / (the whole host filesystem, runtime sockets included)',
        },
      ],
    },
    {
      name: 'a subPath into /var reaches the socket, in a CronJob init container',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          volumes: [{name: var, hostPath: {path: /var}}]
          initContainers:
          - name: init
            image: docker:27
            volumeMounts: [{name: var, mountPath: /var/run/docker.sock, subPath: run/docker.sock}]
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].volumeMounts[0].subPath',
          message:
            'container "init" mounts host path /var/run/docker.sock (the Docker API socket) through volume "var"',
          container: 'init',
        },
      ],
    },
  ],
});
