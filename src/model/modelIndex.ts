/**
 * Indexes over the cluster model, built once per scan (one per thread): what engines and
 * cross-object rules (`RuleContext.model`) look up — a namespace, a ServiceAccount, a Service,
 * the workloads of a namespace or of an identity, the workloads a Service selects, the
 * policies, roles and bindings — without scanning every record. Label selectors are evaluated
 * once per equivalence class of pods (namespace + label set), never once per workload.
 * Where the input holds two objects of one identity, a lookup by name answers the later one
 * (as `kubectl apply` of the whole input would leave it).
 */
import { namespaceOf, sourceKey, type ResourceRef, type SourceRef } from '../k8s/resource.js';
import { runsPods } from '../k8s/namespacePods.js';
import { parseQuantity } from '../k8s/quantity.js';
import { asArray, asRecord, asString } from '../k8s/shape.js';
import { compileLabelSelector, mapSelectorMatches, selectorMatches, type Labels } from '../k8s/selector.js';
import type {
  ClusterModel,
  KeptObject,
  NamespaceSummary,
  ServiceSummary,
  WholeObject,
  WorkloadSummary,
} from './clusterModel.js';
import type { V1ServiceAccount } from '@kubernetes/client-node';

/** Whether a workload's pods get their ServiceAccount's API token, and who decided. */
export interface TokenMountDecision {
  readonly mounted: boolean;
  /** The pod spec, the ServiceAccount in the input, or nobody (SA not in the input: mounted by default). */
  readonly decidedBy: 'pod' | 'serviceAccount' | 'unknown';
  readonly serviceAccount?: WholeObject<V1ServiceAccount>;
}

/** Pods of one namespace with one label set: selectors give one answer for all of them. */
interface PodClass {
  readonly namespace: string;
  readonly labels: Labels;
  readonly workloads: WorkloadSummary[];
}

const NONE: readonly never[] = Object.freeze([]);

function nameKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * The whole objects of the model as the decoded documents they are: `summariseResources`
 * keeps each object's decoded document, which the client-node type (`V1Role`…) describes.
 */
function asKept(list: readonly WholeObject<object>[]): readonly KeptObject[] {
  return list as readonly KeptObject[];
}

/**
 * One string per label set, whatever the order of its keys: the keys sorted, each with its value,
 * between control characters that no valid label key or value holds (a key is a DNS subdomain
 * prefix and a name; a value is alphanumerics, `-`, `_`, `.`). Manifests are not validated, so a
 * set that holds one anyway gets its JSON instead (it starts with `[`, which the other form never
 * does), and two different sets never share a key.
 */
function hasSeparator(text: string): boolean {
  return text.includes('\u0001') || text.includes('\u0002');
}

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let key = '';
  for (const k of keys) {
    const v = labels[k]!;
    if (hasSeparator(k) || hasSeparator(v) || (key === '' && k.startsWith('[')))
      return JSON.stringify(keys.map((x) => [x, labels[x]]));
    key += `${k}\u0001${v}\u0002`;
  }
  return key;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class ClusterModelIndex {
  readonly model: ClusterModel;
  /** Namespace of namespaced objects that name none (the model's). */
  readonly defaultNamespace: string;
  private readonly namespaceByName = new Map<string, NamespaceSummary>();
  private readonly workloadByName = new Map<string, WorkloadSummary>();
  private readonly workloadBySource = new Map<string, WorkloadSummary>();
  private readonly podWorkloadsByNamespace = new Map<string, WorkloadSummary[]>();
  private readonly serviceByName = new Map<string, ServiceSummary>();
  private readonly serviceAccountsByNamespace = new Map<string, WholeObject<V1ServiceAccount>[]>();
  private readonly networkPoliciesByNamespace = new Map<string, KeptObject[]>();
  private readonly limitRangesByNamespace = new Map<string, KeptObject[]>();
  private readonly persistentVolumeByName = new Map<string, KeptObject>();
  /** `namespace/name` of the claim a PersistentVolume's `spec.claimRef` names. */
  private readonly persistentVolumeByClaim = new Map<string, KeptObject>();
  private readonly claimByName = new Map<string, KeptObject>();
  private readonly roleByName = new Map<string, KeptObject>();
  private readonly clusterRoleByName = new Map<string, KeptObject>();
  private readonly selectedBySelector = new Map<string, readonly WorkloadSummary[]>();
  private readonly workloadsByNamespace = new Map<string, WorkloadSummary[]>();
  private readonly workloadsByIdentity = new Map<string, WorkloadSummary[]>();
  private readonly serviceAccountByName = new Map<string, WholeObject<V1ServiceAccount>>();
  private readonly servicesByNamespace = new Map<string, ServiceSummary[]>();
  private readonly classesByNamespace = new Map<string, PodClass[]>();
  private readonly position = new Map<WorkloadSummary, number>();

  constructor(model: ClusterModel) {
    this.model = model;
    this.defaultNamespace = model.defaultNamespace;
    for (const ns of model.namespaces) this.namespaceByName.set(ns.name, ns);
    const classes = new Map<string, PodClass>();
    for (const w of model.workloads) {
      this.position.set(w, this.position.size);
      push(this.workloadsByNamespace, w.namespace, w);
      this.workloadByName.set(nameKey(w.ref.kind, w.namespace, w.ref.name), w);
      this.workloadBySource.set(sourceKey(w.source), w);
      if (runsPods(w.ref)) push(this.podWorkloadsByNamespace, w.namespace, w);
      push(this.workloadsByIdentity, `${w.namespace}/${w.serviceAccount}`, w);
      const key = `${w.namespace}\u0000${labelKey(w.podLabels)}`;
      let cls = classes.get(key);
      if (cls === undefined) {
        cls = { namespace: w.namespace, labels: w.podLabels, workloads: [] };
        classes.set(key, cls);
        push(this.classesByNamespace, w.namespace, cls);
      }
      cls.workloads.push(w);
    }
    for (const sa of model.serviceAccounts) {
      const ns = sa.ref.namespace ?? model.defaultNamespace;
      this.serviceAccountByName.set(`${ns}/${sa.ref.name}`, sa);
      push(this.serviceAccountsByNamespace, ns, sa);
    }
    for (const s of model.services) {
      push(this.servicesByNamespace, s.namespace, s);
      this.serviceByName.set(`${s.namespace}/${s.ref.name}`, s);
    }
    const inNamespace = (o: KeptObject): string => o.ref.namespace ?? model.defaultNamespace;
    for (const p of asKept(model.networkPolicies)) push(this.networkPoliciesByNamespace, inNamespace(p), p);
    for (const lr of asKept(model.limitRanges)) push(this.limitRangesByNamespace, inNamespace(lr), lr);
    for (const pv of asKept(model.persistentVolumes)) {
      this.persistentVolumeByName.set(pv.ref.name, pv);
      const claimRef = asRecord(asRecord(pv.object.spec)?.claimRef);
      const claimName = asString(claimRef?.name);
      if (claimName !== undefined) {
        this.persistentVolumeByClaim.set(
          `${asString(claimRef?.namespace) ?? model.defaultNamespace}/${claimName}`,
          pv,
        );
      }
    }
    for (const c of asKept(model.persistentVolumeClaims))
      this.claimByName.set(`${inNamespace(c)}/${c.ref.name}`, c);
    for (const r of asKept(model.roles)) this.roleByName.set(`${inNamespace(r)}/${r.ref.name}`, r);
    for (const r of asKept(model.clusterRoles)) this.clusterRoleByName.set(r.ref.name, r);
  }

  /**
   * The namespace an object is in: its own, else the default namespace; undefined for a
   * cluster-scoped kind (k8s/resource.ts `namespaceOf`). Depends on nothing but the object and
   * the default namespace, so rules that ask only this still run without the model.
   */
  namespaceOf(ref: Pick<ResourceRef, 'kind' | 'namespace'>): string | undefined {
    return namespaceOf(ref, this.defaultNamespace);
  }

  namespace(name: string): NamespaceSummary | undefined {
    return this.namespaceByName.get(name);
  }

  workloadsIn(namespace: string): readonly WorkloadSummary[] {
    return this.workloadsByNamespace.get(namespace) ?? NONE;
  }

  /** The workloads whose pods run as the ServiceAccount `namespace/name`. */
  workloadsRunningAs(namespace: string, name: string): readonly WorkloadSummary[] {
    return this.workloadsByIdentity.get(`${namespace}/${name}`) ?? NONE;
  }

  serviceAccount(namespace: string, name: string): WholeObject<V1ServiceAccount> | undefined {
    return this.serviceAccountByName.get(`${namespace}/${name}`);
  }

  servicesIn(namespace: string): readonly ServiceSummary[] {
    return this.servicesByNamespace.get(namespace) ?? NONE;
  }

  /** The Service `namespace/name`. */
  service(namespace: string, name: string): ServiceSummary | undefined {
    return this.serviceByName.get(`${namespace}/${name}`);
  }

  /** The ServiceAccounts of a namespace, in input order. */
  serviceAccountsIn(namespace: string): readonly WholeObject<V1ServiceAccount>[] {
    return this.serviceAccountsByNamespace.get(namespace) ?? NONE;
  }

  /**
   * The workloads that run pods in a namespace, in input order: every workload but a
   * `PodTemplate`, which carries a pod spec but starts no pod, so no selector (NetworkPolicy,
   * Service) picks it.
   */
  podWorkloadsIn(namespace: string): readonly WorkloadSummary[] {
    return this.podWorkloadsByNamespace.get(namespace) ?? NONE;
  }

  /** The workload of kind `kind` named `name` in `namespace`. */
  workload(kind: string, namespace: string, name: string): WorkloadSummary | undefined {
    return this.workloadByName.get(nameKey(kind, namespace, name));
  }

  /** The workload read from `source` (the same document, whichever thread read it). */
  workloadAt(source: SourceRef): WorkloadSummary | undefined {
    return this.workloadBySource.get(sourceKey(source));
  }

  /** The objects of kind `NetworkPolicy` (any API group) of a namespace, in input order. */
  networkPoliciesIn(namespace: string): readonly KeptObject[] {
    return this.networkPoliciesByNamespace.get(namespace) ?? NONE;
  }

  /**
   * The PersistentVolume a claim is bound to, as the binder decides it for objects written
   * together: the claim's `spec.volumeName`, else a volume whose `spec.claimRef` names the claim
   * (kubernetes.io/docs/concepts/storage/persistent-volumes/#reserving-a-persistentvolume), else
   * the volume the PersistentVolume controller would pick (component-helpers
   * `storage/volume/pv_helpers.go` FindMatchingVolume): not reserved for another claim, of the
   * claim's storage class, volume mode and (a superset of its) access modes, with the capacity
   * it requests, matching its label selector — the smallest such volume. A claim without
   * `storageClassName` is taken to ask for class "" (a cluster with a default StorageClass gives
   * it that class instead, and then no volume of class "" binds).
   */
  persistentVolumeOf(namespace: string, claimName: string): VolumeBinding | undefined {
    const claim = this.claimByName.get(`${namespace}/${claimName}`);
    const spec = asRecord(claim?.object.spec);
    const volumeName = asString(spec?.volumeName);
    if (volumeName !== undefined) {
      const volume = this.persistentVolumeByName.get(volumeName);
      return volume && { volume, by: 'volumeName' };
    }
    const reserved = this.persistentVolumeByClaim.get(`${namespace}/${claimName}`);
    if (reserved !== undefined) return { volume: reserved, by: 'claimRef' };
    if (claim === undefined) return undefined;
    const storageClass = classOf(claim);
    const mode = asString(spec?.volumeMode) ?? 'Filesystem';
    const modes = asArray(spec?.accessModes).map(String);
    const request = parseQuantity(asRecord(asRecord(spec?.resources)?.requests)?.storage) ?? 0n;
    const selector = spec?.selector === undefined ? undefined : compileLabelSelector(spec.selector);
    let best: { volume: KeptObject; size: bigint } | undefined;
    for (const volume of this.persistentVolumeByName.values()) {
      const v = asRecord(volume.object.spec);
      if (v?.claimRef !== undefined || classOf(volume) !== storageClass) continue;
      if ((asString(v?.volumeMode) ?? 'Filesystem') !== mode) continue;
      const offered = new Set(asArray(v?.accessModes).map(String));
      if (!modes.every((m) => offered.has(m))) continue;
      const size = parseQuantity(asRecord(v?.capacity)?.storage);
      if (size === undefined || size < request) continue;
      const labels = (asRecord(asRecord(volume.object.metadata)?.labels) ?? {}) as Labels;
      if (selector !== undefined && !selectorMatches(selector, labels)) continue;
      if (best === undefined || size < best.size) best = { volume, size };
    }
    return best && { volume: best.volume, by: 'storageClass', storageClass };
  }

  /** The LimitRanges of a namespace, in input order. */
  limitRangesIn(namespace: string): readonly KeptObject[] {
    return this.limitRangesByNamespace.get(namespace) ?? NONE;
  }

  /** The object of kind `Role` (any API group) named `name` in `namespace`. */
  role(namespace: string, name: string): KeptObject | undefined {
    return this.roleByName.get(`${namespace}/${name}`);
  }

  /** The object of kind `ClusterRole` (any API group) named `name`. */
  clusterRole(name: string): KeptObject | undefined {
    return this.clusterRoleByName.get(name);
  }

  /** Every object of kind `ClusterRole`, in input order (aggregation candidates). */
  clusterRoles(): readonly KeptObject[] {
    return asKept(this.model.clusterRoles);
  }

  /** Every object of kind `ClusterRoleBinding`, in input order. */
  clusterRoleBindings(): readonly KeptObject[] {
    return asKept(this.model.clusterRoleBindings);
  }

  /** Every object of kind `RoleBinding`, in input order. */
  roleBindings(): readonly KeptObject[] {
    return asKept(this.model.roleBindings);
  }

  /**
   * Whether the pods get the ServiceAccount's token: the pod spec's
   * `automountServiceAccountToken` wins; unset, the ServiceAccount's decides; the
   * ServiceAccount not in the input, the token is mounted (the API server's default).
   * (ServiceAccount admission plugin; RBAC good practices, "Hardening".)
   */
  tokenMount(
    w: Pick<WorkloadSummary, 'namespace' | 'serviceAccount' | 'podAutomountToken'>,
  ): TokenMountDecision {
    if (w.podAutomountToken !== undefined) return { mounted: w.podAutomountToken, decidedBy: 'pod' };
    const sa = this.serviceAccount(w.namespace, w.serviceAccount);
    if (sa === undefined) return { mounted: true, decidedBy: 'unknown' };
    return {
      mounted: sa.object.automountServiceAccountToken !== false,
      decidedBy: 'serviceAccount',
      serviceAccount: sa,
    };
  }

  /**
   * The workloads a Service's selector picks in its namespace, in input order: none without a
   * selector or with an empty one, never a `PodTemplate` (it runs no pod).
   */
  workloadsSelectedBy(service: Pick<ServiceSummary, 'namespace' | 'selector'>): readonly WorkloadSummary[] {
    const { namespace, selector } = service;
    if (selector === undefined) return NONE;
    const key = `${namespace}\u0000${labelKey(selector)}`;
    let found = this.selectedBySelector.get(key);
    if (found === undefined) {
      found = (this.classesByNamespace.get(namespace) ?? [])
        .flatMap((cls) => (mapSelectorMatches(selector, cls.labels) ? cls.workloads : []))
        .filter((w) => runsPods(w.ref))
        .sort((a, b) => this.position.get(a)! - this.position.get(b)!);
      this.selectedBySelector.set(key, found);
    }
    return found;
  }
}

/** How a claim meets its PersistentVolume (`ClusterModelIndex.persistentVolumeOf`). */
export type VolumeBinding =
  | { readonly volume: KeptObject; readonly by: 'volumeName' | 'claimRef' }
  | { readonly volume: KeptObject; readonly by: 'storageClass'; readonly storageClass: string };

/** `spec.storageClassName`, else the beta annotation, else "" (pv_helpers.go GetPersistentVolume[Claim]Class). */
function classOf(o: KeptObject): string {
  const annotations = asRecord(asRecord(o.object.metadata)?.annotations);
  return (
    asString(asRecord(o.object.spec)?.storageClassName) ??
    asString(annotations?.['volume.beta.kubernetes.io/storage-class']) ??
    ''
  );
}
