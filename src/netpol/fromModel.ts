/**
 * The engine's input from the cluster model. Pods are aggregated to their controlling
 * owner as netpol-analyzer does (`PodFromCoreObject`: the `controller: true`
 * ownerReference, unless it is a Node — mirror pods stay `[Pod]`); only `spec.containers`
 * ports count, as there (init and ephemeral containers serve no traffic a policy names).
 *
 * The model carries no pod status, so pod IPs are unknown here: ipBlocks then match only
 * external addresses. `netpolInputFromInventory` adds the IPs of Pod objects that have them.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import type { SourceRef } from '../k8s/resource.js';
import type { ClusterModel, WorkloadSummary } from '../model/clusterModel.js';
import type { AdminNetworkPolicyObject } from './adminPolicy.js';
import {
  workloadName,
  type ContainerPort,
  type NetpolInput,
  type NetpolWorkload,
  type PolicyProblem,
} from './model.js';

export interface AdaptedInput {
  readonly input: NetpolInput;
  /** Pods of one owner with different labels (netpol-analyzer rejects them; the first pod's labels are kept). */
  readonly problems: readonly PolicyProblem[];
  /** Where an object came from, for messages with file:line (of two objects of one name, the later). */
  readonly sourceOf: (kind: string, namespace: string | undefined, name: string) => SourceRef | undefined;
  /** Where the object a problem is about came from: for a NetworkPolicy the very object, even when two share a name. */
  readonly sourceOfProblem: (problem: PolicyProblem) => SourceRef | undefined;
  /** The model workloads behind each engine workload (several pods of one owner), by `ns/name[Kind]`. */
  readonly membersOf: ReadonlyMap<string, readonly WorkloadSummary[]>;
  /** The engine workload (position in `input.workloads`) each model workload is part of. */
  readonly workloadIndexOf: ReadonlyMap<WorkloadSummary, number>;
  /** Where each of `input.networkPolicies` was read, by position (two objects may share a name). */
  readonly policySources: readonly SourceRef[];
}

const NETWORK_POLICY_API = /^(?:networking\.k8s\.io\/[^/]+|extensions\/v1beta1)$/;
const ADMIN_API = /^policy\.networking\.k8s\.io\/v1alpha1$/;
const CLUSTER_NETWORK_POLICY_API = /^policy\.networking\.k8s\.io\/v1alpha2$/;

export function netpolInputFromModel(model: ClusterModel): AdaptedInput {
  const problems: PolicyProblem[] = [];
  // engine workload name → its position in `workloads`
  const positions = new Map<string, number>();
  const workloads: NetpolWorkload[] = [];
  const workloadIndexOf = new Map<WorkloadSummary, number>();
  for (const w of model.workloads) {
    const kind = w.ref.kind;
    if (kind === 'PodTemplate') continue;
    const owner = kind === 'Pod' ? controllerOf(w) : undefined;
    const ref = { kind: owner?.kind ?? kind, namespace: w.namespace, name: owner?.name ?? w.ref.name };
    const name = workloadName(ref);
    const position = positions.get(name);
    if (position !== undefined) {
      workloadIndexOf.set(w, position);
      if (!sameLabels(workloads[position]!.podLabels, w.podLabels)) {
        problems.push({
          severity: 'warning',
          kind,
          namespace: ref.namespace,
          name: w.ref.name,
          path: 'metadata.labels',
          message: `pods of the same owner ${name} have different labels; the first pod's labels are used`,
        });
      }
      continue;
    }
    positions.set(name, workloads.length);
    workloadIndexOf.set(w, workloads.length);
    // the model's port records have the engine's shape already: shared, not copied
    const ports: ContainerPort[] = [];
    for (const c of w.containers) if (c.list === 'containers') for (const p of c.ports) ports.push(p);
    workloads.push({ ref, podLabels: w.podLabels, ports, hostNetwork: w.hostNetwork });
  }
  const networkPolicies: V1NetworkPolicy[] = [];
  const policySources: SourceRef[] = [];
  for (const p of model.networkPolicies) {
    if (!NETWORK_POLICY_API.test(p.ref.apiVersion)) continue;
    const namespace = p.ref.namespace ?? model.defaultNamespace;
    policySources.push(p.source);
    networkPolicies.push(
      p.ref.namespace === undefined
        ? { ...p.object, metadata: { ...p.object.metadata, namespace } }
        : p.object,
    );
  }
  const admin: AdminNetworkPolicyObject[] = [];
  const baselines: AdminNetworkPolicyObject[] = [];
  const cluster: AdminNetworkPolicyObject[] = [];
  for (const p of model.adminNetworkPolicies) {
    if (p.ref.kind === 'ClusterNetworkPolicy' && CLUSTER_NETWORK_POLICY_API.test(p.ref.apiVersion)) {
      cluster.push(p.object);
      continue;
    }
    if (!ADMIN_API.test(p.ref.apiVersion)) continue;
    if (p.ref.kind === 'AdminNetworkPolicy') admin.push(p.object);
    else if (p.ref.kind === 'BaselineAdminNetworkPolicy') {
      if (baselines.length > 0) {
        problems.push({
          severity: 'error',
          kind: 'BaselineAdminNetworkPolicy',
          name: p.ref.name,
          path: 'metadata.name',
          message: 'only one BaselineAdminNetworkPolicy (named "default") may exist; this one is left out',
        });
      } else baselines.push(p.object);
    }
  }
  // messages need sources rarely: indexed on first use
  let sources: Map<string, SourceRef> | undefined;
  const sourceOf = (kind: string, namespace: string | undefined, name: string) =>
    (sources ??= sourceIndex(model)).get(sourceKeyOf(kind, namespace, name));
  let membersOf: Map<string, WorkloadSummary[]> | undefined;
  return {
    input: {
      namespaces: model.namespaces.map((ns) => ({ name: ns.name, labels: ns.labels })),
      workloads,
      networkPolicies,
      adminNetworkPolicies: admin,
      ...(cluster.length > 0 ? { clusterNetworkPolicies: cluster } : {}),
      ...(baselines[0] !== undefined ? { baselineAdminNetworkPolicy: baselines[0] } : {}),
    },
    problems,
    sourceOf,
    sourceOfProblem: (p) =>
      (p.kind === 'NetworkPolicy' && p.index !== undefined ? policySources[p.index] : undefined) ??
      sourceOf(p.kind, p.namespace, p.name),
    get membersOf() {
      if (membersOf === undefined) {
        membersOf = new Map();
        for (const [w, i] of workloadIndexOf) {
          const name = workloadName(workloads[i]!.ref);
          const list = membersOf.get(name);
          if (list) list.push(w);
          else membersOf.set(name, [w]);
        }
      }
      return membersOf;
    },
    workloadIndexOf,
    policySources,
  };
}

function sourceKeyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/** Where each object of the model was read, by kind, namespace and name (of two, the later). */
function sourceIndex(model: ClusterModel): Map<string, SourceRef> {
  const sources = new Map<string, SourceRef>();
  for (const w of model.workloads)
    if (w.ref.kind !== 'PodTemplate') sources.set(sourceKeyOf(w.ref.kind, w.namespace, w.ref.name), w.source);
  for (const p of model.networkPolicies) {
    if (!NETWORK_POLICY_API.test(p.ref.apiVersion)) continue;
    sources.set(
      sourceKeyOf('NetworkPolicy', p.ref.namespace ?? model.defaultNamespace, p.ref.name),
      p.source,
    );
  }
  for (const p of model.adminNetworkPolicies) {
    const cnp = p.ref.kind === 'ClusterNetworkPolicy' && CLUSTER_NETWORK_POLICY_API.test(p.ref.apiVersion);
    if (cnp || ADMIN_API.test(p.ref.apiVersion))
      sources.set(sourceKeyOf(p.ref.kind, undefined, p.ref.name), p.source);
  }
  for (const ns of model.namespaces)
    if (ns.source !== undefined) sources.set(sourceKeyOf('Namespace', undefined, ns.name), ns.source);
  return sources;
}

function controllerOf(w: WorkloadSummary): { kind: string; name: string } | undefined {
  const owner = w.owners.find((o) => o.controller);
  return owner === undefined || owner.kind === 'Node' ? undefined : { kind: owner.kind, name: owner.name };
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
