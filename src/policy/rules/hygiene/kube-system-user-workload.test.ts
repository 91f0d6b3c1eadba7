import { ruleTests } from '../../../../test/ruleTester.js';
import { kubeSystemUserWorkload } from './kube-system-user-workload.js';

const ds = (name: string, ns: string, ...images: string[]) => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    spec:
      containers:
${images.map((img, i) => `      - {name: c${i}, image: "${img}"}`).join('\n')}
`;

ruleTests(kubeSystemUserWorkload, {
  valid: [
    {
      name: 'core, managed-cluster and CNI components',
      yaml: [
        ds('kube-proxy', 'kube-system', 'registry.k8s.io/kube-proxy:v1.30.2'),
        ds('aws-node', 'kube-system', '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.2'),
        ds(
          'cilium',
          'kube-system',
          'quay.io/cilium/cilium:v1.15.6',
          'quay.io/cilium/operator-generic:v1.15.6',
        ),
        ds('calico-node', 'kube-system', 'calico/node:v3.28.0'),
        ds('coredns', 'kube-system', 'coredns/coredns:1.11.1'),
        ds('azure-ip-masq', 'kube-system', 'mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.11'),
        ds('ebs', 'kube-system', 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.31.0'),
        ds('local-path', 'kube-system', 'rancher/local-path-provisioner:v0.0.28'),
      ].join('---'),
    },
    {
      name: 'user workloads in their own namespaces',
      yaml: ds('agent', 'monitoring', 'grafana/alloy:v1.2.0'),
    },
    {
      name: 'older platform repositories, a look-alike namespace, and a PodTemplate (it runs no pods)',
      yaml: `${[
        ds(
          'pause',
          'kube-system',
          'gcr.io/google_containers/pause:3.2',
          'ghcr.io/flannel-io/flannel:v0.25.1',
        ),
        ds('agent', 'kube-system-apps', 'fluent/fluent-bit:3.0'),
      ].join('---')}---
apiVersion: v1
kind: PodTemplate
metadata: {name: t, namespace: kube-system}
template:
  spec:
    containers: [{name: c0, image: "fluent/fluent-bit:3.0"}]
`,
    },
  ],
  invalid: [
    {
      name: 'a user agent next to a platform sidecar, and a look-alike registry',
      yaml: [
        ds('log-agent', 'kube-system', 'fluent/fluent-bit:3.0', 'registry.k8s.io/pause:3.9'),
        ds('fake-proxy', 'kube-system', 'registry.k8s.io.evil.example/kube-proxy:v1.30.2'),
      ].join('---'),
      findings: [
        {
          path: 'metadata.namespace',
          message: 'runs in kube-system with images that are not platform components: fluent/fluent-bit:3.0',
        },
        {
          path: 'metadata.namespace',
          message:
            'runs in kube-system with images that are not platform components: registry.k8s.io.evil.example/kube-proxy:v1.30.2',
        },
      ],
    },
    {
      name: 'repositories next to platform ones are foreign: google-containers-mirror, ciliumx, library/coredns',
      yaml: ds(
        'look-alikes',
        'kube-system',
        'gcr.io/google-containers-mirror/pause:3.9',
        'quay.io/ciliumx/cilium:v1.15.6',
        'coredns:1.11.1',
        'registry.k8s.io/pause:3.9',
      ),
      findings: [
        {
          path: 'metadata.namespace',
          message:
            'runs in kube-system with images that are not platform components: gcr.io/google-containers-mirror/pause:3.9, quay.io/ciliumx/cilium:v1.15.6, coredns:1.11.1',
        },
      ],
    },
  ],
});
