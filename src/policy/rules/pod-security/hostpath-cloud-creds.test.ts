import { ruleTests } from '../../../../test/ruleTester.js';
import { hostpathCloudCreds } from './hostpath-cloud-creds.js';

ruleTests(hostpathCloudCreds, {
  valid: [
    {
      name: "directories that contain credentials are hostpath-sensitive's; look-alike names are not credentials",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: home, hostPath: {path: /home}}
  - {name: k8s, hostPath: {path: /etc/kubernetes}}
  - {name: data, hostPath: {path: /data/aws}}
  - {name: cfg, hostPath: {path: /srv/.config/app}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'AWS credentials mounted read-write by an init container, and azure.json',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      volumes:
      - {name: aws, hostPath: {path: /home/ops/.aws/}}
      - {name: azure, hostPath: {path: /etc/kubernetes/azure.json, type: File}}
      initContainers:
      - name: sync
        image: amazon/aws-cli:2
        volumeMounts: [{name: aws, mountPath: /root/.aws}]
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts: [{name: azure, mountPath: /etc/azure.json, readOnly: true}]
`,
      findings: [
        {
          path: 'spec.template.spec.volumes[0].hostPath.path',
          message:
            'volume "aws" mounts host path /home/ops/.aws with AWS credentials, read-write in container "sync"',
        },
        {
          path: 'spec.template.spec.volumes[1].hostPath.path',
          message:
            'volume "azure" mounts host path /etc/kubernetes/azure.json with the Azure cloud-provider config with the cluster\'s service-principal secret',
        },
      ],
    },
    {
      name: 'a subPath that reaches gcloud credentials under an ordinary directory',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: srv, hostPath: {path: /srv/ops}}]
  containers:
  - name: app
    image: google/cloud-sdk:480.0.0
    volumeMounts: [{name: srv, mountPath: /gcloud, subPath: .config/gcloud, readOnly: true}]
`,
      findings: [
        {
          path: 'spec.containers[0].volumeMounts[0].subPath',
          message:
            'container "app" mounts host path /srv/ops/.config/gcloud with Google Cloud SDK credentials through volume "srv"',
          container: 'app',
        },
      ],
    },
  ],
});
