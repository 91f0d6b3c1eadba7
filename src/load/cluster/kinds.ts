/**
 * The kinds the cluster reader lists: every kind a built-in rule targets or the cluster model
 * summarises (model/summarise.ts), and no other. `kubeward rbac-for-scanner` grants exactly
 * these (rbacForScanner.ts), so the list is the reader's whole footprint on the API server.
 *
 * Each kind is named by group and kind, not by version: discovery says which version the
 * server prefers and the plural resource name (`required: false` kinds are read only when
 * discovery has them, e.g. Gateway API routes once their CRDs are installed).
 */

export interface ReadKind {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly kind: string;
  /** Plural resource name, for RBAC (discovery gives the name the server uses). */
  readonly resource: string;
  /** Read only when discovery serves it (an add-on's CRD). */
  readonly optional: boolean;
}

const k = (group: string, kind: string, resource: string, optional = false): ReadKind => ({
  group,
  kind,
  resource,
  optional,
});

/** What the rules and the model read, in the order the reader lists it (namespaces first). */
export const READ_KINDS: readonly ReadKind[] = [
  k('', 'Namespace', 'namespaces'),
  k('', 'Node', 'nodes'),
  // workloads: controllers before what they make, as manifests usually list them
  k('apps', 'Deployment', 'deployments'),
  k('apps', 'ReplicaSet', 'replicasets'),
  k('apps', 'StatefulSet', 'statefulsets'),
  k('apps', 'DaemonSet', 'daemonsets'),
  k('batch', 'CronJob', 'cronjobs'),
  k('batch', 'Job', 'jobs'),
  k('', 'ReplicationController', 'replicationcontrollers'),
  k('', 'PodTemplate', 'podtemplates'),
  k('', 'Pod', 'pods'),
  k('', 'Service', 'services'),
  k('', 'ServiceAccount', 'serviceaccounts'),
  // configmap-secret and credential-in-field read ConfigMaps' values; the graph follows references to them
  k('', 'ConfigMap', 'configmaps'),
  k('', 'PersistentVolume', 'persistentvolumes'),
  k('', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  k('', 'LimitRange', 'limitranges'),
  k('', 'ResourceQuota', 'resourcequotas'),
  k('autoscaling', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  k('policy', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  k('networking.k8s.io', 'NetworkPolicy', 'networkpolicies'),
  k('networking.k8s.io', 'Ingress', 'ingresses'),
  k('rbac.authorization.k8s.io', 'Role', 'roles'),
  k('rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles'),
  k('rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings'),
  k('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings'),
  k('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations'),
  k('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations'),
  k('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', true),
  k(
    'admissionregistration.k8s.io',
    'ValidatingAdmissionPolicyBinding',
    'validatingadmissionpolicybindings',
    true,
  ),
  k('storage.k8s.io', 'StorageClass', 'storageclasses'),
  // the model keeps custom resources' scope and plural (rbac resolves resources through them)
  k('apiextensions.k8s.io', 'CustomResourceDefinition', 'customresourcedefinitions'),
  k('gateway.networking.k8s.io', 'Gateway', 'gateways', true),
  k('gateway.networking.k8s.io', 'HTTPRoute', 'httproutes', true),
  k('gateway.networking.k8s.io', 'GRPCRoute', 'grpcroutes', true),
  k('gateway.networking.k8s.io', 'TLSRoute', 'tlsroutes', true),
  k('gateway.networking.k8s.io', 'TCPRoute', 'tcproutes', true),
  k('gateway.networking.k8s.io', 'UDPRoute', 'udproutes', true),
  k('policy.networking.k8s.io', 'AdminNetworkPolicy', 'adminnetworkpolicies', true),
  k('policy.networking.k8s.io', 'BaselineAdminNetworkPolicy', 'baselineadminnetworkpolicies', true),
  k('policy.networking.k8s.io', 'ClusterNetworkPolicy', 'clusternetworkpolicies', true),
  k('constraints.gatekeeper.sh', 'K8sAllowedRepos', 'k8sallowedrepos', true),
  k('security.openshift.io', 'SecurityContextConstraints', 'securitycontextconstraints', true),
  k('cert-manager.io', 'Issuer', 'issuers', true),
  k('cert-manager.io', 'ClusterIssuer', 'clusterissuers', true),
  k('argoproj.io', 'Application', 'applications', true),
  k('argoproj.io', 'ApplicationSet', 'applicationsets', true),
  k('helm.toolkit.fluxcd.io', 'HelmRelease', 'helmreleases', true),
];

/** Secrets: listed only with `--secret-metadata`, and then as PartialObjectMetadataList. */
export const SECRET_KIND: ReadKind = k('', 'Secret', 'secrets');
