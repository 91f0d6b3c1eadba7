/**
 * The attack graph as the HTML report draws it. The graph keeps group vertices ("every pod of
 * namespace X", network classes) so its edge count stays linear in the input; a reader wants the
 * real vertices and one arrow per technique, so each technique edge is drawn between the real
 * vertices its group ends stand for (followed through free membership edges), once per
 * (from, to, technique). A group that stands for too many vertices to draw is drawn as itself,
 * labelled with what it stands for. Past `maxEdges` arrows, the rest are left out and counted.
 */
import { buildAttackGraph, type BuiltGraph, type GraphOptions } from '../graph/build.js';
import { exposureOf, type Exposure } from '../graph/exposure.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { assetText, TECHNIQUES, type Asset, type Vertex } from '../graph/types.js';
import type { HtmlFigure, HtmlGraph, HtmlGraphEdge, HtmlGraphVertex } from './html.js';
import type { VertexGroup } from './htmlLayout.js';

export interface HtmlGraphOptions {
  /** Arrows drawn at most. @default 20,000 */
  readonly maxEdges?: number;
  /** A group standing for more real vertices than this is drawn as one vertex. @default 50 */
  readonly maxExpansion?: number;
}

export interface DrawnGraph {
  readonly graph: HtmlGraph;
  /** Technique edges (after expansion) not drawn because of `maxEdges`. */
  readonly omittedEdges: number;
}

const ENDPOINT_KINDS = new Set([
  'Service',
  'Ingress',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
  'HostNetwork',
  'HostPort',
]);

function groupOf(v: Vertex, endpoint: boolean): VertexGroup {
  if (v.critical) return 'critical';
  if (endpoint) return 'entry';
  if (v.workload) return 'workload';
  switch (v.asset.kind) {
    case 'ServiceAccount':
    case 'User':
    case 'Group':
    case 'CloudIdentity':
      return 'identity';
    case 'Secret':
      return 'secret';
    case 'Node':
      return 'node';
    default:
      return ENDPOINT_KINDS.has(v.asset.kind) ? 'entry' : 'permission';
  }
}

function labelOf(asset: Asset, group: boolean): string {
  if (!group)
    return asset.namespace === ''
      ? `${asset.kind} ${asset.name}`
      : `${asset.kind} ${asset.namespace}/${asset.name}`;
  const where =
    asset.namespace === '*' || asset.namespace === '' ? 'all namespaces' : `namespace ${asset.namespace}`;
  return `every ${asset.kind} of ${where}`;
}

/** The drawing of `built`: real vertices, technique arrows between them. */
export function drawnGraph(built: BuiltGraph, options: HtmlGraphOptions = {}): DrawnGraph {
  const maxEdges = options.maxEdges ?? 20_000;
  const maxExpansion = options.maxExpansion ?? 50;
  const { graph } = built;
  const out = graph.outgoing;
  const into = graph.incoming;
  const endpoints = new Set(built.endpoints);

  /** The real vertices a group end stands for, following free edges in `direction`. */
  const expansion = new Map<string, number[]>();
  function realEnds(start: number, direction: 'out' | 'in'): number[] {
    const key = `${direction}${start}`;
    const cached = expansion.get(key);
    if (cached !== undefined) return cached;
    const found: number[] = [];
    const seen = new Set<number>([start]);
    const stack = [start];
    while (stack.length > 0 && found.length <= maxExpansion) {
      const v = stack.pop()!;
      for (const i of direction === 'out' ? out[v]! : into[v]!) {
        const e = graph.edges[i]!;
        if (e.technique !== undefined) continue;
        const w = direction === 'out' ? e.to : e.from;
        if (seen.has(w)) continue;
        seen.add(w);
        if (graph.vertices[w]!.role === 'real') found.push(w);
        else stack.push(w);
      }
    }
    // too many to draw one by one: the group is drawn as itself
    const ends = found.length > maxExpansion ? [start] : found;
    expansion.set(key, ends);
    return ends;
  }

  const drawn = new Map<number, HtmlGraphVertex>();
  const draw = (id: number): string => {
    let d = drawn.get(id);
    if (d === undefined) {
      const vertex = graph.vertices[id]!;
      const isGroup = vertex.role !== 'real';
      d = {
        id: String(id),
        group: isGroup ? 'permission' : groupOf(vertex, endpoints.has(id)),
        kind: vertex.asset.kind,
        namespace: vertex.asset.namespace,
        name: vertex.asset.name,
        label: isGroup
          ? labelOf(vertex.asset, true)
          : vertex.asset.name === '*'
            ? `${vertex.asset.kind}${vertex.asset.namespace !== '' ? ` ${vertex.asset.namespace}` : ''}`
            : vertex.asset.name,
      };
      drawn.set(id, d);
    }
    return d.id;
  };
  // every workload and asset is drawn, even with no arrow: the figures count them
  for (const v of graph.vertices)
    if (v.role === 'real' && (v.isAsset || v.workload || endpoints.has(v.id))) draw(v.id);

  const edges: HtmlGraphEdge[] = [];
  const seen = new Set<string>();
  let omitted = 0;
  for (const e of graph.edges) {
    if (e.technique === undefined) continue;
    const froms = graph.vertices[e.from]!.role === 'real' ? [e.from] : realEnds(e.from, 'in');
    const tos = graph.vertices[e.to]!.role === 'real' ? [e.to] : realEnds(e.to, 'out');
    for (const from of froms) {
      for (const to of tos) {
        if (from === to) continue;
        const key = `${from}\u0000${to}\u0000${e.technique}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (edges.length >= maxEdges) {
          omitted++;
          continue;
        }
        edges.push({
          from: draw(from),
          to: draw(to),
          edge: e.technique,
          mitre: TECHNIQUES[e.technique].mitre,
          evidence: e.evidence?.text ?? '',
          fix: e.evidence?.fix ?? '',
        });
      }
    }
  }
  // a group drawn as itself leads to its members with free edges: draw those as arrows too
  for (const [id, d] of drawn) {
    if (graph.vertices[id]!.role === 'real') continue;
    for (const i of out[id]!) {
      const e = graph.edges[i]!;
      if (e.technique !== undefined || graph.vertices[e.to]!.role !== 'real') continue;
      if (edges.length >= maxEdges) {
        omitted++;
        continue;
      }
      edges.push({
        from: d.id,
        to: draw(e.to),
        edge: 'MEMBER',
        mitre: '-',
        evidence: `${d.label} includes ${assetText(graph.vertices[e.to]!.asset)}`,
      });
    }
  }
  return { graph: { vertices: [...drawn.values()], edges }, omittedEdges: omitted };
}

/** The exposure figures as the page's cards (before → after when a fix was applied). */
export function exposureFigures(before: Exposure, after?: Exposure): HtmlFigure[] {
  const pct = (n: number) => `${n.toFixed(2)} %`;
  const both = (f: (e: Exposure) => string) =>
    after === undefined ? f(before) : `${f(before)} → ${f(after)}`;
  return [
    {
      label: 'Attack Surface Exposure',
      value: both((e) => pct(e.attackSurfaceExposure)),
      hint: 'assets reachable from at least one entry point, as a share of all assets',
    },
    {
      label: 'assume-breach exposure',
      value: both((e) => pct(e.assumeBreachExposure)),
      hint: 'mean blast radius over all workloads, as a share of all assets',
    },
    { label: 'entry points', value: both((e) => String(e.entryPoints)) },
    { label: 'assets', value: both((e) => String(e.assets)) },
    {
      label: 'entry points with a path to cluster admin',
      value: both((e) => pct(e.criticalPathEntryShare)),
    },
    {
      label: 'fewest hops to cluster admin',
      value: both((e) => (e.minHopsToCritical === null ? 'none' : String(e.minHopsToCritical))),
    },
  ];
}

/** What the page shows of the attack graph: its drawing, the exposure figures, a note when it was cut. */
export function attackGraphPage(
  model: ClusterModel,
  options: GraphOptions & HtmlGraphOptions = {},
): { graph: HtmlGraph; figures: HtmlFigure[]; graphNote?: string } {
  const built = buildAttackGraph(model, options);
  const drawn = drawnGraph(built, options);
  return {
    graph: drawn.graph,
    figures: exposureFigures(exposureOf(built)),
    ...(drawn.omittedEdges > 0
      ? {
          graphNote: `${drawn.omittedEdges} more arrows are not drawn (the page draws ${drawn.graph.edges.length}); kubeward paths and blast-radius answer for every asset.`,
        }
      : {}),
  };
}
