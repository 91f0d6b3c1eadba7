/**
 * Shortest attack paths: a 0-1 breadth-first search (technique edges cost one hop, group
 * memberships none), so a distance is the number of techniques an attacker uses. Paths are
 * shown as hops between real vertices, each with the one technique edge that joins them.
 */
import type { AttackGraph } from './attackGraph.js';
import { TECHNIQUES, type AttackPath, type Hop, type TechniqueId } from './types.js';

export interface SearchResult {
  /** Hops from the nearest source; -1 when unreachable. */
  readonly dist: Int32Array;
  /** The edge by which each vertex was first reached on a shortest path; -1 for sources and unreached. */
  readonly via: Int32Array;
  /** Vertices in the order they were settled. */
  readonly order: readonly number[];
}

export function shortestFrom(
  graph: AttackGraph,
  sources: readonly number[],
  /** Paths that use no edge of this technique. */
  without?: TechniqueId,
): SearchResult {
  return search01(graph, sources, false, without);
}

/**
 * The shortest distance from every vertex to the nearest of `targets` (the same search over
 * the edges reversed): one search answers "how far is each workload from the node" for all of
 * them. `via` is then the edge by which a vertex leaves on a shortest path.
 */
export function shortestTo(
  graph: AttackGraph,
  targets: readonly number[],
  /** Paths that use no edge of this technique. */
  without?: TechniqueId,
): SearchResult {
  return search01(graph, targets, true, without);
}

function search01(
  graph: AttackGraph,
  sources: readonly number[],
  reversed: boolean,
  without?: TechniqueId,
): SearchResult {
  const n = graph.vertices.length;
  const dist = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const order: number[] = [];
  const adjacent = reversed ? graph.incoming : graph.outgoing;
  // Deque as two stacks of the current and next distance (0-1 BFS by levels).
  let current: number[] = [];
  for (const s of sources) {
    if (dist[s] === -1) {
      dist[s] = 0;
      current.push(s);
    }
  }
  let level = 0;
  while (current.length > 0) {
    const next: number[] = [];
    while (current.length > 0) {
      const u = current.pop()!;
      if (done[u] === 1) continue;
      done[u] = 1;
      order.push(u);
      for (const ei of adjacent[u]!) {
        const e = graph.edges[ei]!;
        if (without !== undefined && e.technique === without) continue;
        const w = reversed ? e.from : e.to;
        const d = level + (e.technique === undefined ? 0 : 1);
        const known = dist[w]!;
        if (known !== -1 && known <= d) continue;
        dist[w] = d;
        via[w] = ei;
        (d === level ? current : next).push(w);
      }
    }
    current = next;
    level++;
  }
  return { dist, via, order };
}

/** The path to `target` found by the search, as hops between real vertices. */
export function pathTo(graph: AttackGraph, search: SearchResult, target: number): AttackPath {
  const edges: number[] = [];
  for (let at = target; search.via[at]! >= 0; at = graph.edges[search.via[at]!]!.from)
    edges.push(search.via[at]!);
  edges.reverse();
  return hopsOf(graph, edges, target);
}

/** The path from `source` found by `shortestTo`, as hops between real vertices. */
export function pathFrom(graph: AttackGraph, search: SearchResult, source: number): AttackPath {
  const edges: number[] = [];
  for (let at = source; search.via[at]! >= 0; at = graph.edges[search.via[at]!]!.to)
    edges.push(search.via[at]!);
  return hopsOf(graph, edges, source);
}

/** Consecutive edges as hops: each technique edge joins the real vertices around it (groups are not shown). */
export function hopsOf(graph: AttackGraph, edges: readonly number[], alone: number): AttackPath {
  const hops: Hop[] = [];
  const first = edges[0] === undefined ? alone : graph.edges[edges[0]]!.from;
  let from = graph.vertices[first]!;
  let pending: number | undefined;
  for (const ei of edges) {
    const e = graph.edges[ei]!;
    if (e.technique !== undefined) pending = ei;
    const to = graph.vertices[e.to]!;
    if (to.role !== 'real' || pending === undefined) continue;
    const t = graph.edges[pending]!;
    hops.push({
      from: from.asset,
      to: to.asset,
      edge: t.technique!,
      mitre: TECHNIQUES[t.technique!].mitre,
      evidence: t.evidence!.text,
      fix: t.evidence!.fix,
    });
    from = to;
    pending = undefined;
  }
  return { hops };
}
