/**
 * The default ClusterRoles and ClusterRoleBindings every RBAC-enabled cluster has: the API server
 * creates and reconciles them at start-up (kubernetes `plugin/pkg/auth/authorizer/rbac/bootstrappolicy`).
 *
 * Roles: transcribed from upstream's golden file
 * `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml` at commit
 * 025f2834a128798cef30018a5e6a6ae82b5ad885 — the policy of Kubernetes 1.27 to 1.32 with default
 * feature gates (it has `selfsubjectreviews` in system:basic-user and `/metrics/slis` in
 * system:monitoring, and no `resource.k8s.io` rules). All 31 ClusterRoles of that file, in its
 * order. The kube-controller-manager's per-controller roles (`system:controller:*`) and the
 * namespaced Roles of kube-system / kube-public are not included.
 *
 * Bindings: `ClusterRoleBindings()` of the same policy (`bootstrappolicy/policy.go`): the golden
 * file `cluster-role-bindings.yaml` plus the bindings of system:monitoring (group
 * system:monitoring) and system:service-account-issuer-discovery (group system:serviceaccounts)
 * that upstream creates together with those roles. The shared copy of the bindings file predates
 * both; they were checked against a newer copy of the same golden file
 * (`bootstrappolicy/testdata/cluster-role-bindings.yaml` in openshift/kubernetes at commit
 * 95e062fd30e833905cde9671a87b83257b477b6f, upstream's file plus OpenShift's own
 * `system:openshift:public-info-viewer`), which binds ClusterRole system:monitoring to Group
 * system:monitoring and ClusterRole system:service-account-issuer-discovery to Group
 * system:serviceaccounts, and against `policy.go`'s
 * `NewClusterBinding("system:service-account-issuer-discovery").Groups(serviceaccount.AllServiceAccountsGroup)`
 * ("Allow all in-cluster workloads (via their service accounts) to read the OIDC discovery
 * endpoints"; behind the ServiceAccountIssuerDiscovery gate, GA and on since 1.21).
 *
 * `test/conformance/rbac-default-roles.test.ts` compares this data with the shared bootstrap
 * files role by role.
 */
import type { V1ClusterRole, V1ClusterRoleBinding, V1PolicyRule } from '@kubernetes/client-node';

/** The upstream commit the default roles were transcribed from, and the versions it stands for. */
export const DEFAULT_ROLES_SOURCE = {
  commit: '025f2834a128798cef30018a5e6a6ae82b5ad885',
  kubernetesVersions: '1.27-1.32',
} as const;

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } as const;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

const list = (csv: string): string[] => csv.split(',');

/** A resource rule: verbs and resources as comma lists, API groups as given ('' is the core group). */
function r(
  verbs: string,
  apiGroups: readonly string[],
  resources: string,
  resourceNames?: string,
): V1PolicyRule {
  const rule: V1PolicyRule = { apiGroups: [...apiGroups], resources: list(resources), verbs: list(verbs) };
  if (resourceNames !== undefined) rule.resourceNames = list(resourceNames);
  return rule;
}

/** A non-resource rule. */
function u(verbs: string, urls: string): V1PolicyRule {
  return { nonResourceURLs: list(urls), verbs: list(verbs) };
}

const CORE = [''];
const WRITE = 'create,delete,deletecollection,patch,update';
const READ = 'get,list,watch';
const ALL_VERBS = 'create,delete,deletecollection,get,list,patch,update,watch';
const EVENTS = r('create,patch,update', ['', 'events.k8s.io'], 'events');

interface RoleSpec {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly aggregateTo?: 'admin' | 'edit' | 'view';
  readonly rules?: V1PolicyRule[];
}

const aggregateLabel = (to: string): string => `rbac.authorization.k8s.io/aggregate-to-${to}`;

const ROLE_SPECS: readonly RoleSpec[] = [
  { name: 'admin', aggregateTo: 'admin' },
  { name: 'cluster-admin', rules: [r('*', ['*'], '*'), u('*', '*')] },
  { name: 'edit', aggregateTo: 'edit', labels: { [aggregateLabel('admin')]: 'true' } },
  {
    name: 'system:aggregate-to-admin',
    labels: { [aggregateLabel('admin')]: 'true' },
    rules: [
      r('create', ['authorization.k8s.io'], 'localsubjectaccessreviews'),
      r(ALL_VERBS, [RBAC_GROUP], 'rolebindings,roles'),
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [aggregateLabel('edit')]: 'true' },
    rules: [
      r(READ, CORE, 'pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy'),
      r('impersonate', CORE, 'serviceaccounts'),
      r(WRITE, CORE, 'pods,pods/attach,pods/exec,pods/portforward,pods/proxy'),
      r('create', CORE, 'pods/eviction'),
      r(
        WRITE,
        CORE,
        'configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy',
      ),
      r('create', CORE, 'serviceaccounts/token'),
      r(
        WRITE,
        ['apps'],
        'daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale',
      ),
      r(WRITE, ['autoscaling'], 'horizontalpodautoscalers'),
      r(WRITE, ['batch'], 'cronjobs,jobs'),
      r(
        WRITE,
        ['extensions'],
        'daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale',
      ),
      r(WRITE, ['policy'], 'poddisruptionbudgets'),
      r(WRITE, ['networking.k8s.io'], 'ingresses,networkpolicies'),
      r(ALL_VERBS, ['coordination.k8s.io'], 'leases'),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [aggregateLabel('view')]: 'true' },
    rules: [
      r(
        READ,
        CORE,
        'configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status',
      ),
      r(
        READ,
        CORE,
        'bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status',
      ),
      r(READ, CORE, 'namespaces'),
      r(READ, ['discovery.k8s.io'], 'endpointslices'),
      r(
        READ,
        ['apps'],
        'controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status',
      ),
      r(READ, ['autoscaling'], 'horizontalpodautoscalers,horizontalpodautoscalers/status'),
      r(READ, ['batch'], 'cronjobs,cronjobs/status,jobs,jobs/status'),
      r(
        READ,
        ['extensions'],
        'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale',
      ),
      r(READ, ['policy'], 'poddisruptionbudgets,poddisruptionbudgets/status'),
      r(READ, ['networking.k8s.io'], 'ingresses,ingresses/status,networkpolicies'),
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      r('create', ['authorization.k8s.io'], 'selfsubjectaccessreviews,selfsubjectrulesreviews'),
      r('create', ['authentication.k8s.io'], 'selfsubjectreviews'),
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    rules: [r('create', ['certificates.k8s.io'], 'certificatesigningrequests/nodeclient')],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    rules: [r('create', ['certificates.k8s.io'], 'certificatesigningrequests/selfnodeclient')],
  },
  ...['kube-apiserver-client', 'kube-apiserver-client-kubelet', 'kubelet-serving', 'legacy-unknown'].map(
    (signer): RoleSpec => ({
      name: `system:certificates.k8s.io:${signer}-approver`,
      rules: [r('approve', ['certificates.k8s.io'], 'signers', `kubernetes.io/${signer}`)],
    }),
  ),
  {
    name: 'system:discovery',
    rules: [
      u('get', '/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/'),
    ],
  },
  {
    name: 'system:heapster',
    rules: [r(READ, CORE, 'events,namespaces,nodes,pods'), r(READ, ['extensions'], 'deployments')],
  },
  { name: 'system:kube-aggregator', rules: [r(READ, CORE, 'endpoints,services')] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS,
      r('create', ['coordination.k8s.io'], 'leases'),
      r('get,update', ['coordination.k8s.io'], 'leases', 'kube-controller-manager'),
      r('create', CORE, 'secrets,serviceaccounts'),
      r('delete', CORE, 'secrets'),
      r('get', CORE, 'configmaps,namespaces,secrets,serviceaccounts'),
      r('update', CORE, 'secrets,serviceaccounts'),
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      r('list,watch', ['*'], '*'),
      r('create', CORE, 'serviceaccounts/token'),
    ],
  },
  { name: 'system:kube-dns', rules: [r('list,watch', CORE, 'endpoints,services')] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS,
      r('create', ['coordination.k8s.io'], 'leases'),
      r('get,update', ['coordination.k8s.io'], 'leases', 'kube-scheduler'),
      r(READ, CORE, 'nodes'),
      r('delete,get,list,watch', CORE, 'pods'),
      r('create', CORE, 'bindings,pods/binding'),
      r('patch,update', CORE, 'pods/status'),
      r(READ, CORE, 'replicationcontrollers,services'),
      r(READ, ['apps', 'extensions'], 'replicasets'),
      r(READ, ['apps'], 'statefulsets'),
      r(READ, ['policy'], 'poddisruptionbudgets'),
      r(READ, CORE, 'persistentvolumeclaims,persistentvolumes'),
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      r(READ, ['storage.k8s.io'], 'csinodes'),
      r(READ, CORE, 'namespaces'),
      r(READ, ['storage.k8s.io'], 'csidrivers'),
      r(READ, ['storage.k8s.io'], 'csistoragecapacities'),
    ],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      r(READ, CORE, 'nodes'),
      r('proxy', CORE, 'nodes'),
      r('*', CORE, 'nodes/log,nodes/metrics,nodes/proxy,nodes/stats'),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [u('get', '/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*')],
  },
  {
    name: 'system:node',
    rules: [
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'localsubjectaccessreviews,subjectaccessreviews'),
      r(READ, CORE, 'services'),
      r('create,get,list,watch', CORE, 'nodes'),
      r('patch,update', CORE, 'nodes/status'),
      r('patch,update', CORE, 'nodes'),
      r('create,patch,update', CORE, 'events'),
      r(READ, CORE, 'pods'),
      r('create,delete', CORE, 'pods'),
      r('patch,update', CORE, 'pods/status'),
      r('create', CORE, 'pods/eviction'),
      r(READ, CORE, 'configmaps,secrets'),
      r('get', CORE, 'persistentvolumeclaims,persistentvolumes'),
      r('get', CORE, 'endpoints'),
      r('create,get,list,watch', ['certificates.k8s.io'], 'certificatesigningrequests'),
      r('create,delete,get,patch,update', ['coordination.k8s.io'], 'leases'),
      r('get', ['storage.k8s.io'], 'volumeattachments'),
      r('create', CORE, 'serviceaccounts/token'),
      r('get,patch,update', CORE, 'persistentvolumeclaims/status'),
      r(READ, ['storage.k8s.io'], 'csidrivers'),
      r('create,delete,get,patch,update', ['storage.k8s.io'], 'csinodes'),
      r(READ, ['node.k8s.io'], 'runtimeclasses'),
    ],
  },
  {
    name: 'system:node-bootstrapper',
    rules: [r('create,get,list,watch', ['certificates.k8s.io'], 'certificatesigningrequests')],
  },
  {
    name: 'system:node-problem-detector',
    rules: [r('get', CORE, 'nodes'), r('patch', CORE, 'nodes/status'), EVENTS],
  },
  {
    name: 'system:node-proxier',
    rules: [
      r('list,watch', CORE, 'endpoints,services'),
      r(READ, CORE, 'nodes'),
      EVENTS,
      r('list,watch', ['discovery.k8s.io'], 'endpointslices'),
    ],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      r('create,delete,get,list,watch', CORE, 'persistentvolumes'),
      r('get,list,update,watch', CORE, 'persistentvolumeclaims'),
      r(READ, ['storage.k8s.io'], 'storageclasses'),
      r('watch', CORE, 'events'),
      EVENTS,
    ],
  },
  { name: 'system:public-info-viewer', rules: [u('get', '/healthz,/livez,/readyz,/version,/version/')] },
  {
    name: 'system:service-account-issuer-discovery',
    rules: [u('get', '/.well-known/openid-configuration,/openid/v1/jwks')],
  },
  {
    name: 'system:volume-scheduler',
    rules: [
      r('get,list,patch,update,watch', CORE, 'persistentvolumes'),
      r(READ, ['storage.k8s.io'], 'storageclasses'),
      r('get,list,patch,update,watch', CORE, 'persistentvolumeclaims'),
    ],
  },
  { name: 'view', aggregateTo: 'view', labels: { [aggregateLabel('edit')]: 'true' } },
];

function clusterRoleOf(spec: RoleSpec): V1ClusterRole {
  const role: V1ClusterRole = {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRole',
    metadata: {
      name: spec.name,
      labels: { ...BOOTSTRAP_LABELS, ...spec.labels },
      annotations: { ...AUTOUPDATE },
    },
  };
  if (spec.aggregateTo !== undefined) {
    role.aggregationRule = {
      clusterRoleSelectors: [{ matchLabels: { [aggregateLabel(spec.aggregateTo)]: 'true' } }],
    };
  } else {
    role.rules = (spec.rules ?? []).map((rule) => ({ ...rule }));
  }
  return role;
}

type SubjectSpec = readonly [kind: 'User' | 'Group' | 'ServiceAccount', name: string, namespace?: string];

const BINDING_SPECS: readonly (readonly [role: string, subjects: readonly SubjectSpec[]])[] = [
  ['cluster-admin', [['Group', 'system:masters']]],
  ['system:monitoring', [['Group', 'system:monitoring']]],
  ['system:discovery', [['Group', 'system:authenticated']]],
  ['system:basic-user', [['Group', 'system:authenticated']]],
  [
    'system:public-info-viewer',
    [
      ['Group', 'system:authenticated'],
      ['Group', 'system:unauthenticated'],
    ],
  ],
  ['system:node-proxier', [['User', 'system:kube-proxy']]],
  ['system:kube-controller-manager', [['User', 'system:kube-controller-manager']]],
  ['system:kube-dns', [['ServiceAccount', 'kube-dns', 'kube-system']]],
  ['system:kube-scheduler', [['User', 'system:kube-scheduler']]],
  ['system:volume-scheduler', [['User', 'system:kube-scheduler']]],
  ['system:service-account-issuer-discovery', [['Group', 'system:serviceaccounts']]],
  // bound to nobody since 1.8: kubelets are authorized by the Node authorizer
  ['system:node', []],
];

function clusterRoleBindingOf(role: string, subjects: readonly SubjectSpec[]): V1ClusterRoleBinding {
  const binding: V1ClusterRoleBinding = {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: role, labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
  };
  if (subjects.length > 0) {
    binding.subjects = subjects.map(([kind, name, namespace]) =>
      kind === 'ServiceAccount'
        ? { kind, name, namespace: namespace ?? '' }
        : { apiGroup: RBAC_GROUP, kind, name },
    );
  }
  return binding;
}

/** The default ClusterRoles (fresh objects on every call: callers may not share them). */
export function defaultClusterRoles(): V1ClusterRole[] {
  return ROLE_SPECS.map(clusterRoleOf);
}

export function defaultClusterRoleBindings(): V1ClusterRoleBinding[] {
  return BINDING_SPECS.map(([role, subjects]) => clusterRoleBindingOf(role, subjects));
}
