/**
 * Which resources are cluster-scoped, so that a request for one carries no namespace and no
 * RoleBinding can grant it (RBAC doc: "a Role always sets permissions within a particular
 * namespace"; the authorizer visits RoleBindings only for requests with a namespace, see
 * `pkg/registry/rbac/validation/rule.go` VisitRulesFor).
 *
 * Built-in resources: the `namespaced: false` resources of the API discovery documents
 * (`kubectl api-resources --namespaced=false`) of Kubernetes 1.28 to 1.34, with the minor
 * version each became served by default (alpha APIs, off by default, are listed from the
 * version their group is served at all, since a cluster that turns them on serves them
 * cluster-scoped). Resources the engine does not know — custom resources without their CRD in the
 * input — are treated as namespaced, which is what a RoleBinding could grant.
 */
import type { CustomResourceScope, ResourceRequest } from './types.js';

/** The Kubernetes minor version the engine assumes when none is given. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';

interface ClusterScopedResource {
  readonly group: string;
  readonly resource: string;
  /** First minor version (1.x) whose discovery lists it. */
  readonly since: number;
}

const BUILTIN_CLUSTER_SCOPED: readonly ClusterScopedResource[] = [
  { group: '', resource: 'componentstatuses', since: 0 },
  { group: '', resource: 'namespaces', since: 0 },
  { group: '', resource: 'nodes', since: 0 },
  { group: '', resource: 'persistentvolumes', since: 0 },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', since: 0 },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', since: 0 },
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies', since: 26 },
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicybindings', since: 26 },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingadmissionpolicies', since: 32 },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingadmissionpolicybindings', since: 32 },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', since: 0 },
  { group: 'apiregistration.k8s.io', resource: 'apiservices', since: 0 },
  { group: 'authentication.k8s.io', resource: 'tokenreviews', since: 0 },
  { group: 'authentication.k8s.io', resource: 'selfsubjectreviews', since: 26 },
  { group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', since: 0 },
  { group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews', since: 0 },
  { group: 'authorization.k8s.io', resource: 'subjectaccessreviews', since: 0 },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests', since: 0 },
  { group: 'certificates.k8s.io', resource: 'clustertrustbundles', since: 27 },
  { group: 'flowcontrol.apiserver.k8s.io', resource: 'flowschemas', since: 0 },
  { group: 'flowcontrol.apiserver.k8s.io', resource: 'prioritylevelconfigurations', since: 0 },
  { group: 'internal.apiserver.k8s.io', resource: 'storageversions', since: 20 },
  { group: 'networking.k8s.io', resource: 'ingressclasses', since: 18 },
  { group: 'networking.k8s.io', resource: 'ipaddresses', since: 27 },
  { group: 'networking.k8s.io', resource: 'servicecidrs', since: 29 },
  { group: 'node.k8s.io', resource: 'runtimeclasses', since: 0 },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', since: 0 },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', since: 0 },
  { group: 'resource.k8s.io', resource: 'deviceclasses', since: 31 },
  { group: 'resource.k8s.io', resource: 'resourceslices', since: 30 },
  { group: 'resource.k8s.io', resource: 'devicetaintrules', since: 33 },
  { group: 'scheduling.k8s.io', resource: 'priorityclasses', since: 0 },
  { group: 'storage.k8s.io', resource: 'csidrivers', since: 0 },
  { group: 'storage.k8s.io', resource: 'csinodes', since: 0 },
  { group: 'storage.k8s.io', resource: 'storageclasses', since: 0 },
  { group: 'storage.k8s.io', resource: 'volumeattachments', since: 0 },
  { group: 'storage.k8s.io', resource: 'volumeattributesclasses', since: 29 },
  { group: 'storagemigration.k8s.io', resource: 'storageversionmigrations', since: 30 },
];

/** `1.30`, `v1.30.2` → 30; undefined when the text is not a 1.x version. */
export function minorVersionOf(version: string): number | undefined {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m === null ? undefined : Number(m[1]);
}

const key = (group: string, resource: string): string => `${group}/${resource}`;

/** The built-in cluster-scoped resources served by this Kubernetes version (1.x). */
export function clusterScopedBuiltins(version: string): readonly { group: string; resource: string }[] {
  const minor = minorVersionOf(version) ?? Number.POSITIVE_INFINITY;
  return BUILTIN_CLUSTER_SCOPED.filter((r) => r.since <= minor).map(({ group, resource }) => ({
    group,
    resource,
  }));
}

/** Decides the scope of a resource for one Kubernetes version and the CRDs of the input. */
export interface ScopeResolver {
  isClusterScoped(apiGroup: string, resource: string): boolean;
  /** True when `resource` is cluster-scoped in some known group (for rules naming apiGroup `*`). */
  isClusterScopedInSomeGroup(resource: string): boolean;
  /** True when `resource` is namespaced in some known group, or unknown in some group. */
  mayBeNamespaced(resource: string): boolean;
}

export function scopeResolver(
  version: string,
  customResources: readonly CustomResourceScope[] = [],
): ScopeResolver {
  const minor = minorVersionOf(version) ?? Number.POSITIVE_INFINITY;
  const cluster = new Set<string>();
  const clusterNames = new Set<string>();
  const namespacedNames = new Set<string>();
  for (const r of BUILTIN_CLUSTER_SCOPED) {
    if (r.since <= minor) cluster.add(key(r.group, r.resource));
  }
  for (const crd of customResources) {
    const k = key(crd.group, crd.resource);
    if (crd.scope === 'Cluster') cluster.add(k);
    else {
      cluster.delete(k);
      namespacedNames.add(crd.resource);
    }
  }
  for (const k of cluster) clusterNames.add(k.slice(k.indexOf('/') + 1));
  return {
    isClusterScoped: (apiGroup, resource) => cluster.has(key(apiGroup, resource)),
    isClusterScopedInSomeGroup: (resource) => clusterNames.has(resource),
    mayBeNamespaced: (resource) => namespacedNames.has(resource) || !clusterNames.has(resource),
  };
}

/**
 * The namespace the API server puts on a request: none for a cluster-scoped resource, except
 * that a request on one Namespace object (`/api/v1/namespaces/<ns>[/status|/finalize]`) carries
 * that namespace (k8s.io/apiserver `endpoints/request/requestinfo.go`), which is how a RoleBinding
 * of `admin` lets its subjects read and edit their own Namespace object.
 */
export function requestNamespace(scope: ScopeResolver, request: ResourceRequest): string {
  const group = request.apiGroup ?? '';
  if (group === '' && request.resource === 'namespaces') return request.name ?? '';
  if (scope.isClusterScoped(group, request.resource)) return '';
  return request.namespace ?? '';
}
