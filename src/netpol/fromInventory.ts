/**
 * The engine's input from parsed manifests (an Inventory): the cluster model's adapter
 * (`netpolInputFromModel`), plus what the model does not carry — the IPs of Pod objects
 * that have a status (live-cluster dumps, `kubectl get pods -o json`), against which
 * ipBlocks are matched as the upstream e2e tests do (reference/netpol.md §1.5).
 */
import type { Inventory } from '../k8s/inventory.js';
import { asArray, asRecord, asString } from '../k8s/shape.js';
import { buildClusterModel } from '../model/build.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { netpolInputFromModel, type AdaptedInput } from './fromModel.js';
import { workloadName } from './model.js';

export type InventoryInput = AdaptedInput;

/** `model`: the inventory's cluster model, when the caller has built it already. */
export function netpolInputFromInventory(
  inventory: Inventory,
  model: ClusterModel = buildClusterModel(inventory.resources, {
    defaultNamespace: inventory.defaultNamespace,
  }),
): InventoryInput {
  const adapted = netpolInputFromModel(model);
  const ipsOf = new Map<string, string[]>();
  for (const [name, members] of adapted.membersOf) {
    const ips = members.flatMap((m) =>
      m.ref.kind === 'Pod' ? podIpsOf(inventory.get('Pod', m.namespace, m.ref.name)?.object.status) : [],
    );
    if (ips.length > 0) ipsOf.set(name, ips);
  }
  if (ipsOf.size === 0) return adapted;
  return {
    ...adapted,
    input: {
      ...adapted.input,
      workloads: adapted.input.workloads.map((w) => {
        const podIPs = ipsOf.get(workloadName(w.ref));
        return podIPs !== undefined ? { ...w, podIPs } : w;
      }),
    },
  };
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
