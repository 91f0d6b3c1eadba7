/**
 * The API resources the fixture API server serves, written from the Kubernetes API reference
 * (https://kubernetes.io/docs/reference/kubernetes-api/) and from what `kubectl get --raw /api/v1`
 * and `/apis/<group>/<version>` answer on a v1.33 cluster: plural name, singular name, kind,
 * scope, verbs, short names. Subresources (`pods/status`, `pods/log`, …) are listed as a real
 * server lists them (a reader must skip them). The optional groups (Gateway API, the admin
 * network policy APIs, Gatekeeper) exist only when a test asks for them, as when their CRDs are
 * installed.
 */

export interface FixtureApiResource {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name (`pods`), or `pods/status` for a subresource. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUB = ['get', 'patch', 'update'];

function res(
  group: string,
  version: string,
  name: string,
  kind: string,
  namespaced: boolean,
  shortNames?: readonly string[],
  verbs: readonly string[] = RW,
): FixtureApiResource {
  const singular = name.includes('/') ? '' : kind.toLowerCase();
  return {
    group,
    version,
    name,
    singularName: singular,
    kind,
    namespaced,
    verbs,
    ...(shortNames ? { shortNames } : {}),
  };
}

/** What every cluster serves (core, apps, batch, networking, rbac, admissionregistration, policy, storage). */
export const BUILTIN_API_RESOURCES: readonly FixtureApiResource[] = [
  res('', 'v1', 'bindings', 'Binding', true, undefined, ['create']),
  res('', 'v1', 'componentstatuses', 'ComponentStatus', false, ['cs'], ['get', 'list']),
  res('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  res('', 'v1', 'endpoints', 'Endpoints', true, ['ep']),
  res('', 'v1', 'events', 'Event', true, ['ev']),
  res('', 'v1', 'limitranges', 'LimitRange', true, ['limits']),
  res(
    '',
    'v1',
    'namespaces',
    'Namespace',
    false,
    ['ns'],
    ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  ),
  res('', 'v1', 'namespaces/status', 'Namespace', false, undefined, SUB),
  res('', 'v1', 'nodes', 'Node', false, ['no']),
  res('', 'v1', 'nodes/proxy', 'NodeProxyOptions', false, undefined, [
    'create',
    'delete',
    'get',
    'patch',
    'update',
  ]),
  res('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  res('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  res('', 'v1', 'pods', 'Pod', true, ['po']),
  res('', 'v1', 'pods/exec', 'PodExecOptions', true, undefined, ['create', 'get']),
  res('', 'v1', 'pods/log', 'Pod', true, undefined, ['get']),
  res('', 'v1', 'pods/status', 'Pod', true, undefined, SUB),
  res('', 'v1', 'podtemplates', 'PodTemplate', true),
  res('', 'v1', 'replicationcontrollers', 'ReplicationController', true, ['rc']),
  res('', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  res('', 'v1', 'secrets', 'Secret', true),
  res('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  res('', 'v1', 'serviceaccounts/token', 'TokenRequest', true, undefined, ['create']),
  res('', 'v1', 'services', 'Service', true, ['svc']),
  res('', 'v1', 'services/status', 'Service', true, undefined, SUB),
  res('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  res('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  res('apps', 'v1', 'deployments', 'Deployment', true, ['deploy']),
  res('apps', 'v1', 'deployments/scale', 'Scale', true, undefined, SUB),
  res('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  res('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  res('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj']),
  res('batch', 'v1', 'jobs', 'Job', true),
  res('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa']),
  res('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  res('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing']),
  res('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']),
  res('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  res('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  res('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  res('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
  ),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicies',
    'ValidatingAdmissionPolicy',
    false,
  ),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicies/status',
    'ValidatingAdmissionPolicy',
    false,
    undefined,
    SUB,
  ),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
  ),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
  ),
  res('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb']),
  res('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, ['sc']),
  res('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, [
    'crd',
    'crds',
  ]),
];

/** Gateway API v1 (standard channel) and v1alpha2 (experimental TLS/TCP/UDP routes), as installed by its CRDs. */
export const GATEWAY_API_RESOURCES: readonly FixtureApiResource[] = [
  res('gateway.networking.k8s.io', 'v1', 'gatewayclasses', 'GatewayClass', false, ['gc']),
  res('gateway.networking.k8s.io', 'v1', 'gateways', 'Gateway', true, ['gtw']),
  res('gateway.networking.k8s.io', 'v1', 'grpcroutes', 'GRPCRoute', true),
  res('gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute', true),
  res('gateway.networking.k8s.io', 'v1alpha2', 'tcproutes', 'TCPRoute', true),
  res('gateway.networking.k8s.io', 'v1alpha2', 'tlsroutes', 'TLSRoute', true),
  res('gateway.networking.k8s.io', 'v1alpha2', 'udproutes', 'UDPRoute', true),
];

/** sigs.k8s.io/network-policy-api: AdminNetworkPolicy v1alpha1 and ClusterNetworkPolicy v1alpha2. */
export const ADMIN_POLICY_API_RESOURCES: readonly FixtureApiResource[] = [
  res('policy.networking.k8s.io', 'v1alpha1', 'adminnetworkpolicies', 'AdminNetworkPolicy', false, ['anp']),
  res(
    'policy.networking.k8s.io',
    'v1alpha1',
    'baselineadminnetworkpolicies',
    'BaselineAdminNetworkPolicy',
    false,
    ['banp'],
  ),
  res('policy.networking.k8s.io', 'v1alpha2', 'clusternetworkpolicies', 'ClusterNetworkPolicy', false, [
    'cnp',
  ]),
];

/** The group/version an object's `apiVersion` names: `v1` → ['', 'v1']. */
export function groupVersionOf(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
