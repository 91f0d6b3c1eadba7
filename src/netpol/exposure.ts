/**
 * Exposure analysis, as netpol-analyzer's `list --exposure` reports it
 * (np-guard/netpol-analyzer docs/exposure_analysis.md): per workload and direction, what
 * it is exposed to beyond the workloads of the input —
 *  - external address ranges (the connectivity list's external entries);
 *  - `entire-cluster`: every pod of every namespace, present or future (a workload no
 *    policy constrains, a rule without peers, `namespaceSelector: {}`);
 *  - representative peers: a rule peer that names every pod of some namespaces
 *    (`ns/[all pods]`: new pods there always match), or whose selectors match no workload
 *    of the input (`[all namespaces]/[pod with {k8s-app=kube-dns}]`); listed when it admits
 *    something that `entire-cluster` does not already cover;
 * and the workloads no policy of any tier constrains, per direction.
 */
import type { NetpolAnalysis } from './analyze.js';
import type { ConnectionSet } from './connectionSet.js';
import type { ConnlistEntry, ConnlistOptions } from './connlist.js';
import { workloadName, type NetpolWorkload } from './model.js';
import type { Direction } from './networkPolicy.js';
import { ENTIRE_CLUSTER, representativeOf, type Representative } from './representatives.js';

export interface ExposureLine {
  readonly workload: string;
  readonly direction: Direction;
  /** `entire-cluster`, a representative (`ns/[all pods]`) or an external range (`…[External]`). */
  readonly peer: string;
  readonly conns: ConnectionSet;
}

export interface ExposureResult {
  readonly lines: readonly ExposureLine[];
  /** Workloads no policy constrains in a direction. */
  readonly unprotected: readonly { readonly workload: string; readonly direction: Direction }[];
}

const ENTIRE: Representative = representativeOf(undefined, undefined, undefined);

/**
 * Exposure of every workload (or of the focus workloads, in the focus direction).
 * `connlist` is the connectivity list of the same analysis, for the external entries.
 */
export function exposureAnalysis(
  analysis: NetpolAnalysis,
  connlist: readonly ConnlistEntry[],
  options: Pick<ConnlistOptions, 'focusWorkloads' | 'focusDirection'> = {},
): ExposureResult {
  const { reachability, index } = analysis;
  const focus = options.focusWorkloads ?? [];
  const inFocus = (w: NetpolWorkload) =>
    focus.length === 0 || focus.some((f) => f === w.ref.name || f === `${w.ref.namespace}/${w.ref.name}`);
  const directions: Direction[] =
    options.focusDirection !== undefined ? [options.focusDirection] : ['egress', 'ingress'];
  const lines: ExposureLine[] = [];
  const names = new Set<string>();
  const unprotected: { workload: string; direction: Direction }[] = [];
  for (const cls of index.classes) {
    const workloads = cls.workloads.filter(inFocus);
    if (workloads.length === 0) continue;
    for (const direction of directions) {
      const found: { peer: string; conns: ConnectionSet }[] = [];
      const entire = reachability.side(direction, cls, { representative: ENTIRE });
      if (!entire.isEmpty()) found.push({ peer: ENTIRE_CLUSTER, conns: entire });
      const seen = new Set<string>([ENTIRE_CLUSTER]);
      for (const match of reachability.peerMatchesOf(cls, direction)) {
        for (const { representative, matched } of match.representatives) {
          if (seen.has(representative.text) || (matched && !representative.allPods)) continue;
          seen.add(representative.text);
          const conns = reachability.side(direction, cls, { representative });
          if (!conns.isEmpty() && !entire.contains(conns)) found.push({ peer: representative.text, conns });
        }
      }
      for (const w of workloads) {
        const name = workloadName(w.ref);
        names.add(name);
        for (const f of found) lines.push({ workload: name, direction, ...f });
        if (!reachability.isProtected(cls, direction)) unprotected.push({ workload: name, direction });
      }
    }
  }
  const external = (end: string) => end.endsWith('[External]');
  for (const e of connlist) {
    if (external(e.dst) && names.has(e.src) && directions.includes('egress')) {
      lines.push({ workload: e.src, direction: 'egress', peer: e.dst, conns: e.conns });
    }
    if (external(e.src) && names.has(e.dst) && directions.includes('ingress')) {
      lines.push({ workload: e.dst, direction: 'ingress', peer: e.src, conns: e.conns });
    }
  }
  return { lines, unprotected };
}

/** netpol-analyzer's txt rendering of the exposure section (after the connectivity list). */
export function formatExposure(result: ExposureResult): string {
  // a loop, not Math.max(...lines): 100,000s of lines overflow a call's arguments
  let width = 0;
  for (const l of result.lines) width = Math.max(width, l.workload.length);
  const section = (direction: Direction, title: string, arrow: string) => {
    const rows = result.lines
      .filter((l) => l.direction === direction)
      .map((l) => `${l.workload.padEnd(width)} \t${arrow} \t${l.peer} : ${l.conns.toString()}`)
      .sort();
    return rows.length > 0 ? [`${title}:`, ...rows] : [];
  };
  const unprotected = result.unprotected
    .map((u) => `${u.workload} is not protected on ${u.direction === 'ingress' ? 'Ingress' : 'Egress'}`)
    .sort();
  const parts = [
    section('egress', 'Egress Exposure', '=>'),
    section('ingress', 'Ingress Exposure', '<='),
    unprotected.length > 0 ? ['Workloads not protected by network policies:', ...unprotected] : [],
  ].filter((p) => p.length > 0);
  return ['Exposure Analysis Result:', ...parts.flatMap((p, i) => (i === 0 ? p : ['', ...p]))].join('\n');
}
