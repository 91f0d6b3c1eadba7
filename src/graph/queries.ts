/**
 * The questions the graph answers for one start: the shortest attack paths from a workload or
 * an endpoint, and a workload's blast radius (DESIGN.md "Blast radius": the assets reachable
 * from it by attack paths — never the workload itself).
 */
import type { BuiltGraph } from './build.js';
import { pathTo, shortestFrom } from './search.js';
import { assetText, type Asset, type AttackPath } from './types.js';

export interface ReachedAsset extends Asset {
  readonly hops: number;
}

export interface BlastRadius {
  readonly workload: Asset;
  /** Sorted by kind, then hops, then namespace and name. */
  readonly assets: readonly ReachedAsset[];
}

export function blastRadius(built: BuiltGraph, workload: number): BlastRadius {
  const { graph } = built;
  const search = shortestFrom(graph, [workload]);
  const assets: ReachedAsset[] = [];
  for (const u of search.order) {
    const vertex = graph.vertices[u]!;
    if (u === workload || !vertex.isAsset) continue;
    assets.push({ ...vertex.asset, hops: search.dist[u]! });
  }
  assets.sort(
    (a, b) =>
      compare(a.kind, b.kind) ||
      a.hops - b.hops ||
      compare(a.namespace, b.namespace) ||
      compare(a.name, b.name),
  );
  return { workload: graph.vertices[workload]!.asset, assets };
}

export interface PathOptions {
  /** Only the path to this vertex. */
  readonly to?: number;
  /** At most this many paths (default 10). */
  readonly max?: number;
}

/**
 * One shortest path to each asset reachable from `from` (or only to `to`): paths to the
 * critical asset first, then to the node, then by length and name.
 */
export function attackPaths(built: BuiltGraph, from: number, options: PathOptions = {}): AttackPath[] {
  const { graph } = built;
  const search = shortestFrom(graph, [from]);
  const max = options.max ?? 10;
  let targets: number[];
  if (options.to !== undefined) targets = search.dist[options.to]! > 0 ? [options.to] : [];
  else {
    const rank = (u: number) =>
      graph.vertices[u]!.critical ? 0 : graph.vertices[u]!.asset.kind === 'Node' ? 1 : 2;
    targets = search.order
      .filter((u) => u !== from && graph.vertices[u]!.isAsset && search.dist[u]! > 0)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          search.dist[a]! - search.dist[b]! ||
          compare(assetText(graph.vertices[a]!.asset), assetText(graph.vertices[b]!.asset)),
      );
  }
  return targets.slice(0, max).map((t) => pathTo(graph, search, t));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
