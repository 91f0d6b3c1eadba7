/**
 * The built-in API resources a person names on the command line (`pods`, `deployments`,
 * `cronjobs.batch`) and the rows of the access matrix: the namespaced resources of the API
 * discovery documents (`kubectl api-resources --namespaced=true`, Kubernetes 1.28 to 1.34, the
 * preferred group of each), with the cluster-scoped ones of `clusterScope.ts`. Subresources are
 * not listed: they are named as `pods/exec`.
 */
import { clusterScopedBuiltins, minorVersionOf } from './clusterScope.js';
import type { CustomResourceScope } from './types.js';

export interface ApiResource {
  readonly group: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

interface NamespacedBuiltin {
  readonly group: string;
  readonly resource: string;
  /** First minor version (1.x) whose discovery lists it; 0 for every version the engine knows. */
  readonly since: number;
}

const NAMESPACED_BUILTINS: readonly NamespacedBuiltin[] = [
  { group: '', resource: 'bindings', since: 0 },
  { group: '', resource: 'configmaps', since: 0 },
  { group: '', resource: 'endpoints', since: 0 },
  { group: '', resource: 'events', since: 0 },
  { group: '', resource: 'limitranges', since: 0 },
  { group: '', resource: 'persistentvolumeclaims', since: 0 },
  { group: '', resource: 'pods', since: 0 },
  { group: '', resource: 'podtemplates', since: 0 },
  { group: '', resource: 'replicationcontrollers', since: 0 },
  { group: '', resource: 'resourcequotas', since: 0 },
  { group: '', resource: 'secrets', since: 0 },
  { group: '', resource: 'serviceaccounts', since: 0 },
  { group: '', resource: 'services', since: 0 },
  { group: 'apps', resource: 'controllerrevisions', since: 0 },
  { group: 'apps', resource: 'daemonsets', since: 0 },
  { group: 'apps', resource: 'deployments', since: 0 },
  { group: 'apps', resource: 'replicasets', since: 0 },
  { group: 'apps', resource: 'statefulsets', since: 0 },
  { group: 'authorization.k8s.io', resource: 'localsubjectaccessreviews', since: 0 },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', since: 0 },
  { group: 'batch', resource: 'cronjobs', since: 0 },
  { group: 'batch', resource: 'jobs', since: 0 },
  { group: 'coordination.k8s.io', resource: 'leases', since: 0 },
  { group: 'discovery.k8s.io', resource: 'endpointslices', since: 0 },
  { group: 'networking.k8s.io', resource: 'ingresses', since: 0 },
  { group: 'networking.k8s.io', resource: 'networkpolicies', since: 0 },
  { group: 'policy', resource: 'poddisruptionbudgets', since: 0 },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', since: 0 },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', since: 0 },
  { group: 'resource.k8s.io', resource: 'resourceclaims', since: 26 },
  { group: 'resource.k8s.io', resource: 'resourceclaimtemplates', since: 26 },
  { group: 'storage.k8s.io', resource: 'csistoragecapacities', since: 0 },
];

const compare = (a: ApiResource, b: ApiResource): number =>
  a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1;

/**
 * Built-in resources of a Kubernetes version, then the custom resources of the input's CRDs,
 * each part sorted by group (core first) and name; a CRD redefining a built-in name replaces it.
 */
export function apiResources(
  version: string,
  customResources: readonly CustomResourceScope[] = [],
): ApiResource[] {
  const minor = minorVersionOf(version) ?? Number.POSITIVE_INFINITY;
  const custom = new Map<string, ApiResource>();
  for (const c of customResources) {
    custom.set(`${c.group}/${c.resource}`, {
      group: c.group,
      resource: c.resource,
      namespaced: c.scope === 'Namespaced',
    });
  }
  const builtins: ApiResource[] = [
    ...NAMESPACED_BUILTINS.filter((r) => r.since <= minor).map((r) => ({
      group: r.group,
      resource: r.resource,
      namespaced: true,
    })),
    ...clusterScopedBuiltins(version).map((r) => ({ ...r, namespaced: false })),
  ].filter((r) => !custom.has(`${r.group}/${r.resource}`));
  return [...builtins.sort(compare), ...[...custom.values()].sort(compare)];
}

/** `deployments.apps` (kubectl's `resource.group`), `pods` for the core group. */
export function qualifiedName(r: { group: string; resource: string }): string {
  return r.group === '' ? r.resource : `${r.resource}.${r.group}`;
}
