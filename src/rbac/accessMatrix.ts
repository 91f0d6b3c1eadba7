/**
 * The access matrix of one subject (what rakkess / `kubectl access-matrix` show): for each
 * resource, each of the verbs get, list, watch, create, update, patch, delete as yes / partial
 * (resourceNames) / no.
 *  - With a namespace: the namespaced resources, asked in that namespace (ClusterRoleBindings
 *    and that namespace's RoleBindings count).
 *  - Without: every resource, asked with no namespace — for namespaced resources that is the
 *    question "in all namespaces at once" (`kubectl auth can-i list pods -A`), which only
 *    ClusterRoleBindings answer.
 */
import { accessOf, type Access } from './access.js';
import { apiResources, type ApiResource } from './builtinResources.js';
import { userInfoOf } from './identity.js';
import type { RbacIndex } from './rbacIndex.js';
import type { CustomResourceScope, SubjectRef } from './types.js';

export const MATRIX_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
export type MatrixVerb = (typeof MATRIX_VERBS)[number];

export interface MatrixRow {
  readonly apiGroup: string;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly access: Readonly<Record<MatrixVerb, Access>>;
}

export interface AccessMatrix {
  readonly subject: SubjectRef;
  /** Empty: asked cluster-wide. */
  readonly namespace: string;
  readonly rows: readonly MatrixRow[];
}

export function accessMatrix<S>(
  index: RbacIndex<S>,
  subject: SubjectRef,
  options: { readonly namespace?: string; readonly customResources?: readonly CustomResourceScope[] } = {},
): AccessMatrix {
  const namespace = options.namespace ?? '';
  const user = userInfoOf(subject);
  const resources: readonly ApiResource[] = apiResources(
    index.kubernetesVersion,
    options.customResources,
  ).filter((r) => namespace === '' || r.namespaced);
  const rows = resources.map((r): MatrixRow => {
    const access = {} as Record<MatrixVerb, Access>;
    for (const verb of MATRIX_VERBS) {
      access[verb] = accessOf(index, user, {
        verb,
        apiGroup: r.group,
        resource: r.resource,
        namespace,
      }).access;
    }
    return { apiGroup: r.group, resource: r.resource, namespaced: r.namespaced, access };
  });
  return { subject, namespace, rows };
}
