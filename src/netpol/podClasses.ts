/**
 * Equivalence classes of pods: workloads in the same namespace with the same pod labels
 * and the same named ports are selected by the same selectors and resolve named ports
 * alike, so reachability is computed once per class, never per pod pair. A workload whose
 * pod IPs fall inside some ipBlock is told apart by those IPs too (ipBlocks match pod IPs,
 * as the upstream e2e tests expect — reference/netpol.md §1.5).
 *
 * Classes are indexed by namespace and by `key=value` label, so a selector with a
 * `matchLabels` or `In` requirement looks only at the classes carrying one of its values.
 */
import type { Labels } from '../k8s/selector.js';
import { IpSet } from './ipSet.js';
import { NAMESPACE_NAME_LABEL, type ContainerPort, type NetpolInput, type NetpolWorkload } from './model.js';
import { namedPortsKey } from './ports.js';

export interface PodClass {
  readonly id: number;
  readonly namespace: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** The pods' IPs, set only when they fall inside some ipBlock of the policies. */
  readonly ips?: IpSet;
  readonly hostNetwork: boolean;
  readonly workloads: NetpolWorkload[];
}

export interface PodClassIndex {
  readonly classes: readonly PodClass[];
  /** Namespace name → labels, with `kubernetes.io/metadata.name` always set. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  /** The class of each input workload, by input position. */
  readonly classOf: readonly number[];
  /** Classes told apart by pod IPs (their IPs fall inside some ipBlock). */
  readonly withIps: readonly PodClass[];
  inNamespace(namespace: string): readonly PodClass[];
  /** Classes of a namespace whose pods carry `key=value`. */
  withLabel(namespace: string, key: string, value: string): readonly PodClass[];
}

const NONE: readonly PodClass[] = [];

/**
 * Groups the workloads into classes. `ipBlocks` is the union of every ipBlock of the
 * policies (pod IPs outside it never matter). `extraNamespaces` are namespaces policies
 * live in or name, modelled even without a Namespace object.
 */
export function buildPodClasses(
  input: NetpolInput,
  ipBlocks: IpSet,
  extraNamespaces: Iterable<string>,
): PodClassIndex {
  const namespaces = new Map<string, Labels>();
  // The control plane sets kubernetes.io/metadata.name on every namespace; files rarely
  // carry it, and absent namespaces are modelled with it alone (reference/netpol.md §1.4).
  for (const ns of input.namespaces)
    namespaces.set(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
  const ensure = (name: string) => {
    if (!namespaces.has(name)) namespaces.set(name, { [NAMESPACE_NAME_LABEL]: name });
  };
  for (const name of extraNamespaces) ensure(name);

  const classes: PodClass[] = [];
  const byKey = new Map<string, PodClass>();
  const byNamespace = new Map<string, PodClass[]>();
  // namespace → `key=value` → classes: nested maps, no key string built per label of every class
  const byLabel = new Map<string, Map<string, PodClass[]>>();
  const classOf: number[] = [];
  for (const workload of input.workloads) {
    const namespace = workload.ref.namespace;
    ensure(namespace);
    const ips = relevantIps(workload, ipBlocks);
    const labelKey = labelSetKey(workload.podLabels);
    const key = `${namespace}\u0000${labelKey}\u0000${namedPortsKey(workload.ports)}\u0000${workload.hostNetwork}\u0000${ips?.toString() ?? ''}`;
    let cls = byKey.get(key);
    if (cls === undefined) {
      cls = {
        id: classes.length,
        namespace,
        labels: workload.podLabels,
        ports: workload.ports,
        ...(ips !== undefined ? { ips } : {}),
        hostNetwork: workload.hostNetwork,
        workloads: [],
      };
      classes.push(cls);
      byKey.set(key, cls);
      push(byNamespace, namespace, cls);
      let labelsHere = byLabel.get(namespace);
      if (labelsHere === undefined) byLabel.set(namespace, (labelsHere = new Map<string, PodClass[]>()));
      for (const k in workload.podLabels) push(labelsHere, `${k}=${workload.podLabels[k]!}`, cls);
    }
    cls.workloads.push(workload);
    classOf.push(cls.id);
  }
  return {
    classes,
    namespaces,
    classOf,
    withIps: classes.filter((c) => c.ips !== undefined),
    inNamespace: (namespace) => byNamespace.get(namespace) ?? NONE,
    withLabel: (namespace, k, v) => byLabel.get(namespace)?.get(`${k}=${v}`) ?? NONE,
  };
}

/** `a=1\u0001b=2`: the label set in key order (a label key never holds `=`, a value may; the key's end is the first `=`). */
function labelSetKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) out += `${i > 0 ? '\u0001' : ''}${keys[i]!}=${labels[keys[i]!]!}`;
  return out;
}

function relevantIps(workload: NetpolWorkload, ipBlocks: IpSet): IpSet | undefined {
  if (workload.podIPs === undefined || workload.podIPs.length === 0 || ipBlocks.isEmpty()) return undefined;
  let ips = IpSet.none;
  for (const text of workload.podIPs) {
    const ip = IpSet.fromAddress(text);
    if (ip !== undefined) ips = ips.union(ip);
  }
  return ips.overlaps(ipBlocks) ? ips : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
