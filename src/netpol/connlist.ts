/**
 * The connectivity list: one entry per ordered pair (source, destination) with some
 * allowed connection, as netpol-analyzer's `list` prints it (np-guard/netpol-analyzer
 * docs/connlist_output.md): workloads as `ns/name[Kind]`, external space as disjoint
 * ranges `a.b.c.d-e.f.g.h[External]`, pairs with nothing allowed omitted, a workload to
 * itself omitted (loopback cannot be blocked; upstream e2e ignores it), external to
 * external never listed. Computed per pair of pod classes, then expanded to workloads.
 */
import type { Protocol } from './connectionSet.js';
import type { ConnectionSet } from './connectionSet.js';
import type { NetpolAnalysis } from './analyze.js';
import { CandidateSources } from './candidateSources.js';
import { formatRange, type IpRange } from './ipSet.js';
import { workloadName, type NetpolWorkload } from './model.js';

export interface ConnlistEntry {
  readonly src: string;
  readonly dst: string;
  readonly conns: ConnectionSet;
}

export interface ConnlistOptions {
  /** Keep pairs with one of these workloads (`name` or `ns/name`) on one side (netpol-analyzer `--focusworkload`). */
  readonly focusWorkloads?: readonly string[];
  /** With focus workloads: keep only pairs whose other side is one of these (`--focusworkload-peer`). */
  readonly focusPeers?: readonly string[];
  /** With focus workloads: the focus workload is the source (`egress`) or the destination (`ingress`) (`--focus-direction`). */
  readonly focusDirection?: 'ingress' | 'egress';
  /** Keep pairs that allow this connection (`--focus-conn udp-52`). */
  readonly focusConnection?: { readonly protocol: Protocol; readonly port: number };
}

export type End = { readonly name: string; readonly workload?: NetpolWorkload };

/** The focus options as a filter of pairs (netpol-analyzer `--focusworkload`, `--focusworkload-peer`, `--focus-direction`). */
export function pairInFocus(options: ConnlistOptions): (src: End, dst: End) => boolean {
  const matchesName = (names: readonly string[], end: End) =>
    end.workload !== undefined &&
    names.some(
      (n) => n === end.workload!.ref.name || n === `${end.workload!.ref.namespace}/${end.workload!.ref.name}`,
    );
  return (src, dst) => {
    const focus = options.focusWorkloads;
    if (focus === undefined || focus.length === 0) return true;
    const peers = options.focusPeers ?? [];
    const oriented = (f: End, other: End) =>
      matchesName(focus, f) && (peers.length === 0 || matchesName(peers, other));
    if (options.focusDirection === 'egress') return oriented(src, dst);
    if (options.focusDirection === 'ingress') return oriented(dst, src);
    return oriented(src, dst) || oriented(dst, src);
  };
}

export function connectivityList(analysis: NetpolAnalysis, options: ConnlistOptions = {}): ConnlistEntry[] {
  const { reachability, index } = analysis;
  const out: ConnlistEntry[] = [];
  const keep = pairInFocus(options);
  const add = (src: End, dst: End, conns: ConnectionSet) => {
    if (conns.isEmpty() || !keep(src, dst)) return;
    const c = options.focusConnection;
    if (c !== undefined && !conns.allows(c.protocol, c.port)) return;
    out.push({ src: src.name, dst: dst.name, conns });
  };
  const ends = (ws: readonly NetpolWorkload[]): End[] =>
    ws.map((w) => ({ name: workloadName(w.ref), workload: w }));
  const external = (r: IpRange): End => ({ name: `${formatRange(r)}[External]` });
  const classEnds = index.classes.map((c) => ends(c.workloads));
  for (const src of index.classes) {
    const srcEnds = classEnds[src.id]!;
    for (const range of reachability.externalDestinations) {
      const conns = reachability.egressToRange(src, range);
      for (const s of srcEnds) add(s, external(range), conns);
    }
    for (const range of reachability.externalSources) {
      const conns = reachability.ingressFromRange(src, range);
      for (const s of srcEnds) add(external(range), s, conns);
    }
  }
  const candidates = new CandidateSources(reachability);
  for (const dst of index.classes) {
    const dstEnds = classEnds[dst.id]!;
    for (const src of candidates.of(dst)) {
      const conns = reachability.between(src, dst);
      if (conns.isEmpty()) continue;
      for (const s of classEnds[src.id]!)
        for (const d of dstEnds) if (s.workload !== d.workload) add(s, d, conns);
    }
  }
  return out.sort((a, b) => compare(a.src, b.src) || compare(a.dst, b.dst));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ConnlistFormat = 'txt' | 'json' | 'csv' | 'md';

/** netpol-analyzer's renderings of a connectivity list (`list -o txt|json|csv|md`). */
export function formatConnectivityList(entries: readonly ConnlistEntry[], format: ConnlistFormat): string {
  switch (format) {
    case 'txt':
      return entries.map((e) => `${e.src} => ${e.dst} : ${e.conns.toString()}`).join('\n');
    case 'json':
      return JSON.stringify(
        entries.map((e) => ({ src: e.src, dst: e.dst, conn: e.conns.toString() })),
        null,
        2,
      );
    case 'csv':
      return (
        [
          'src,dst,conn',
          ...entries.map((e) => [e.src, e.dst, e.conns.toString()].map(csvField).join(',')),
        ].join('\n') + '\n'
      );
    case 'md':
      return (
        [
          '| src | dst | conn |',
          '|-----|-----|------|',
          ...entries.map((e) => `| ${e.src} | ${e.dst} | ${e.conns.toString()} |`),
        ].join('\n') + '\n'
      );
  }
}

/** Quotes a field as Go's encoding/csv does: when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** netpol-analyzer's `--focus-conn` rendering: a title, then `src => dst` per pair allowing the connection. */
export function formatFocusConnection(
  entries: readonly ConnlistEntry[],
  connection: NonNullable<ConnlistOptions['focusConnection']>,
): string {
  return [
    `Permitted connections on ${connection.protocol} ${connection.port}:`,
    ...entries.map((e) => `${e.src} => ${e.dst}`),
  ].join('\n');
}
