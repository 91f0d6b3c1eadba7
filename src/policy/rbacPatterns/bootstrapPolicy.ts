/**
 * What Kubernetes itself ships: the RBAC bootstrap policy that the API server creates and
 * reconciles at start-up (kubernetes `plugin/pkg/auth/authorizer/rbac/bootstrappolicy`).
 *
 * Decision: the rbac rules do not report bootstrap objects. They are the same in every cluster,
 * the API server puts them back on restart, and a `kubectl get -o yaml` dump would otherwise
 * open every report with "cluster-admin uses wildcards" and "system:masters is bound". They are
 * recognised by the label the API server sets on every one of them, not by the `system:` name
 * prefix — anyone can create a `system:backdoor` binding, and such a binding must be reported.
 * An object whose reconciliation was switched off (`rbac.authorization.kubernetes.io/autoupdate:
 * "false"`) may have been edited, so it is reported like any other.
 * Bootstrap roles still GRANT: the identity rules resolve bindings to them as usual.
 */
import type { Resource } from '../../k8s/resource.js';
import { policyRuleOf, type PolicyRule } from './policyRule.js';

export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

/** True for an RBAC object of the bootstrap policy that the API server still reconciles. */
export function isBootstrapDefault(resource: Resource): boolean {
  return (
    resource.labels[BOOTSTRAP_LABEL] === 'rbac-defaults' &&
    resource.annotations[AUTOUPDATE_ANNOTATION] !== 'false'
  );
}

/**
 * The discovery roles every authenticated (and, for public-info-viewer, anonymous) identity is
 * bound to by default (RBAC doc, "API discovery roles").
 */
export const DISCOVERY_CLUSTER_ROLES: ReadonlySet<string> = new Set([
  'system:basic-user',
  'system:discovery',
  'system:public-info-viewer',
]);

const CORE_WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

/**
 * The risky part of the user-facing default ClusterRoles, for bindings whose role is not in the
 * input (every cluster has them; manifests rarely carry them). Each entry is a subset of the
 * upstream rules (`system:aggregate-to-{view,edit,admin}` aggregated into view ⊂ edit ⊂ admin)
 * restricted to what `riskyGrants.ts` probes; `bootstrapPolicy.test.ts` checks the summary
 * against the upstream bootstrap files, probe by probe, in both directions.
 */
const EDIT: readonly PolicyRule[] = [
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['secrets'] },
  {
    verbs: CORE_WRITE,
    apiGroups: [''],
    resources: [
      'pods',
      'pods/attach',
      'pods/exec',
      'pods/portforward',
      'configmaps',
      'replicationcontrollers',
      'secrets',
      'services',
    ],
  },
  { verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] },
  { verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] },
  {
    verbs: CORE_WRITE,
    apiGroups: ['apps'],
    resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  },
  { verbs: CORE_WRITE, apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
  { verbs: CORE_WRITE, apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
].map(policyRuleOf);

const ADMIN: readonly PolicyRule[] = [
  ...EDIT,
  policyRuleOf({
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['rolebindings', 'roles'],
  }),
];

const CLUSTER_ADMIN: readonly PolicyRule[] = [
  policyRuleOf({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
  policyRuleOf({ verbs: ['*'], nonResourceURLs: ['*'] }),
];

/** Risky grants of the user-facing default ClusterRoles; `view` has none. */
export const BUILTIN_CLUSTER_ROLES: ReadonlyMap<string, readonly PolicyRule[]> = new Map([
  ['cluster-admin', CLUSTER_ADMIN],
  ['admin', ADMIN],
  ['edit', EDIT],
  ['view', []],
]);
