/**
 * Connectivity diff between two versions of the manifests (pull-request review), as
 * netpol-analyzer's `diff` computes it (np-guard/netpol-analyzer docs/diff_output.md,
 * pkg/netpol/diff): for every ordered pair allowed in either version, `changed` (both
 * allow something, not the same), `added` (only the new one allows) or `removed`; a pair
 * whose workload exists in one version only says so (`workload X added`). External
 * address ranges are cut at the boundaries of both versions, so each range names the
 * same addresses on both sides.
 */
import type { NetpolAnalysis } from './analyze.js';
import { ConnectionSet } from './connectionSet.js';
import { connectivityList } from './connlist.js';
import { disjointRanges, formatRange, IpSet, type Family, type IpRange } from './ipSet.js';
import { workloadName } from './model.js';

export type DiffType = 'changed' | 'added' | 'removed';

export interface DiffEntry {
  readonly type: DiffType;
  readonly src: string;
  readonly dst: string;
  /** Connections in the old version (`ref1`) and in the new one (`ref2`). */
  readonly old: ConnectionSet;
  readonly new: ConnectionSet;
  /** `workload X added`, `workload X and Y removed`, or empty. */
  readonly info: string;
}

const EXTERNAL = '[External]';

/** Every pair that differs, in no particular order (the renderers order them as netpol-analyzer does). */
export function connectivityDiff(before: NetpolAnalysis, after: NetpolAnalysis): DiffEntry[] {
  const pairs = new Map<string, { src: string; dst: string; old: ConnectionSet; new: ConnectionSet }>();
  const put = (src: string, dst: string, side: 'old' | 'new', conns: ConnectionSet) => {
    if (conns.isEmpty()) return;
    const key = `${src}\u0000${dst}`;
    const entry = pairs.get(key) ?? { src, dst, old: ConnectionSet.none, new: ConnectionSet.none };
    pairs.set(key, { ...entry, [side]: conns });
  };
  const internal = (analysis: NetpolAnalysis, side: 'old' | 'new') => {
    for (const e of connectivityList(analysis))
      if (!e.src.endsWith(EXTERNAL) && !e.dst.endsWith(EXTERNAL)) put(e.src, e.dst, side, e.conns);
  };
  internal(before, 'old');
  internal(after, 'new');
  const families: Family[] = [...new Set<Family>([...rangeFamilies(before), ...rangeFamilies(after)])].sort();
  const cut = (pick: (a: NetpolAnalysis) => readonly IpRange[]) =>
    disjointRanges(
      families,
      [...pick(before), ...pick(after)].map((r) => IpSet.of(r.family, [[r.start, r.end]])),
    );
  const sources = cut((a) => a.reachability.externalSources);
  const destinations = cut((a) => a.reachability.externalDestinations);
  const external = (analysis: NetpolAnalysis, side: 'old' | 'new') => {
    const r = analysis.reachability;
    for (const cls of analysis.index.classes) {
      const names = cls.workloads.map((w) => workloadName(w.ref));
      for (const range of destinations) {
        const conns = r.egressToRange(cls, range);
        for (const n of names) put(n, `${formatRange(range)}${EXTERNAL}`, side, conns);
      }
      for (const range of sources) {
        const conns = r.ingressFromRange(cls, range);
        for (const n of names) put(`${formatRange(range)}${EXTERNAL}`, n, side, conns);
      }
    }
  };
  external(before, 'old');
  external(after, 'new');

  const workloadsOf = (a: NetpolAnalysis) => new Set(a.input.workloads.map((w) => workloadName(w.ref)));
  const oldWorkloads = workloadsOf(before);
  const newWorkloads = workloadsOf(after);
  const changedPeer = (name: string) =>
    !name.endsWith(EXTERNAL) && oldWorkloads.has(name) !== newWorkloads.has(name);
  const out: DiffEntry[] = [];
  for (const p of pairs.values()) {
    const type: DiffType | undefined = p.old.isEmpty()
      ? 'added'
      : p.new.isEmpty()
        ? 'removed'
        : p.old.equals(p.new)
          ? undefined
          : 'changed';
    if (type === undefined) continue;
    const peers = [p.src, p.dst].filter(changedPeer);
    const info = peers.length > 0 ? `workload ${peers.join(' and ')} ${type}` : '';
    out.push({ type, src: p.src, dst: p.dst, old: p.old, new: p.new, info });
  }
  return out;
}

function rangeFamilies(a: NetpolAnalysis): Family[] {
  return [...a.reachability.externalSources, ...a.reachability.externalDestinations].map((r) => r.family);
}

/** True when the new version allows some connection the old one did not. */
export function addsConnections(entries: readonly DiffEntry[]): boolean {
  return entries.some((e) => e.type === 'added' || (e.type === 'changed' && !e.old.contains(e.new)));
}
