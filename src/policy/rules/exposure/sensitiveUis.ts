/**
 * Admin and data UIs whose exposure outside the cluster is a known entry point,
 * recognised by image repository (after normalisation, so mirrors match by their
 * path suffix) or by the conventional workload name of their official installs.
 * Kubescape's list (nifi, argo-server, weave-scope-app, kubeflow,
 * kubernetes-dashboard) is covered and extended with UIs that run code or have no
 * authentication by default.
 */
import { parseImageReference } from '../../../k8s/imageRef.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';

export interface SensitiveUi {
  readonly name: string;
  /** Why exposing it matters, for the message. */
  readonly risk: string;
  /** Repository paths (`argoproj/argocli`); an image matches when its path equals one or ends with `/` + one. */
  readonly images: readonly string[];
  /** Workload names of the official manifests and charts. */
  readonly names: readonly string[];
}

export const SENSITIVE_UIS: readonly SensitiveUi[] = [
  {
    name: 'the Kubernetes Dashboard',
    risk: 'acts on the cluster with its service account',
    images: [
      'kubernetesui/dashboard',
      'kubernetesui/dashboard-web',
      'kubernetesui/dashboard-api',
      'kubernetes-dashboard-amd64',
    ],
    names: ['kubernetes-dashboard'],
  },
  {
    name: 'the Argo Workflows server',
    risk: 'submits workflows that run arbitrary pods',
    images: ['argoproj/argocli'],
    names: ['argo-server'],
  },
  {
    name: 'the Argo CD server',
    risk: 'deploys anything to the clusters it manages',
    images: [],
    names: ['argocd-server'],
  },
  {
    name: 'Weave Scope',
    risk: 'lists every container and opens shells in them, without authentication by default',
    images: ['weaveworks/scope'],
    names: ['weave-scope-app'],
  },
  {
    name: 'the Kubeflow central dashboard',
    risk: 'creates notebooks and pipelines that run code',
    images: ['kubeflow/centraldashboard', 'kubeflownotebookswg/centraldashboard'],
    names: ['centraldashboard'],
  },
  {
    name: 'Apache NiFi',
    risk: 'runs processors that execute code',
    images: ['apache/nifi'],
    names: ['nifi'],
  },
  {
    name: 'Jenkins',
    risk: 'runs build jobs (code) and holds credentials',
    images: ['jenkins/jenkins'],
    names: ['jenkins'],
  },
  {
    name: 'Ollama',
    risk: 'serves an unauthenticated model API',
    images: ['ollama/ollama'],
    names: ['ollama'],
  },
  {
    name: 'the Ray dashboard',
    risk: 'accepts jobs that run arbitrary code without authentication (ShadowRay, CVE-2023-48022)',
    images: ['rayproject/ray', 'rayproject/ray-ml'],
    names: [],
  },
  {
    name: 'Jupyter',
    risk: 'is an interactive code-execution environment',
    images: [
      'jupyter/base-notebook',
      'jupyter/minimal-notebook',
      'jupyter/scipy-notebook',
      'jupyter/datascience-notebook',
      'jupyterhub/k8s-hub',
    ],
    names: [],
  },
  {
    name: 'Prometheus',
    risk: 'answers queries without authentication, revealing every target and metric',
    images: ['prom/prometheus', 'prometheus/prometheus'],
    names: [],
  },
];

function imageMatches(path: string, wanted: string): boolean {
  return path === wanted || path.endsWith(`/${wanted}`);
}

/** The sensitive UI a workload runs, if any. */
export function sensitiveUiOf(
  workload: Pick<WorkloadSummary, 'ref' | 'containers'>,
): SensitiveUi | undefined {
  const paths: string[] = [];
  for (const { image } of workload.containers) {
    if (image === undefined) continue;
    const parsed = parseImageReference(image);
    if (parsed.ok) paths.push(parsed.image.path);
  }
  const name = workload.ref.name;
  return SENSITIVE_UIS.find(
    (ui) => ui.names.includes(name) || ui.images.some((wanted) => paths.some((p) => imageMatches(p, wanted))),
  );
}
