/**
 * Resource identity: what a decoded manifest document is, and where it came from.
 */
import { asRecord, asString, asStringMap, type JsonRecord } from './shape.js';

/** Where a resource was read from. `line` is the 1-based line on which its YAML document starts. */
export interface SourceRef {
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly documentIndex: number;
  /** 1-based line of the document's first line in the file. */
  readonly line: number;
  /** For items of a `List` document: the index in `items`. */
  readonly itemIndex?: number;
  /**
   * For a document a rendering tool made (Helm): the file it was made from, when the tool
   * says (`# Source:`), e.g. `charts/shop/templates/web.yaml`. `file` and `line` are in the
   * tool's output; no line of the template is known.
   */
  readonly template?: string;
}

/**
 * A source's identity as a string (file, document, List item): equal for the same document
 * wherever it was read, so findings and model records from different threads match by it.
 */
export function sourceKey(source: SourceRef): string {
  return `${source.file}\u0000${source.documentIndex}\u0000${source.itemIndex ?? ''}`;
}

/** The identity a user recognises: apiVersion, kind, namespace, name. */
export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One Kubernetes object with its identity and source. `object` is the decoded document, never mutated. */
export interface Resource {
  readonly ref: ResourceRef;
  readonly object: JsonRecord;
  readonly source: SourceRef;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Kinds that are cluster-scoped in a standard cluster. A namespaced object with no
 * `metadata.namespace` lands in the namespace it is applied to (`default` unless
 * `kubectl -n` says otherwise); a cluster-scoped one has none.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PodSecurityPolicy',
  'GatewayClass',
  'ClusterIssuer',
  'ClusterPolicy',
  'SecurityContextConstraints',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** Builds the resource identity from a decoded object; undefined `kind` or `apiVersion` is the caller's error to report. */
export function makeResource(object: JsonRecord, source: SourceRef): Resource {
  const meta = asRecord(object.metadata);
  const kind = asString(object.kind) ?? '';
  const namespace = asString(meta?.namespace);
  const name = asString(meta?.name) ?? asString(meta?.generateName) ?? '';
  return {
    ref: {
      apiVersion: asString(object.apiVersion) ?? '',
      kind,
      ...(namespace !== undefined && namespace !== '' ? { namespace } : {}),
      name,
    },
    object,
    source,
    labels: asStringMap(meta?.labels),
    annotations: asStringMap(meta?.annotations),
  };
}

/**
 * The namespace a namespaced resource lives in: its own, else `defaultNamespace`
 * (what `kubectl apply` without `-n` uses). Undefined for cluster-scoped kinds.
 */
export function namespaceOf(
  ref: Pick<ResourceRef, 'kind' | 'namespace'>,
  defaultNamespace = 'default',
): string | undefined {
  if (isClusterScoped(ref.kind)) return undefined;
  return ref.namespace ?? defaultNamespace;
}

/** `Deployment/shop/web`, `ClusterRole/admin`: a resource's name with its kind and effective namespace. */
export function qualifiedName(
  ref: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>,
  defaultNamespace = 'default',
): string {
  const ns = namespaceOf(ref, defaultNamespace);
  return [ref.kind, ...(ns !== undefined ? [ns] : []), ref.name].join('/');
}

/** `Deployment shop/web`, `ClusterRole admin`. */
export function describeRef(ref: ResourceRef): string {
  const ns = isClusterScoped(ref.kind) ? undefined : ref.namespace;
  return `${ref.kind} ${ns !== undefined ? `${ns}/` : ''}${ref.name || '<unnamed>'}`;
}
