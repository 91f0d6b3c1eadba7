/**
 * The RBAC the cluster reader needs, and nothing more: `get`, `list` and `watch` (watch for
 * `audit --watch`) on exactly the kinds it reads (kinds.ts), grouped by API group. Secrets are
 * not in it; with `secretMetadata` it grants `list` on secrets alone — and RBAC cannot grant
 * metadata without values: whoever may list Secrets may read every value, whatever Accept
 * header the reader sends. kubeward asks for metadata only; the permission allows more.
 */
import type { JsonRecord } from '../../k8s/shape.js';
import { READ_KINDS, SECRET_KIND } from './kinds.js';

export interface ScannerRbacOptions {
  /** @default 'kubeward-scanner' */
  readonly name?: string;
  /** Namespace of the ServiceAccount the binding names. @default 'kubeward' */
  readonly namespace?: string;
  /** Also `list` Secrets (for `--secret-metadata`). @default false */
  readonly secretMetadata?: boolean;
}

const READ_VERBS = ['get', 'list', 'watch'];

/** Said next to the manifest whenever it grants Secrets. */
export const SECRET_LIST_WARNING =
  'list on secrets lets whoever holds this role read every Secret value in the cluster: kubeward asks for metadata only (PartialObjectMetadataList), but RBAC cannot grant metadata without values';

/** ServiceAccount, ClusterRole and ClusterRoleBinding, as objects (the CLI prints them as YAML). */
export function scannerRbac(options: ScannerRbacOptions = {}): JsonRecord[] {
  const name = options.name ?? 'kubeward-scanner';
  const namespace = options.namespace ?? 'kubeward';
  const byGroup = new Map<string, string[]>();
  for (const k of READ_KINDS) byGroup.set(k.group, [...(byGroup.get(k.group) ?? []), k.resource]);
  const rules: JsonRecord[] = [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    resources: [...new Set(resources)].sort(),
    verbs: [...READ_VERBS],
  }));
  if (options.secretMetadata === true)
    rules.push({ apiGroups: [SECRET_KIND.group], resources: [SECRET_KIND.resource], verbs: ['list'] });
  const labels = { 'app.kubernetes.io/name': 'kubeward', 'app.kubernetes.io/component': 'scanner' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace, labels },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name,
        labels,
        annotations: {
          'kubeward.io/purpose':
            options.secretMetadata === true
              ? `read-only scan; ${SECRET_LIST_WARNING}`
              : 'read-only scan; no access to Secrets (kubeward never reads their values)',
        },
      },
      rules,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
}
