// A manifest object as the admission request that would create it: the attributes the matchers read
// and the `request` variable (admission/v1 AdmissionRequest) the expressions read.
import { isClusterScoped, type Resource } from '../k8s/resource.js';
import type { AdmissionAttributes } from './match.js';
import { resourceOf } from './resources.js';

/** The AdmissionRequest of a CREATE of `resource` (admission/v1), as a policy expression reads `request`. */
export function createRequestOf(resource: Resource, namespace: string | undefined): Record<string, unknown> {
  const { apiVersion, kind, name } = resource.ref;
  const { group, version, resource: plural } = resourceOf(apiVersion, kind);
  return {
    kind: { group, version, kind },
    resource: { group, version, resource: plural },
    requestKind: { group, version, kind },
    requestResource: { group, version, resource: plural },
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    operation: 'CREATE',
    userInfo: { username: '', groups: [] },
    dryRun: false,
    object: resource.object,
    oldObject: null,
  };
}

/** The attributes of a CREATE of `resource`; `namespaceLabels` of its namespace. */
export function createAttributesOf(resource: Resource, defaultNamespace: string, namespaceLabels: Readonly<Record<string, string>> | undefined): AdmissionAttributes {
  const { apiVersion, kind, name } = resource.ref;
  const { group, version, resource: plural } = resourceOf(apiVersion, kind);
  const namespace = isClusterScoped(kind) ? undefined : (resource.ref.namespace ?? defaultNamespace);
  return {
    operation: 'CREATE',
    group,
    version,
    resource: plural,
    subresource: '',
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    labels: resource.labels,
    ...(namespace !== undefined && namespaceLabels !== undefined ? { namespaceLabels } : {}),
  };
}
