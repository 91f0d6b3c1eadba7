import { ruleTests } from '../../../../test/ruleTester.js';
import { legacyRiskyComponent } from './legacy-risky-component.js';

const pod = (...images: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: kube-system}
spec:
  containers:
${images.map((img, i) => `  - {name: c${i}, image: "${img}"}`).join('\n')}
`;

ruleTests(legacyRiskyComponent, {
  valid: [
    {
      name: 'names that only contain the words',
      yaml: pod(
        'acme/tiller-exporter:1',
        'acme/dashboard:1',
        'grafana/grafana:11.0.0',
        'acme/kubernetes-dashboards/x:1',
      ),
    },
    {
      name: 'tiller not as the last segment, kubernetesui not first, and a second dashboard suffix',
      yaml: pod(
        'acme/tiller/exporter:1',
        'acme/tillers:1',
        'acme/kubernetesui/dashboard:1',
        'k8s.gcr.io/kubernetes-dashboard-amd64-v2:1',
      ),
    },
  ],
  invalid: [
    {
      name: 'Tiller and Dashboard images, mirrored or not',
      yaml: pod(
        'gcr.io/kubernetes-helm/tiller:v2.16.12',
        'registry.example.com/mirror/tiller:v2.17.0',
        'kubernetesui/dashboard:v2.7.0',
        'docker.io/kubernetesui/metrics-scraper:v1.0.8',
        'k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1',
      ),
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "c0" runs Helm v2 Tiller (gcr.io/kubernetes-helm/tiller:v2.16.12): an unauthenticated gRPC API (port 44134) that installs anything with its service account\'s rights; Helm v2 is unsupported since November 2020',
          container: 'c0',
        },
        {
          path: 'spec.containers[1].image',
          message:
            'container "c1" runs Helm v2 Tiller (registry.example.com/mirror/tiller:v2.17.0): an unauthenticated gRPC API (port 44134) that installs anything with its service account\'s rights; Helm v2 is unsupported since November 2020',
          container: 'c1',
        },
        {
          path: 'spec.containers[2].image',
          message:
            'container "c2" runs the Kubernetes Dashboard (kubernetesui/dashboard:v2.7.0): a web UI that acts on the cluster with its service account\'s rights, a well-known entry point when exposed',
          container: 'c2',
        },
        {
          path: 'spec.containers[3].image',
          message:
            'container "c3" runs the Kubernetes Dashboard (docker.io/kubernetesui/metrics-scraper:v1.0.8): a web UI that acts on the cluster with its service account\'s rights, a well-known entry point when exposed',
          container: 'c3',
        },
        {
          path: 'spec.containers[4].image',
          message:
            'container "c4" runs the Kubernetes Dashboard (k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1): a web UI that acts on the cluster with its service account\'s rights, a well-known entry point when exposed',
          container: 'c4',
        },
      ],
    },
    {
      name: 'Tiller under another registry and tag, and the v1 Dashboard without an architecture suffix',
      yaml: pod('ghcr.io/helm/tiller:canary', 'registry.example.com/kubernetes-dashboard:v1.8.3'),
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "c0" runs Helm v2 Tiller (ghcr.io/helm/tiller:canary): an unauthenticated gRPC API (port 44134) that installs anything with its service account\'s rights; Helm v2 is unsupported since November 2020',
          container: 'c0',
        },
        {
          path: 'spec.containers[1].image',
          message:
            'container "c1" runs the Kubernetes Dashboard (registry.example.com/kubernetes-dashboard:v1.8.3): a web UI that acts on the cluster with its service account\'s rights, a well-known entry point when exposed',
          container: 'c1',
        },
      ],
    },
  ],
});
