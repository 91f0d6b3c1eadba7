/**
 * The exposure figures (DESIGN.md "Attack Surface Exposure"; reference/identity.md §6):
 *  - attackSurfaceExposure: assets reachable from at least one entry point ÷ all assets × 100;
 *  - assumeBreachExposure: the mean blast radius over every workload, as % of all assets;
 *  - criticalPathEntryShare: entry-point workloads with a path to a critical asset, as % of them;
 *  - minHopsToCritical: the fewest hops from an exposing endpoint to a critical asset
 *    (the ENDPOINT_EXPLOIT hop counted, as KubeHound's `services().minHopsToCritical()`), null when none;
 *  - chokePoints: the fixes whose edges carry the most (entry point, asset) shortest paths of
 *    the search from every endpoint at once; removing one cuts those paths (they may have others).
 *
 * Reachability for every workload at once: the strongly connected components of the graph, each
 * with the set of assets it reaches as a bitset, unioned in reverse topological order — every
 * workload with the same identity, network class and escape facts shares its successors' sets.
 */
import type { BuiltGraph } from './build.js';
import { shortestFrom } from './search.js';
import type { TechniqueId } from './types.js';

export interface ChokePoint {
  readonly edge: TechniqueId;
  readonly fix: string;
  readonly evidence: string;
  /** Shortest (entry point, asset) paths through it. */
  readonly paths: number;
}

export interface Exposure {
  readonly attackSurfaceExposure: number;
  readonly assumeBreachExposure: number;
  readonly entryPoints: number;
  readonly assets: number;
  readonly criticalPathEntryShare: number;
  readonly minHopsToCritical: number | null;
  readonly chokePoints: readonly ChokePoint[];
}

/** Percentages with two decimals, so figures compare exactly across runs. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100;
}

export function exposureOf(built: BuiltGraph, chokePointCount = 5): Exposure {
  const { graph } = built;
  const assetIndex = new Int32Array(graph.vertices.length).fill(-1);
  let assets = 0;
  for (const v of graph.vertices) if (v.isAsset) assetIndex[v.id] = assets++;
  const critical = graph.vertices.filter((v) => v.critical).map((v) => assetIndex[v.id]!);
  const reach = reachableAssets(built, assetIndex, assets);

  const words = (assets + 31) >>> 5;
  const fromEntries = new Uint32Array(words);
  for (const e of built.endpoints) orInto(fromEntries, reach(e));
  let breach = 0;
  for (const w of built.workloads) breach += popcount(reach(w)) - 1; // less the workload itself
  const hasCritical = (set: Uint32Array) => critical.some((i) => (set[i >>> 5]! & (1 << (i & 31))) !== 0);
  const entriesToCritical = built.entryWorkloads.filter((w) => hasCritical(reach(w))).length;

  const search = shortestFrom(graph, built.endpoints);
  let minHops: number | null = null;
  for (const v of graph.vertices) {
    const d = search.dist[v.id]!;
    if (v.critical && d >= 0 && (minHops === null || d < minHops)) minHops = d;
  }
  return {
    attackSurfaceExposure: percent(popcount(fromEntries), assets),
    assumeBreachExposure: built.workloads.length === 0 ? 0 : percent(breach / built.workloads.length, assets),
    entryPoints: built.entryWorkloads.length,
    assets,
    criticalPathEntryShare: percent(entriesToCritical, built.entryWorkloads.length),
    minHopsToCritical: minHops,
    chokePoints: chokePoints(built, search, chokePointCount),
  };
}

function chokePoints(
  built: BuiltGraph,
  search: ReturnType<typeof shortestFrom>,
  count: number,
): ChokePoint[] {
  const { graph } = built;
  const below = new Float64Array(graph.vertices.length);
  const byFix = new Map<string, { edge: TechniqueId; fix: string; evidence: string; paths: number }>();
  for (let i = search.order.length - 1; i >= 0; i--) {
    const u = search.order[i]!;
    if (graph.vertices[u]!.isAsset && search.dist[u]! > 0) below[u]! += 1;
    const ei = search.via[u]!;
    if (ei < 0) continue;
    const e = graph.edges[ei]!;
    below[e.from]! += below[u]!;
    if (e.technique === undefined || below[u] === 0) continue;
    const key = `${e.technique}\u0000${e.evidence!.fix}`;
    const entry = byFix.get(key);
    if (entry) entry.paths += below[u]!;
    else
      byFix.set(key, {
        edge: e.technique,
        fix: e.evidence!.fix,
        evidence: e.evidence!.text,
        paths: below[u]!,
      });
  }
  return [...byFix.values()]
    .sort((a, b) => b.paths - a.paths || (a.fix < b.fix ? -1 : a.fix > b.fix ? 1 : 0))
    .slice(0, count);
}

/** For each vertex, the bitset of assets it reaches (itself included), shared per component. */
function reachableAssets(
  built: BuiltGraph,
  assetIndex: Int32Array,
  assets: number,
): (vertex: number) => Uint32Array {
  const { graph } = built;
  const n = graph.vertices.length;
  const out = graph.outgoing;
  const words = (assets + 31) >>> 5;
  // Iterative Tarjan: components are found in reverse topological order.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const sets: Uint32Array[] = [];
  let empty: Uint32Array | undefined;
  let counter = 0;
  const frames: { v: number; i: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frames.push({ v: root, i: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const edges = out[f.v]!;
      if (f.i < edges.length) {
        const w = graph.edges[edges[f.i++]!]!.to;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push({ v: w, i: 0 });
        } else if (onStack[w] === 1) low[f.v] = Math.min(low[f.v]!, index[w]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low[parent.v] = Math.min(low[parent.v]!, low[f.v]!);
      if (low[f.v] !== index[f.v]) continue;
      const id = sets.length;
      const members: number[] = [];
      let m: number;
      do {
        m = stack.pop()!;
        onStack[m] = 0;
        comp[m] = id;
        members.push(m);
      } while (m !== f.v);
      const successors = new Set<number>();
      let ownAssets = false;
      for (const u of members) {
        if (assetIndex[u]! >= 0) ownAssets = true;
        for (const ei of out[u]!) {
          const c = comp[graph.edges[ei]!.to]!;
          if (c !== id && c >= 0) successors.add(c);
        }
      }
      // A component without assets of its own and one successor shares that successor's set.
      if (!ownAssets && successors.size <= 1) {
        const only = successors.values().next();
        sets.push(only.done === true ? (empty ??= new Uint32Array(words)) : sets[only.value]!);
        continue;
      }
      const set = new Uint32Array(words);
      for (const u of members) {
        const a = assetIndex[u]!;
        if (a >= 0) set[a >>> 5]! |= 1 << (a & 31);
      }
      for (const c of successors) orInto(set, sets[c]!);
      sets.push(set);
    }
  }
  return (vertex) => sets[comp[vertex]!]!;
}

function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i]! |= source[i]!;
}

function popcount(set: Uint32Array): number {
  let count = 0;
  for (let x of set) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    count += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}
