import { describeRef } from '../../../k8s/resource.js';
import { defineRule, type Report } from '../../types.js';
import { ROUTE_KINDS } from './backends.js';
import { exposedWorkloads } from './entryPoints.js';
import { sensitiveUiOf } from './sensitiveUis.js';
import type { WorkloadSummary } from '../../../model/clusterModel.js';

/** ingress-nginx annotations that put authentication in front of every backend of the Ingress. */
const NGINX_AUTH = ['nginx.ingress.kubernetes.io/auth-url', 'nginx.ingress.kubernetes.io/auth-type'];

export const sensitiveUiExposed = defineRule({
  id: 'sensitive-ui-exposed',
  title: 'Admin or code-execution UI exposed outside the cluster',
  category: 'exposure',
  severity: 'high',
  description:
    'A Service of type NodePort/LoadBalancer or with externalIPs, an Ingress, or a Gateway API route attached to a Gateway exposes a ' +
    'workload recognised as a sensitive UI by its image repository or the workload name of its official install: Kubernetes Dashboard, ' +
    'Argo Workflows server, Argo CD server, Weave Scope, Kubeflow central dashboard, Apache NiFi, Jenkins, Ollama, Ray, Jupyter, ' +
    'Prometheus. Ingresses with ingress-nginx external or basic authentication (`auth-url`, `auth-type` annotations) are not reported.',
  rationale:
    'These applications run code or act on the cluster by design, and several have no authentication by default: reaching one from ' +
    'outside is a direct path from the internet to code execution or cluster control (T1190 exploit public-facing application, T1133 ' +
    'external remote services). Exposed dashboards, Argo and Ray servers have been the entry point of real cryptojacking and data-theft ' +
    'campaigns. High: no prior foothold is needed.',
  remediation:
    'Keep the UI internal (`type: ClusterIP`, no Ingress) and reach it through `kubectl port-forward`, a VPN or an identity-aware proxy; ' +
    "if it must be published, put authentication in front (oauth2-proxy, the ingress controller's auth) and restrict source ranges.",
  references: {
    mitre: ['T1190', 'T1133'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ],
  },
  targets: ['Service', 'Ingress', ...ROUTE_KINDS],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    if (resource.ref.kind === 'Ingress' && NGINX_AUTH.some((a) => resource.annotations[a] !== undefined))
      return;
    const seen = new Set<WorkloadSummary>();
    for (const exposed of exposedWorkloads(model, resource)) {
      if (seen.has(exposed.workload)) continue;
      seen.add(exposed.workload);
      const ui = sensitiveUiOf(exposed.workload);
      if (ui === undefined) continue;
      const target = describeRef({ ...exposed.workload.ref, namespace: exposed.workload.namespace });
      yield {
        message: `${exposed.via} exposes ${target}, which runs ${ui.name}: it ${ui.risk}`,
        path: exposed.path,
      };
    }
  },
});
