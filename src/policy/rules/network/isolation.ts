/**
 * Which NetworkPolicies of the input select a pod, and so whether the pod is
 * isolated for ingress and for egress. Semantics (reference/netpol.md §1.1):
 * a pod is isolated for a direction iff some policy in its own namespace selects it
 * (`spec.podSelector` against the pod's labels) and has that direction in its
 * defaulted `policyTypes`; the two directions are independent. Policies are compiled
 * once per model and grouped by namespace, so a query costs one selector match
 * per policy of the pod's namespace.
 */
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { selectorMatches, type Labels } from '../../../k8s/selector.js';
import {
  compileNetworkPolicy,
  deniesAll,
  isKubernetesNetworkPolicy,
  type CompiledNetworkPolicy,
  type Direction,
} from './networkPolicy.js';

const byModel = new WeakMap<ClusterModelIndex, Map<string, readonly CompiledNetworkPolicy[]>>();

/** The Kubernetes NetworkPolicies of a namespace, compiled (once per model), in input order. */
export function networkPoliciesIn(
  model: ClusterModelIndex,
  namespace: string,
): readonly CompiledNetworkPolicy[] {
  let byNamespace = byModel.get(model);
  if (byNamespace === undefined)
    byModel.set(model, (byNamespace = new Map<string, readonly CompiledNetworkPolicy[]>()));
  let compiled = byNamespace.get(namespace);
  if (compiled === undefined) {
    compiled = model
      .networkPoliciesIn(namespace)
      .filter(isKubernetesNetworkPolicy)
      .map((p) => compileNetworkPolicy(p, namespace));
    byNamespace.set(namespace, compiled);
  }
  return compiled;
}

export interface PodIsolation {
  /** Every policy whose podSelector selects the pod, whatever its policyTypes. */
  readonly selecting: readonly CompiledNetworkPolicy[];
  /** The selecting policies that isolate ingress (their ingress rules are the pod's allow-list). */
  readonly ingress: readonly CompiledNetworkPolicy[];
  /** The selecting policies that isolate egress. */
  readonly egress: readonly CompiledNetworkPolicy[];
}

/** The policies that select pods with `labels` in `namespace`, per direction. */
export function isolationOf(model: ClusterModelIndex, namespace: string, labels: Labels): PodIsolation {
  const selecting = networkPoliciesIn(model, namespace).filter((p) => selectorMatches(p.podSelector, labels));
  return {
    selecting,
    ingress: selecting.filter((p) => p.types.ingress),
    egress: selecting.filter((p) => p.types.egress),
  };
}

/** True when the pod is isolated for `direction`. */
export function isIsolated(isolation: PodIsolation, direction: Direction): boolean {
  return isolation[direction].length > 0;
}

/**
 * True when the policy is a namespace-wide default deny for `direction`: its podSelector
 * selects every pod (`{}`), it isolates the direction and it allows nothing in it.
 */
export function isDefaultDeny(policy: CompiledNetworkPolicy, direction: Direction): boolean {
  return policy.podSelector.matchesAll && deniesAll(policy, direction);
}
