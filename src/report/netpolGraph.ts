/**
 * The connectivity list as a graph, peers grouped by namespace: Graphviz `dot` exactly as
 * netpol-analyzer's `list -o dot` writes it (np-guard/netpol-analyzer
 * pkg/netpol/connlist/conns_formatter_dot.go, as its expected outputs show), and a
 * self-contained HTML page (inline SVG and CSS, no script, nothing fetched) for people
 * without Graphviz.
 */
import type { ConnlistEntry } from '../netpol/connlist.js';

interface Peer {
  readonly id: string;
  readonly namespace?: string;
  /** The name inside its namespace box (`name[Kind]`), or the whole id for external ranges. */
  readonly label: string;
}

function peerOf(id: string): Peer {
  if (id.endsWith('[External]')) return { id, label: id };
  const slash = id.indexOf('/');
  return slash < 0 ? { id, label: id } : { id, namespace: id.slice(0, slash), label: id.slice(slash + 1) };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The peers of the entries, by namespace (sorted), and the external ones. */
function peersOf(entries: readonly ConnlistEntry[]): {
  namespaces: [string, Peer[]][];
  others: Peer[];
} {
  const ids = [...new Set(entries.flatMap((e) => [e.src, e.dst]))].sort(byText);
  const namespaces = new Map<string, Peer[]>();
  const others: Peer[] = [];
  for (const peer of ids.map(peerOf)) {
    if (peer.namespace === undefined) others.push(peer);
    else {
      const list = namespaces.get(peer.namespace);
      if (list) list.push(peer);
      else namespaces.set(peer.namespace, [peer]);
    }
  }
  return { namespaces: [...namespaces].sort(([a], [b]) => byText(a, b)), others };
}

export function formatConnlistDot(entries: readonly ConnlistEntry[]): string {
  const { namespaces, others } = peersOf(entries);
  const lines = ['digraph {'];
  for (const [ns, peers] of namespaces) {
    lines.push(`\tsubgraph "cluster_${ns}[namespace]" {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    for (const p of peers) lines.push(`\t\t"${p.id}" [label="${p.label}" color="blue" fontcolor="blue"]`);
    lines.push(`\t\tlabel="${ns}[namespace]"`, '\t}');
  }
  for (const p of others) lines.push(`\t"${p.id}" [label="${p.label}" color="red2" fontcolor="red2"]`);
  const sorted = [...entries].sort((a, b) => byText(a.src, b.src) || byText(a.dst, b.dst));
  for (const e of sorted) {
    // netpol-analyzer weighs edges that run "backwards" in name order heavier, to keep the layout tidy.
    const weight = e.src > e.dst ? '1' : '0.5';
    lines.push(
      `\t"${e.src}" -> "${e.dst}" [label="${e.conns.toString()}" color="gold2" fontcolor="darkgreen" weight=${weight}]`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}

const NODE_W = 220;
const NODE_H = 28;
const GAP = 12;
const BOX_PAD = 14;
const BOX_HEAD = 26;
const COLUMN_GAP = 90;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A page with the graph (namespaces as boxes in columns, external ranges in a column of
 * their own, one arrow per allowed pair with its connections on hover) and the list as
 * a table below it.
 */
export function formatConnlistHtml(entries: readonly ConnlistEntry[], title: string): string {
  const { namespaces, others } = peersOf(entries);
  const groups: { name: string; external: boolean; peers: Peer[] }[] = [
    ...(others.length > 0 ? [{ name: 'external addresses', external: true, peers: others }] : []),
    ...namespaces.map(([name, peers]) => ({ name: `${name} [namespace]`, external: false, peers })),
  ];
  const columns = Math.max(1, Math.ceil(Math.sqrt(groups.length)));
  const colHeights = new Array<number>(columns).fill(GAP);
  const at = new Map<string, { x: number; y: number }>();
  const boxes: string[] = [];
  groups.forEach((g, i) => {
    const col = i % columns;
    const x = GAP + col * (NODE_W + 2 * BOX_PAD + COLUMN_GAP);
    const y = colHeights[col]!;
    const height = BOX_HEAD + g.peers.length * (NODE_H + GAP) + BOX_PAD;
    boxes.push(
      `<g class="ns${g.external ? ' ext' : ''}"><rect x="${x}" y="${y}" width="${NODE_W + 2 * BOX_PAD}" height="${height}" rx="8"/>` +
        `<text x="${x + BOX_PAD}" y="${y + 18}" class="nsname">${escapeXml(g.name)}</text></g>`,
    );
    g.peers.forEach((p, j) => {
      const nx = x + BOX_PAD;
      const ny = y + BOX_HEAD + j * (NODE_H + GAP);
      at.set(p.id, { x: nx, y: ny });
      boxes.push(
        `<g class="peer"><title>${escapeXml(p.id)}</title><rect x="${nx}" y="${ny}" width="${NODE_W}" height="${NODE_H}" rx="5"/>` +
          `<text x="${nx + 8}" y="${ny + 18}">${escapeXml(p.label)}</text></g>`,
      );
    });
    colHeights[col] = y + height + GAP * 2;
  });
  const edges = entries.map((e) => {
    const s = at.get(e.src)!;
    const d = at.get(e.dst)!;
    const sx = s.x + (d.x >= s.x ? NODE_W : 0);
    const dx = d.x > s.x ? d.x : d.x + NODE_W;
    const sy = s.y + NODE_H / 2;
    const dy = d.y + NODE_H / 2;
    const bend = d.x === s.x ? 60 : 0;
    const cx = (sx + dx) / 2 + bend;
    const cy = (sy + dy) / 2 - (d.x === s.x ? 0 : 30);
    const label = `${e.src} => ${e.dst} : ${e.conns.toString()}`;
    return `<path d="M${sx},${sy} Q${cx},${cy} ${dx},${dy}" marker-end="url(#arrow)"><title>${escapeXml(label)}</title></path>`;
  });
  const width = GAP + columns * (NODE_W + 2 * BOX_PAD + COLUMN_GAP);
  const height = Math.max(...colHeights) + GAP;
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${escapeXml(e.src)}</td><td>${escapeXml(e.dst)}</td><td>${escapeXml(e.conns.toString())}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; }
svg { border: 1px solid #d0d7de; background: #fff; max-width: 100%; height: auto; }
.ns rect { fill: #f6f8fa; stroke: #57606a; }
.ns.ext rect { fill: #fff5f5; stroke: #cf222e; }
.nsname { font-weight: 600; font-size: 13px; }
.peer rect { fill: #ddf4ff; stroke: #0969da; }
.peer text { font-size: 12px; }
path { fill: none; stroke: #bf8700; stroke-width: 1.4; opacity: 0.7; }
path:hover { stroke: #1a7f37; stroke-width: 3; opacity: 1; }
table { border-collapse: collapse; margin-top: 1.5rem; font-size: 13px; }
td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p>${entries.length} allowed connection${entries.length === 1 ? '' : 's'}; hover an arrow for its connections.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" style="fill:#bf8700;stroke:none"/></marker></defs>
${boxes.join('\n')}
${edges.join('\n')}
</svg>
<table>
<thead><tr><th>src</th><th>dst</th><th>conn</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
