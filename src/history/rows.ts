/** Rows of the history tables as both stores read them back (PostgreSQL returns BIGINT as a string). */
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { CycleRow, RecordedFinding } from './store.js';

export interface FindingRow {
  fingerprint: string;
  rule_id: string;
  severity: string;
  api_version: string;
  kind: string;
  namespace: string;
  name: string;
  path: string;
  message: string;
}

export function findingOfRow(r: FindingRow): RecordedFinding {
  return {
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    severity: (SEVERITIES as readonly string[]).includes(r.severity) ? (r.severity as Severity) : 'info',
    apiVersion: r.api_version,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    path: r.path,
    message: r.message,
  };
}

export interface CycleTableRow {
  id: number | string;
  at_ms: number | string;
  scope: string;
  source: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

export function cycleOfRow(r: CycleTableRow): CycleRow {
  return {
    id: Number(r.id),
    at: new Date(Number(r.at_ms)),
    scope: r.scope,
    source: r.source,
    counts: { critical: r.critical, high: r.high, medium: r.medium, low: r.low, info: r.info },
  };
}

/** Groups (cycle id, fingerprint) rows by cycle. */
export function seenByCycle(rows: readonly { cycle_id: number | string; fingerprint: string }[]) {
  const seen = new Map<number, Set<string>>();
  for (const r of rows) {
    const id = Number(r.cycle_id);
    let set = seen.get(id);
    if (set === undefined) seen.set(id, (set = new Set()));
    set.add(r.fingerprint);
  }
  return seen;
}
