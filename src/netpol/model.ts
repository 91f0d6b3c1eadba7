/**
 * What the NetworkPolicy engine reads: the slice of the cluster model that network
 * semantics need. Pods are aggregated to their owner workload (netpol-analyzer prints
 * them `ns/name[Kind]`); namespaces carry their labels; policies come whole.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import type { Labels } from '../k8s/selector.js';
import type { AdminNetworkPolicyObject } from './adminPolicy.js';

export interface NetpolNamespace {
  readonly name: string;
  readonly labels: Labels;
}

export interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** TCP when the manifest leaves it out (`ContainerPort.protocol` defaults to TCP). */
  readonly protocol: string;
}

export interface NetpolWorkload {
  readonly ref: WorkloadRef;
  readonly podLabels: Labels;
  /** The container ports of the pods (`spec.containers[*].ports`), in order: named ports resolve to the first match. */
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /** The pods' IPs when known (live cluster, pod dumps): ipBlocks match them (upstream e2e semantics). */
  readonly podIPs?: readonly string[];
}

export interface NetpolInput {
  /** Namespaces with their labels. A namespace referenced but absent is added with its default label. */
  readonly namespaces: readonly NetpolNamespace[];
  readonly workloads: readonly NetpolWorkload[];
  readonly networkPolicies: readonly V1NetworkPolicy[];
  /** policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy objects. */
  readonly adminNetworkPolicies?: readonly AdminNetworkPolicyObject[];
  /** policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy objects (Admin and Baseline tiers). */
  readonly clusterNetworkPolicies?: readonly AdminNetworkPolicyObject[];
  /** The v1alpha1 BaselineAdminNetworkPolicy (a singleton named `default`). */
  readonly baselineAdminNetworkPolicy?: AdminNetworkPolicyObject;
  /** Pod and node CIDRs of the cluster, when known: an ipBlock that overlaps them gets a warning. */
  readonly clusterCidrs?: readonly string[];
}

/** The label the control plane sets on every namespace (stable since 1.22; concept page "Targeting a Namespace by its name"). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** `ns/name[Kind]`, netpol-analyzer's name of a workload peer. */
export function workloadName(ref: WorkloadRef): string {
  return `${ref.namespace}/${ref.name}[${ref.kind}]`;
}

/** A problem with one policy: the analysis goes on without the part that is wrong. */
export interface PolicyProblem {
  readonly severity: 'error' | 'warning';
  /** `NetworkPolicy`, `AdminNetworkPolicy`, `BaselineAdminNetworkPolicy`. */
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** For a NetworkPolicy: its position among `NetpolInput.networkPolicies` (two objects may share a name). */
  readonly index?: number;
  /** For a NetworkPolicy defined more than once: the position of its first definition, the one analysed. */
  readonly duplicateOf?: number;
  /** Field path inside the policy (`spec.ingress[0].from[1].ipBlock.cidr`). */
  readonly path: string;
  readonly message: string;
}
