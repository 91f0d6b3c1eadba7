import type { Workload } from '../../../k8s/inventory.js';
import { podContainers } from '../../../k8s/podContainers.js';
import { asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { runsPods } from '../../../k8s/namespacePods.js';
import { parseImageReference, type ImageReference } from '../../../k8s/imageRef.js';

/**
 * Where Kubernetes, managed-cluster and CNI components come from. An image from one
 * of these is taken as a platform component; anything else in kube-system is not.
 */
const PLATFORM: readonly ((image: ImageReference) => boolean)[] = [
  (i) => ['registry.k8s.io', 'k8s.gcr.io', 'gke.gcr.io'].includes(i.domain),
  (i) => i.domain === 'gcr.io' && /^(?:google[-_]containers|gke-release|k8s-artifacts-prod)\//.test(i.path),
  (i) => i.domain.endsWith('.amazonaws.com'),
  (i) =>
    i.domain === 'public.ecr.aws' &&
    /^(?:eks|eks-distro|karpenter|ebs-csi-driver|efs-csi-driver)\//.test(i.path),
  (i) => i.domain === 'mcr.microsoft.com' && /^(?:oss|aks|azuremonitor|containernetworking)\//.test(i.path),
  (i) => i.domain === 'quay.io' && /^(?:cilium|calico|tigera|coreos|isovalent)\//.test(i.path),
  (i) => i.domain === 'docker.io' && /^(?:calico|cilium|coredns|rancher|flannel|weaveworks)\//.test(i.path),
  (i) => i.domain === 'ghcr.io' && /^flannel-io\//.test(i.path),
];

function foreignImages(workload: Workload): string[] {
  const out: string[] = [];
  for (const { ref: c } of podContainers(workload)) {
    const raw = asString(c.container.image);
    if (raw === undefined || raw === '') continue;
    const parsed = parseImageReference(raw);
    if (!parsed.ok || !PLATFORM.some((isPlatform) => isPlatform(parsed.image))) out.push(raw);
  }
  return out;
}

export const kubeSystemUserWorkload = defineWorkloadRule({
  id: 'kube-system-user-workload',
  title: 'Non-platform workload in kube-system',
  category: 'hygiene',
  severity: 'medium',
  description:
    'A workload in the `kube-system` namespace running an image that does not come from a Kubernetes, managed-cluster or CNI registry: ' +
    'registry.k8s.io, k8s.gcr.io, gke.gcr.io, gcr.io/google-containers, *.amazonaws.com and public.ecr.aws/eks…, mcr.microsoft.com/oss|aks…, ' +
    'and the Calico, Cilium, CoreDNS, Flannel, Weave and Rancher/k3s repositories. The message lists the foreign images.',
  rationale:
    'kube-system holds the most privileged identities of the cluster (controller and CNI service accounts, some bound to cluster-admin ' +
    'rights) and is commonly exempted from Pod Security admission, admission policies and NetworkPolicies. A user workload there runs ' +
    'without those guardrails, and anyone allowed to manage it can mount kube-system service-account tokens into it or read the ' +
    "namespace's secrets — a short path to cluster-admin (T1078.004 cloud/valid accounts, T1610 deploy container). Medium: it turns an " +
    'application compromise or a namespace-scoped permission into platform-level access.',
  remediation:
    'Move the workload to its own namespace (cluster add-ons too: e.g. `monitoring`, `ingress-nginx`, `cert-manager`) with its own ' +
    "ServiceAccount, Pod Security labels and NetworkPolicies; keep kube-system for the control plane and the distribution's components.",
  references: {
    nsa: ['Network separation and hardening: Namespaces'],
    cis: ['5.7.1'],
    mitre: ['T1078.004', 'T1610'],
    links: [
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (!runsPods(workload.resource.ref) || workload.namespace !== 'kube-system') return;
    const foreign = foreignImages(workload);
    if (foreign.length === 0) return;
    yield {
      message: `runs in kube-system with images that are not platform components: ${foreign.join(', ')}`,
      path: ['metadata', 'namespace'],
    };
  },
});
