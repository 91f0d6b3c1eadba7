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
import { workloadName, type NetpolInput, type NetpolWorkload, type PolicyProblem } from './model.js';

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
  const sources = new Map<string, SourceRef>();
  const key = (kind: string, namespace: string | undefined, name: string) =>
    `${kind}\u0000${namespace ?? ''}\u0000${name}`;
  const workloads = new Map<string, NetpolWorkload>();
  const membersOf = new Map<string, WorkloadSummary[]>();
  const positions = new Map<string, number>();
  const workloadIndexOf = new Map<WorkloadSummary, number>();
  for (const w of model.workloads) {
    const kind = w.ref.kind;
    if (kind === 'PodTemplate') continue;
    sources.set(key(kind, w.namespace, w.ref.name), w.source);
    const owner = kind === 'Pod' ? controllerOf(w) : undefined;
    const ref = { kind: owner?.kind ?? kind, namespace: w.namespace, name: owner?.name ?? w.ref.name };
    const name = workloadName(ref);
    const previous = workloads.get(name);
    if (previous !== undefined) {
      membersOf.get(name)!.push(w);
      workloadIndexOf.set(w, positions.get(name)!);
      if (!sameLabels(previous.podLabels, w.podLabels)) {
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
    membersOf.set(name, [w]);
    positions.set(name, workloads.size);
    workloadIndexOf.set(w, workloads.size);
    workloads.set(name, {
      ref,
      podLabels: w.podLabels,
      ports: w.containers
        .filter((c) => c.list === 'containers')
        .flatMap((c) =>
          c.ports.map((p) => ({
            ...(p.name !== undefined ? { name: p.name } : {}),
            containerPort: p.containerPort,
            protocol: p.protocol,
          })),
        ),
      hostNetwork: w.hostNetwork,
    });
  }
  const networkPolicies: V1NetworkPolicy[] = [];
  const policySources: SourceRef[] = [];
  for (const p of model.networkPolicies) {
    if (!NETWORK_POLICY_API.test(p.ref.apiVersion)) continue;
    const namespace = p.ref.namespace ?? model.defaultNamespace;
    sources.set(key('NetworkPolicy', namespace, p.ref.name), p.source);
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
      sources.set(key(p.ref.kind, undefined, p.ref.name), p.source);
      cluster.push(p.object);
      continue;
    }
    if (!ADMIN_API.test(p.ref.apiVersion)) continue;
    sources.set(key(p.ref.kind, undefined, p.ref.name), p.source);
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
  for (const ns of model.namespaces)
    if (ns.source !== undefined) sources.set(key('Namespace', undefined, ns.name), ns.source);
  return {
    input: {
      namespaces: model.namespaces.map((ns) => ({ name: ns.name, labels: ns.labels })),
      workloads: [...workloads.values()],
      networkPolicies,
      adminNetworkPolicies: admin,
      ...(cluster.length > 0 ? { clusterNetworkPolicies: cluster } : {}),
      ...(baselines[0] !== undefined ? { baselineAdminNetworkPolicy: baselines[0] } : {}),
    },
    problems,
    sourceOf: (kind, namespace, name) => sources.get(key(kind, namespace, name)),
    sourceOfProblem: (p) =>
      (p.kind === 'NetworkPolicy' && p.index !== undefined ? policySources[p.index] : undefined) ??
      sources.get(key(p.kind, p.namespace, p.name)),
    membersOf,
    workloadIndexOf,
    policySources,
  };
}

function controllerOf(w: WorkloadSummary): { kind: string; name: string } | undefined {
  const owner = w.owners.find((o) => o.controller);
  return owner === undefined || owner.kind === 'Node' ? undefined : { kind: owner.kind, name: owner.name };
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
