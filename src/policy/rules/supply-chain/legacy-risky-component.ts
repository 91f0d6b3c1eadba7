import { defineWorkloadRule, type Report } from '../../types.js';
import { containerImagesOf } from './containerImages.js';
import type { ImageReference } from '../../../k8s/imageRef.js';

interface RiskyComponent {
  readonly name: string;
  readonly matches: (image: ImageReference) => boolean;
  readonly why: string;
}

const lastSegment = (image: ImageReference): string => image.path.slice(image.path.lastIndexOf('/') + 1);

const COMPONENTS: readonly RiskyComponent[] = [
  {
    name: 'Helm v2 Tiller',
    // gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller, mirrors of them.
    matches: (image) => lastSegment(image) === 'tiller',
    why: "an unauthenticated gRPC API (port 44134) that installs anything with its service account's rights; Helm v2 is unsupported since November 2020",
  },
  {
    name: 'the Kubernetes Dashboard',
    // kubernetesui/* (v2+: dashboard, metrics-scraper; v7: dashboard-api, -web, -auth…) and the v1 images
    // k8s.gcr.io/kubernetes-dashboard-amd64 and friends.
    matches: (image) =>
      image.path.startsWith('kubernetesui/') ||
      /^kubernetes-dashboard(?:-[a-z0-9]+)?$/.test(lastSegment(image)),
    why: "a web UI that acts on the cluster with its service account's rights, a well-known entry point when exposed",
  },
];

export const legacyRiskyComponent = defineWorkloadRule({
  id: 'legacy-risky-component',
  title: 'Known risky component (Tiller, Kubernetes Dashboard)',
  category: 'supply-chain',
  severity: 'high',
  description:
    "A container (init and ephemeral included) runs Helm v2's Tiller (an image whose last path segment is `tiller`) or the Kubernetes " +
    'Dashboard (an image under `kubernetesui/`, or named `kubernetes-dashboard[-arch]`). Images are matched after normalisation, so ' +
    'mirrors in other registries are found too.',
  rationale:
    'Tiller listens unauthenticated inside the cluster and, as installed by default, holds cluster-admin: any pod that can reach port 44134 ' +
    'can deploy privileged workloads and read every secret (T1610 deploy container, T1078.001 use of default accounts). The Dashboard ' +
    'acts with its own service account — often bound to cluster-admin in tutorials, sometimes with `--enable-skip-login` — and exposed ' +
    'dashboards were the entry point of well-known cryptojacking breaches (T1190, T1496). High: in their common configurations either ' +
    'one turns network access into cluster control.',
  remediation:
    'Remove Tiller: migrate releases to Helm 3 (`helm 2to3`), which has no in-cluster component. For the Dashboard, prefer a local client ' +
    '(kubectl, Headlamp, Lens); if you keep it, give its service account read-only rights, never `--enable-skip-login`, and reach it ' +
    'through `kubectl proxy`/port-forward instead of an Ingress or LoadBalancer.',
  references: {
    nsa: ['Upgrading and application security practices'],
    mitre: ['T1610', 'T1078.001', 'T1190', 'T1496'],
    links: ['https://helm.sh/blog/helm-v2-deprecation-timeline/', 'https://github.com/kubernetes/dashboard'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const img of containerImagesOf(workload)) {
      if (!img.parsed.ok) continue;
      const image = img.parsed.image;
      const component = COMPONENTS.find((c) => c.matches(image));
      if (component === undefined) continue;
      yield {
        message: `container "${img.container.name}" runs ${component.name} (${img.raw}): ${component.why}`,
        path: img.path,
        container: img.container.name,
      };
    }
  },
});
