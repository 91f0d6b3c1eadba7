/**
 * Which NetworkPolicies of the inventory select a pod, and so whether the pod is
 * isolated for ingress and for egress. Semantics (reference/netpol.md §1.1):
 * a pod is isolated for a direction iff some policy in its own namespace selects it
 * (`spec.podSelector` against the pod's labels) and has that direction in its
 * defaulted `policyTypes`; the two directions are independent. Policies are compiled
 * once per inventory and grouped by namespace, so a query costs one selector match
 * per policy of the pod's namespace.
 */
import type { Inventory } from '../../../k8s/inventory.js';
import { selectorMatches, type Labels } from '../../../k8s/selector.js';
import {
  compileNetworkPolicy,
  deniesAll,
  isKubernetesNetworkPolicy,
  type CompiledNetworkPolicy,
  type Direction,
} from './networkPolicy.js';

const byInventory = new WeakMap<Inventory, ReadonlyMap<string, readonly CompiledNetworkPolicy[]>>();

/** The Kubernetes NetworkPolicies of a namespace, compiled, in input order. */
export function networkPoliciesIn(inventory: Inventory, namespace: string): readonly CompiledNetworkPolicy[] {
  let index = byInventory.get(inventory);
  if (index === undefined) {
    const built = new Map<string, CompiledNetworkPolicy[]>();
    for (const r of inventory.ofKind('NetworkPolicy')) {
      if (!isKubernetesNetworkPolicy(r)) continue;
      const ns = inventory.namespaceOf(r) ?? inventory.defaultNamespace;
      const list = built.get(ns);
      const compiled = compileNetworkPolicy(r, ns);
      if (list) list.push(compiled);
      else built.set(ns, [compiled]);
    }
    index = built;
    byInventory.set(inventory, index);
  }
  return index.get(namespace) ?? [];
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
export function isolationOf(inventory: Inventory, namespace: string, labels: Labels): PodIsolation {
  const selecting = networkPoliciesIn(inventory, namespace).filter((p) =>
    selectorMatches(p.podSelector, labels),
  );
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
