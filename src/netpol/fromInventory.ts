/**
 * Builds the engine's input from parsed manifests (an Inventory), until the cluster model
 * carries the same summary. Pods are aggregated to their controlling owner as
 * netpol-analyzer does (`PodFromCoreObject`: the `controller: true` ownerReference, unless
 * it is a Node — mirror pods stay `[Pod]`); only `spec.containers` ports count, as there.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import type { Inventory } from '../k8s/inventory.js';
import type { SourceRef } from '../k8s/resource.js';
import { asArray, asRecord, asString, isRecord } from '../k8s/shape.js';
import type { ContainerPort, NetpolInput, NetpolWorkload, PolicyProblem } from './model.js';

export interface InventoryInput {
  readonly input: NetpolInput;
  /** Pods of one owner with different labels (netpol-analyzer rejects them; the first pod's labels are kept). */
  readonly problems: readonly PolicyProblem[];
  /** Where a policy came from, for error messages with file:line. */
  readonly sourceOf: (kind: string, namespace: string | undefined, name: string) => SourceRef | undefined;
}

const NETWORK_POLICY_API = /^(?:networking\.k8s\.io\/[^/]+|extensions\/v1beta1)$/;
const ADMIN_API = /^policy\.networking\.k8s\.io\/v1alpha1$/;

export function netpolInputFromInventory(inventory: Inventory): InventoryInput {
  const problems: PolicyProblem[] = [];
  const namespaces = inventory.ofKind('Namespace').map((r) => ({ name: r.ref.name, labels: r.labels }));
  const workloads = new Map<string, NetpolWorkload>();
  for (const w of inventory.workloads()) {
    if (w.resource.ref.kind === 'PodTemplate') continue;
    const kind = w.resource.ref.kind;
    const owner = kind === 'Pod' ? controllerOf(w.resource.object.metadata) : undefined;
    const ref = {
      kind: owner?.kind ?? kind,
      namespace: w.namespace,
      name: owner?.name ?? w.resource.ref.name,
    };
    const key = `${ref.namespace}/${ref.name}[${ref.kind}]`;
    const spec = w.template.spec;
    const podIPs = kind === 'Pod' ? podIpsOf(w.resource.object.status) : [];
    const previous = workloads.get(key);
    if (previous !== undefined) {
      if (!sameLabels(previous.podLabels, w.template.labels)) {
        problems.push({
          severity: 'warning',
          kind,
          namespace: ref.namespace,
          name: w.resource.ref.name,
          path: 'metadata.labels',
          message: `pods of the same owner ${key} have different labels; the first pod's labels are used`,
        });
      }
      if (podIPs.length > 0)
        workloads.set(key, { ...previous, podIPs: [...(previous.podIPs ?? []), ...podIPs] });
      continue;
    }
    workloads.set(key, {
      ref,
      podLabels: w.template.labels,
      ports: asArray(spec.containers).flatMap((c) => portsOf(c)),
      hostNetwork: spec.hostNetwork === true,
      ...(podIPs.length > 0 ? { podIPs } : {}),
    });
  }
  const networkPolicies = inventory
    .ofKind('NetworkPolicy')
    .filter((r) => NETWORK_POLICY_API.test(r.ref.apiVersion))
    .map((r) => {
      // The engine re-reads every field defensively: the cast only names the expected shape.
      const object = r.object as V1NetworkPolicy;
      return r.ref.namespace === undefined
        ? { ...object, metadata: { ...object.metadata, namespace: inventory.defaultNamespace } }
        : object;
    });
  const adminNetworkPolicies = inventory
    .ofKind('AdminNetworkPolicy')
    .filter((r) => ADMIN_API.test(r.ref.apiVersion));
  const baselines = inventory
    .ofKind('BaselineAdminNetworkPolicy')
    .filter((r) => ADMIN_API.test(r.ref.apiVersion));
  for (const extra of baselines.slice(1)) {
    problems.push({
      severity: 'error',
      kind: 'BaselineAdminNetworkPolicy',
      name: extra.ref.name,
      path: 'metadata.name',
      message: 'only one BaselineAdminNetworkPolicy (named "default") may exist; this one is left out',
    });
  }
  return {
    input: {
      namespaces,
      workloads: [...workloads.values()],
      networkPolicies,
      adminNetworkPolicies: adminNetworkPolicies.map((r) => r.object),
      ...(baselines[0] !== undefined ? { baselineAdminNetworkPolicy: baselines[0].object } : {}),
    },
    problems,
    sourceOf: (kind, namespace, name) => inventory.get(kind, namespace, name)?.source,
  };
}

function controllerOf(metadata: unknown): { kind: string; name: string } | undefined {
  for (const ref of asArray(asRecord(metadata)?.ownerReferences)) {
    if (!isRecord(ref) || ref.controller !== true) continue;
    const kind = asString(ref.kind);
    const name = asString(ref.name);
    if (kind === undefined || name === undefined || kind === 'Node') return undefined;
    return { kind, name };
  }
  return undefined;
}

function podIpsOf(status: unknown): string[] {
  const s = asRecord(status);
  const listed = asArray(s?.podIPs).flatMap((p) => {
    const ip = asString(asRecord(p)?.ip);
    return ip !== undefined ? [ip] : [];
  });
  if (listed.length > 0) return listed;
  const single = asString(s?.podIP);
  return single !== undefined && single !== '' ? [single] : [];
}

function portsOf(container: unknown): ContainerPort[] {
  return asArray(asRecord(container)?.ports).flatMap((p) => {
    const port = asRecord(p);
    const number = port?.containerPort;
    if (typeof number !== 'number') return [];
    const name = asString(port?.name);
    return [
      {
        ...(name !== undefined ? { name } : {}),
        containerPort: number,
        protocol: asString(port?.protocol) ?? 'TCP',
      },
    ];
  });
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
