/**
 * Where the history of scans and audit cycles is kept: a small interface with two
 * implementations of one schema (migrations.ts), embedded SQLite by default and PostgreSQL
 * for a team or a fleet of clusters sharing one server. The stores only keep and return
 * rows; what the rows mean (new, resolved, time to remediate) is analysis.ts, once for both.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { InputError } from '../errors.js';
import { dirname, resolve } from 'node:path';
import { SEVERITIES, type Severity } from '../policy/types.js';
import { findingFingerprint, identityNamespace } from './fingerprint.js';

/** One finding as a cycle records it. */
export interface RecordedFinding {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly apiVersion: string;
  readonly kind: string;
  /** Empty for a cluster-scoped resource. */
  readonly namespace: string;
  readonly name: string;
  readonly path: string;
  readonly message: string;
}

export type SeverityCounts = Record<Severity, number>;

/** A scan or audit cycle to record. */
export interface CycleInput {
  /** When the cycle ran (the injected clock). */
  readonly at: Date;
  /** What was scanned: a cluster's name, or a name for a set of manifests. */
  readonly scope: string;
  /** `scan` or `audit`. */
  readonly source: string;
  readonly findings: readonly RecordedFinding[];
}

export interface CycleRow {
  readonly id: number;
  readonly at: Date;
  readonly scope: string;
  readonly source: string;
  readonly counts: SeverityCounts;
}

/** Everything recorded for one scope: its cycles in order, each finding once, and which cycle saw which. */
export interface HistoryData {
  readonly cycles: readonly CycleRow[];
  readonly findings: ReadonlyMap<string, RecordedFinding>;
  /** Fingerprints seen per cycle id. */
  readonly seen: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface HistoryStore {
  /** `sqlite` or `postgres`. */
  readonly dialect: Dialect;
  /** The schema version the database is at (after the migrations ran). */
  schemaVersion(): Promise<number>;
  /** Records a cycle (in one transaction) and returns its id. */
  record(cycle: CycleInput): Promise<number>;
  /** The history of a scope, cycles ordered by time. */
  load(scope: string): Promise<HistoryData>;
  close(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

/** The default database, relative to the working folder. */
export const DEFAULT_DB_PATH = '.kubeward/history.db';

/** A finding of a scan as the history records it. */
export function recordedFinding(
  f: {
    readonly ruleId: string;
    readonly severity: Severity;
    readonly message: string;
    readonly path: string;
    readonly resource: { apiVersion: string; kind: string; namespace?: string; name: string };
  },
  defaultNamespace: string,
): RecordedFinding {
  return {
    fingerprint: findingFingerprint(f, defaultNamespace),
    ruleId: f.ruleId,
    severity: f.severity,
    apiVersion: f.resource.apiVersion,
    kind: f.resource.kind,
    namespace: identityNamespace(f.resource, defaultNamespace),
    name: f.resource.name,
    path: f.path,
    message: f.message,
  };
}

/** One record per fingerprint (two reports of one rule on one field are one finding), and the counts per severity. */
export function distinctFindings(findings: readonly RecordedFinding[]): {
  findings: RecordedFinding[];
  counts: SeverityCounts;
} {
  const byPrint = new Map<string, RecordedFinding>();
  for (const f of findings) if (!byPrint.has(f.fingerprint)) byPrint.set(f.fingerprint, f);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of byPrint.values()) counts[f.severity]++;
  return { findings: [...byPrint.values()], counts };
}

/** True for a `postgres://` or `postgresql://` URL; anything else names an SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Opens the store `--db` names (the default SQLite file when none), running the migrations
 * it lacks. The drivers are imported only here, so a command without history loads neither.
 */
export async function openHistoryStore(
  db: string | undefined,
  cwd: string,
  options: { readonly create: boolean },
): Promise<HistoryStore> {
  if (db !== undefined && isPostgresUrl(db)) {
    const { openPostgresStore } = await import('./postgresStore.js');
    return openPostgresStore(db);
  }
  const file = resolve(cwd, db ?? DEFAULT_DB_PATH);
  if (!options.create && !existsSync(file)) {
    throw new InputError(
      `no history at ${db ?? DEFAULT_DB_PATH}: record cycles first (kubeward scan --record, kubeward audit --db), or give --db`,
    );
  }
  mkdirSync(dirname(file), { recursive: true });
  const { openSqliteStore } = await import('./sqliteStore.js');
  return openSqliteStore(file);
}

/** Scope of the cycles when none is named (`--scope`). */
export const DEFAULT_SCOPE = 'default';

/** Records the findings of a scan or an audit cycle (suppressed ones are not findings: they are not recorded). */
export function recordFindings(
  store: HistoryStore,
  result: {
    readonly findings: readonly Parameters<typeof recordedFinding>[0][];
    readonly defaultNamespace: string;
  },
  cycle: { readonly at: Date; readonly scope: string; readonly source: string },
): Promise<number> {
  return store.record({
    ...cycle,
    findings: result.findings.map((f) => recordedFinding(f, result.defaultNamespace)),
  });
}
