/**
 * Indexes over the cluster model, built once per scan: what engines and cross-object rules
 * look up (a namespace, a ServiceAccount, the workloads of a namespace or of an identity, the
 * workloads a Service selects) without scanning every record. Label selectors are evaluated
 * once per equivalence class of pods (namespace + label set), never once per workload.
 */
import { mapSelectorMatches, type Labels } from '../k8s/selector.js';
import type {
  ClusterModel,
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

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class ClusterModelIndex {
  readonly model: ClusterModel;
  private readonly namespaceByName = new Map<string, NamespaceSummary>();
  private readonly workloadsByNamespace = new Map<string, WorkloadSummary[]>();
  private readonly workloadsByIdentity = new Map<string, WorkloadSummary[]>();
  private readonly serviceAccountByName = new Map<string, WholeObject<V1ServiceAccount>>();
  private readonly servicesByNamespace = new Map<string, ServiceSummary[]>();
  private readonly classesByNamespace = new Map<string, PodClass[]>();
  private readonly selected = new Map<ServiceSummary, readonly WorkloadSummary[]>();
  private readonly position = new Map<WorkloadSummary, number>();

  constructor(model: ClusterModel) {
    this.model = model;
    for (const ns of model.namespaces) this.namespaceByName.set(ns.name, ns);
    const classes = new Map<string, PodClass>();
    for (const w of model.workloads) {
      this.position.set(w, this.position.size);
      push(this.workloadsByNamespace, w.namespace, w);
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
    }
    for (const s of model.services) push(this.servicesByNamespace, s.namespace, s);
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

  /**
   * Whether the pods get the ServiceAccount's token: the pod spec's
   * `automountServiceAccountToken` wins; unset, the ServiceAccount's decides; the
   * ServiceAccount not in the input, the token is mounted (the API server's default).
   * (ServiceAccount admission plugin; RBAC good practices, "Hardening".)
   */
  tokenMount(w: WorkloadSummary): TokenMountDecision {
    if (w.podAutomountToken !== undefined) return { mounted: w.podAutomountToken, decidedBy: 'pod' };
    const sa = this.serviceAccount(w.namespace, w.serviceAccount);
    if (sa === undefined) return { mounted: true, decidedBy: 'unknown' };
    return {
      mounted: sa.object.automountServiceAccountToken !== false,
      decidedBy: 'serviceAccount',
      serviceAccount: sa,
    };
  }

  /** The workloads a Service's selector picks in its namespace (none without a selector), in input order. */
  workloadsSelectedBy(service: ServiceSummary): readonly WorkloadSummary[] {
    let found = this.selected.get(service);
    if (found === undefined) {
      const selector = service.selector;
      found =
        selector === undefined
          ? NONE
          : (this.classesByNamespace.get(service.namespace) ?? [])
              .flatMap((cls) => (mapSelectorMatches(selector, cls.labels) ? cls.workloads : []))
              .sort((a, b) => this.position.get(a)! - this.position.get(b)!);
      this.selected.set(service, found);
    }
    return found;
  }
}
