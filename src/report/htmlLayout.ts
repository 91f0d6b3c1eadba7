/**
 * Positions for the attack graph of the HTML report, computed once at report time (force
 * layouts take minutes at a few thousand vertices: `reference/stack.md` §1g). Attack paths read
 * left to right, so the layout is layered: a vertex's column is its hop distance from the
 * nearest entry point; vertices no entry point reaches come after, by their distance from the
 * nearest workload. Within a column vertices are ordered by kind, namespace and label, and a
 * column taller than `rowsPerColumn` wraps into several, so thousands of workloads stay a block
 * the eye can scan rather than a line a mile long. Deterministic: the same graph, the same picture.
 */

/** What a vertex stands for, coarsely: the layout's ordering and the page's colours. */
export const VERTEX_GROUPS = [
  'entry',
  'workload',
  'identity',
  'permission',
  'secret',
  'volume',
  'node',
  'critical',
] as const;
export type VertexGroup = (typeof VERTEX_GROUPS)[number];

export interface LayoutVertex {
  readonly id: string;
  readonly group: VertexGroup;
  readonly label: string;
  readonly namespace?: string;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

export interface LayoutOptions {
  /** @default 40 */
  readonly rowsPerColumn?: number;
  /** Horizontal distance between columns, in graph units. @default 260 */
  readonly columnGap?: number;
  /** Vertical distance between rows. @default 44 */
  readonly rowGap?: number;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** Hop distance from the nearest of `roots` along the edges' direction (BFS); absent: unreached. */
function distances(
  roots: readonly string[],
  out: ReadonlyMap<string, readonly string[]>,
  known: Map<string, number>,
  start: number,
): void {
  let frontier = roots.filter((r) => !known.has(r));
  for (const r of frontier) known.set(r, start);
  let depth = start;
  while (frontier.length > 0) {
    depth++;
    const next: string[] = [];
    for (const v of frontier) {
      for (const w of out.get(v) ?? []) {
        if (known.has(w)) continue;
        known.set(w, depth);
        next.push(w);
      }
    }
    frontier = next;
  }
}

/** The largest distance found, −1 for none (a loop: spreading 100,000 values overflows the stack). */
function deepest(depth: ReadonlyMap<string, number>): number {
  let max = -1;
  for (const d of depth.values()) if (d > max) max = d;
  return max;
}

/** A position for every vertex, in the order given. */
export function layeredLayout(
  vertices: readonly LayoutVertex[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Position[] {
  const rows = options.rowsPerColumn ?? 40;
  const columnGap = options.columnGap ?? 260;
  const rowGap = options.rowGap ?? 44;
  const out = new Map<string, string[]>();
  for (const e of edges) {
    let list = out.get(e.from);
    if (list === undefined) out.set(e.from, (list = []));
    list.push(e.to);
  }
  const depth = new Map<string, number>();
  distances(
    vertices.filter((v) => v.group === 'entry').map((v) => v.id),
    out,
    depth,
    0,
  );
  const reached = deepest(depth) + 1;
  distances(
    vertices.filter((v) => v.group === 'workload' && !depth.has(v.id)).map((v) => v.id),
    out,
    depth,
    reached,
  );
  const last = deepest(depth) + 1;
  const layers = new Map<number, number[]>();
  vertices.forEach((v, i) => {
    const d = depth.get(v.id) ?? last;
    let layer = layers.get(d);
    if (layer === undefined) layers.set(d, (layer = []));
    layer.push(i);
  });
  const positions: Position[] = new Array<Position>(vertices.length);
  let column = 0;
  for (const d of [...layers.keys()].sort((a, b) => a - b)) {
    const members = layers.get(d)!;
    members.sort((a, b) => compareVertices(vertices[a]!, vertices[b]!));
    const columns = Math.ceil(members.length / rows);
    const height = Math.min(members.length, rows);
    members.forEach((index, k) => {
      const c = Math.floor(k / rows);
      const r = k % rows;
      // centred on the row axis, so short layers sit level with tall ones
      positions[index] = { x: (column + c) * columnGap, y: (r - (height - 1) / 2) * rowGap };
    });
    column += columns;
  }
  return positions;
}

function compareVertices(a: LayoutVertex, b: LayoutVertex): number {
  return (
    VERTEX_GROUPS.indexOf(a.group) - VERTEX_GROUPS.indexOf(b.group) ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    a.label.localeCompare(b.label) ||
    a.id.localeCompare(b.id)
  );
}
