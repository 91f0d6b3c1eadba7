/** What `kubeward history` prints: the analysis as aligned text, or as JSON (schemaVersion "1"). */
import { alignColumns } from '../report/columns.js';
import { SEVERITIES } from '../policy/types.js';
import type { HistoryAnalysis, HistoryEntry } from './analysis.js';
import type { RecordedFinding } from './store.js';

/** An instant as the report prints it: UTC, to the second. */
function instant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** A duration in its two largest units: `45s`, `30m`, `4h`, `2h 30m`, `1d 6h`. */
export function durationText(seconds: number): string {
  let rest = Math.round(seconds);
  const parts = UNITS.map(([name, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return [n, name] as const;
  });
  const top = parts.findIndex(([n]) => n > 0);
  if (top < 0) return '0s';
  const [n, name] = parts[top]!;
  const next = parts[top + 1];
  return next !== undefined && next[0] > 0 ? `${n}${name} ${next[0]}${next[1]}` : `${n}${name}`;
}

const resourceText = (f: RecordedFinding): string =>
  `${f.kind} ${f.namespace !== '' ? `${f.namespace}/` : ''}${f.name}`;

function entryRows(entries: readonly HistoryEntry[], note: (e: HistoryEntry) => string): string[] {
  return alignColumns(
    entries.map((e) => [
      e.finding.severity,
      e.finding.ruleId,
      resourceText(e.finding),
      e.finding.path,
      note(e),
    ]),
  ).map((l) => `  ${l}`);
}

export function renderHistoryText(a: HistoryAnalysis): string {
  const out: string[] = [];
  if (a.latest === undefined) {
    return `kubeward history: nothing recorded for scope "${a.scope}" (record a cycle with scan --record or audit --db)\n`;
  }
  const first = a.trend[0];
  out.push(
    `history of scope "${a.scope}": ${a.trend.length} cycle${a.trend.length === 1 ? '' : 's'}` +
      (first !== undefined
        ? ` from ${instant(first.at)} to ${instant(a.latest.at)}`
        : ` since ${instant(a.since!)}`) +
      (a.baseline !== undefined
        ? `, compared with the cycle of ${instant(a.baseline.at)}`
        : ', the first recorded'),
    '',
  );
  out.push(`new (${a.new.length})`);
  out.push(...entryRows(a.new, (e) => `${e.reopened ? 'reopened, ' : ''}open since ${instant(e.openedAt)}`));
  out.push(`resolved (${a.resolved.length})`);
  out.push(
    ...entryRows(
      a.resolved,
      (e) =>
        `resolved ${instant(e.resolvedAt!)} after ${durationText((e.resolvedAt!.getTime() - e.openedAt.getTime()) / 1000)}`,
    ),
  );
  out.push(`still open (${a.open.length})`);
  out.push(...entryRows(a.open, (e) => `open since ${instant(e.openedAt)}`));
  out.push('', 'trend per severity');
  out.push(
    ...alignColumns([
      ['cycle', 'at', ...SEVERITIES],
      ...a.trend.map((t) => [String(t.id), instant(t.at), ...SEVERITIES.map((s) => String(t.counts[s]))]),
    ]).map((l) => `  ${l}`),
  );
  out.push('', 'time to remediate (findings resolved in these cycles)');
  if (a.remediation.length === 0) out.push('  none resolved');
  else {
    out.push(
      ...alignColumns([
        ['rule', 'resolved', 'mean', 'p90'],
        ...a.remediation.map((r) => [
          r.ruleId,
          String(r.resolved),
          durationText(r.meanSeconds),
          durationText(r.p90Seconds),
        ]),
      ]).map((l) => `  ${l}`),
    );
  }
  return `${out.join('\n')}\n`;
}

const entryJson = (e: HistoryEntry) => ({
  fingerprint: e.finding.fingerprint,
  ruleId: e.finding.ruleId,
  severity: e.finding.severity,
  resource: {
    apiVersion: e.finding.apiVersion,
    kind: e.finding.kind,
    namespace: e.finding.namespace !== '' ? e.finding.namespace : null,
    name: e.finding.name,
  },
  path: e.finding.path,
  message: e.finding.message,
  openedAt: e.openedAt.toISOString(),
  ...(e.resolvedAt !== undefined ? { resolvedAt: e.resolvedAt.toISOString() } : {}),
  ...(e.reopened ? { reopened: true } : {}),
});

export function historyJson(a: HistoryAnalysis) {
  return {
    schemaVersion: '1',
    scope: a.scope,
    since: a.since?.toISOString() ?? null,
    baseline: a.baseline !== undefined ? { id: a.baseline.id, at: a.baseline.at.toISOString() } : null,
    latest: a.latest !== undefined ? { id: a.latest.id, at: a.latest.at.toISOString() } : null,
    trend: a.trend.map((t) => ({ id: t.id, at: t.at.toISOString(), counts: t.counts })),
    new: a.new.map(entryJson),
    resolved: a.resolved.map(entryJson),
    open: a.open.map(entryJson),
    remediation: a.remediation,
  };
}
