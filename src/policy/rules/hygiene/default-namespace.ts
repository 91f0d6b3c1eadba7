import { defineRule, type Report } from '../../types.js';

/** Namespaced kinds that commonly ship with applications, besides workloads. */
const NAMESPACED_KINDS = [
  'Service',
  'Ingress',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
];

export const defaultNamespace = defineRule({
  id: 'default-namespace',
  title: 'Resource in the default namespace, or with no namespace',
  category: 'hygiene',
  severity: 'low',
  description:
    'A workload or a common namespaced object (Service, Ingress, ConfigMap, Secret, ServiceAccount, Role, RoleBinding, NetworkPolicy, ' +
    'PVC, HPA, PDB, LimitRange, ResourceQuota) whose `metadata.namespace` is `default`, or is missing. A resource without a namespace ' +
    'is created in whatever namespace the person or pipeline applying it targets: `default` unless `kubectl -n`, the kubeconfig ' +
    "context, Helm's `--namespace` or kustomize's `namespace:` says otherwise — so the same file can land in different places.",
  rationale:
    'The default namespace is shared by everything that does not choose one: workloads there share the `default` ServiceAccount, ' +
    'usually have no Pod Security labels, NetworkPolicies or quotas, and are covered by whatever RoleBindings were granted there for ' +
    'convenience, so one compromised app can reach or impersonate the others (weak administrative boundary, CIS 5.7.1/5.7.4). ' +
    'A manifest without namespace may even be applied into a privileged namespace by mistake. Low: a hygiene issue that widens the ' +
    'impact of other weaknesses rather than an attack path by itself.',
  remediation:
    'Create a dedicated namespace per application or team and set `metadata.namespace` explicitly (or with kustomize `namespace:` / ' +
    'Helm templates using `{{ .Release.Namespace }}`).',
  references: {
    cis: ['5.7.1', '5.7.4'],
    nsa: ['Network separation and hardening: Namespaces'],
    links: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  },
  targets: ['workload', ...NAMESPACED_KINDS],
  *check({ resource }): Iterable<Report> {
    const ns = resource.ref.namespace;
    if (ns === undefined) {
      yield {
        message: `no metadata.namespace: it is created in whatever namespace the apply targets ("default" unless -n or the kubeconfig context says otherwise)`,
        path: ['metadata', 'namespace'],
      };
    } else if (ns === 'default') {
      yield {
        message: 'metadata.namespace is "default", the shared namespace',
        path: ['metadata', 'namespace'],
      };
    }
  },
});
