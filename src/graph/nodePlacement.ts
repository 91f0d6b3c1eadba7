/**
 * Which pods may share a node. The input names no real nodes, so nodes are the placements the
 * pods ask for: `spec.nodeName` (that node), a `nodeSelector` (a node with those labels), or
 * none (the abstract node `*`, any node). Two placements are kept apart only when the pod specs
 * themselves exclude it: two different `nodeName`s, or two selectors that require different
 * values of one label. A `nodeName` and a selector may meet (the node's labels are unknown);
 * an unconstrained pod meets every other. Tolerations and affinity are not in the model.
 */
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { Asset } from './types.js';

export interface Placement {
  /** The node vertex the pods land on. */
  readonly node: Asset;
  readonly nodeName?: string;
  readonly selector: Readonly<Record<string, string>>;
}

export function placementOf(w: WorkloadSummary): Placement {
  if (w.nodeName !== undefined && w.nodeName !== '')
    return { node: { kind: 'Node', namespace: '', name: w.nodeName }, nodeName: w.nodeName, selector: {} };
  const keys = Object.keys(w.nodeSelector).sort();
  if (keys.length === 0) return { node: { kind: 'Node', namespace: '', name: '*' }, selector: {} };
  const name = keys.map((k) => `${k}=${w.nodeSelector[k]}`).join(',');
  return { node: { kind: 'Node', namespace: '', name: `[${name}]` }, selector: w.nodeSelector };
}

/** True unless the two placements can never be the same node. */
export function mayShareNode(a: Placement, b: Placement): boolean {
  if (a.nodeName !== undefined && b.nodeName !== undefined) return a.nodeName === b.nodeName;
  for (const [k, v] of Object.entries(a.selector)) {
    const other = b.selector[k];
    if (other !== undefined && other !== v) return false;
  }
  return true;
}
