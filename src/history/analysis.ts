/**
 * What a history means: a pure function of the recorded cycles of one scope.
 *
 * Definitions (the README's "history" section says the same):
 * - A finding is *open* in a cycle that saw its fingerprint. An *episode* runs from a cycle
 *   that saw it after one that did not (or the first cycle) to the first later cycle that did
 *   not see it: that cycle *resolves* it. A finding resolved and seen again is *reopened*:
 *   a new episode.
 * - The window is the cycles at or after `since`; without `since`, the latest cycle alone.
 *   The *baseline* is the last cycle before the window (none: nothing was open).
 * - new: open at the latest cycle in an episode that began in the window (`reopened` when an
 *   earlier episode of it was resolved); still open: open at the latest cycle in an episode
 *   that began at or before the baseline; resolved: not open at the latest cycle, its last
 *   episode resolved by a cycle of the window.
 * - Time to remediate: per episode resolved in the window, resolving cycle's time minus the
 *   time of the episode's first cycle. Per rule: the mean, and the 90th percentile by the
 *   nearest-rank method (the ⌈0.9·n⌉-th smallest).
 */
import type { CycleRow, HistoryData, RecordedFinding, SeverityCounts } from './store.js';

export interface HistoryEntry {
  readonly finding: RecordedFinding;
  /** When the current (or, for a resolved one, the last) episode began. */
  readonly openedAt: Date;
  /** When it was resolved (resolved findings only). */
  readonly resolvedAt?: Date;
  /** A new finding that had been resolved before. */
  readonly reopened?: boolean;
}

export interface RemediationStats {
  readonly ruleId: string;
  /** Episodes of the rule's findings resolved in the window. */
  readonly resolved: number;
  readonly meanSeconds: number;
  readonly p90Seconds: number;
}

export interface HistoryAnalysis {
  readonly scope: string;
  readonly since?: Date;
  /** The cycles of the window with their counts per severity (the trend), oldest first. */
  readonly trend: readonly { readonly id: number; readonly at: Date; readonly counts: SeverityCounts }[];
  readonly baseline?: CycleRow;
  readonly latest?: CycleRow;
  readonly new: readonly HistoryEntry[];
  readonly resolved: readonly HistoryEntry[];
  readonly open: readonly HistoryEntry[];
  readonly remediation: readonly RemediationStats[];
}

interface Episode {
  readonly start: number;
  /** Index of the resolving cycle; undefined while open. */
  end?: number;
}

/** The p-th percentile of ascending `sorted` by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const entryOrder = (a: HistoryEntry, b: HistoryEntry): number => {
  const x = a.finding;
  const y = b.finding;
  return (
    x.ruleId.localeCompare(y.ruleId) ||
    x.namespace.localeCompare(y.namespace) ||
    x.kind.localeCompare(y.kind) ||
    x.name.localeCompare(y.name) ||
    x.path.localeCompare(y.path)
  );
};

export function analyseHistory(data: HistoryData, scope: string, since?: Date): HistoryAnalysis {
  const cycles = data.cycles;
  const firstInWindow =
    since === undefined
      ? Math.max(0, cycles.length - 1)
      : (() => {
          const i = cycles.findIndex((c) => c.at.getTime() >= since.getTime());
          return i < 0 ? cycles.length : i;
        })();
  const baselineIndex = firstInWindow - 1;
  const latestIndex = cycles.length - 1;
  const seenAt = (i: number, fp: string): boolean =>
    i >= 0 && i < cycles.length && (data.seen.get(cycles[i]!.id)?.has(fp) ?? false);

  const newer: HistoryEntry[] = [];
  const resolved: HistoryEntry[] = [];
  const open: HistoryEntry[] = [];
  const durations = new Map<string, number[]>();
  for (const [fp, finding] of data.findings) {
    const episodes: Episode[] = [];
    let current: Episode | undefined;
    cycles.forEach((_, i) => {
      const here = seenAt(i, fp);
      if (here && current === undefined) episodes.push((current = { start: i }));
      else if (!here && current !== undefined) {
        current.end = i;
        current = undefined;
      }
    });
    const at = (i: number): Date => cycles[i]!.at;
    for (const e of episodes) {
      if (e.end !== undefined && e.end >= firstInWindow) {
        const list = durations.get(finding.ruleId) ?? [];
        list.push((at(e.end).getTime() - at(e.start).getTime()) / 1000);
        durations.set(finding.ruleId, list);
      }
    }
    const last = episodes[episodes.length - 1];
    if (last === undefined || latestIndex < 0) continue;
    const openNow = seenAt(latestIndex, fp);
    if (openNow) {
      if (last.start <= baselineIndex) open.push({ finding, openedAt: at(last.start) });
      else
        newer.push({ finding, openedAt: at(last.start), ...(episodes.length > 1 ? { reopened: true } : {}) });
    } else if (last.end !== undefined && last.end >= firstInWindow) {
      resolved.push({ finding, openedAt: at(last.start), resolvedAt: at(last.end) });
    }
  }
  const remediation = [...durations.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return {
        ruleId,
        resolved: sorted.length,
        meanSeconds: sorted.reduce((s, d) => s + d, 0) / sorted.length,
        p90Seconds: nearestRank(sorted, 90),
      };
    });
  return {
    scope,
    ...(since !== undefined ? { since } : {}),
    trend: cycles.slice(firstInWindow).map((c) => ({ id: c.id, at: c.at, counts: c.counts })),
    ...(baselineIndex >= 0 ? { baseline: cycles[baselineIndex]! } : {}),
    ...(latestIndex >= 0 ? { latest: cycles[latestIndex]! } : {}),
    new: newer.sort(entryOrder),
    resolved: resolved.sort(entryOrder),
    open: open.sort(entryOrder),
    remediation,
  };
}
