/** The history in an embedded SQLite file (better-sqlite3 12: the last major that runs on Node 20). */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError, InputError } from '../errors.js';
import { pendingMigrations, SCHEMA_VERSION_TABLE } from './migrations.js';
import {
  distinctFindings,
  type CycleInput,
  type HistoryData,
  type HistoryStore,
} from './store.js';
import { cycleOfRow, findingOfRow, seenByCycle, type CycleTableRow, type FindingRow } from './rows.js';

const require = createRequire(import.meta.url);

export interface SqliteStoreOptions {
  /** Migrate only up to this version (tests of the migration path). */
  readonly schemaVersion?: number;
  /** The clock for `schema_version.applied_at_ms`. @default Date.now */
  readonly now?: () => number;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): HistoryStore {
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file);
  const now = options.now ?? Date.now;
  const migrate = db.transaction(() => {
    db.exec(SCHEMA_VERSION_TABLE);
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
    for (const m of pendingMigrations(row.v ?? 0, file, options.schemaVersion)) {
      for (const s of m.statements('sqlite')) db.exec(s);
      db.prepare('INSERT INTO schema_version (version, description, applied_at_ms) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        now(),
      );
    }
  });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // several writers (a scan while an audit runs) wait for one another instead of failing at once
    db.pragma('busy_timeout = 5000');
    migrate.immediate();
  } catch (e) {
    db.close();
    if (e instanceof ConfigError) throw e;
    throw new InputError(`--db ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }

  const insertCycle = db.prepare(
    'INSERT INTO cycles (at_ms, scope, source, critical, high, medium, low, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertFinding = db.prepare(
    `INSERT INTO findings (fingerprint, rule_id, severity, api_version, kind, namespace, name, path, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET severity = excluded.severity, message = excluded.message,
       api_version = excluded.api_version`,
  );
  const insertSeen = db.prepare('INSERT INTO occurrences (cycle_id, fingerprint) VALUES (?, ?)');
  const record = db.transaction((cycle: CycleInput): number => {
    const { findings, counts } = distinctFindings(cycle.findings);
    const id = Number(
      insertCycle.run(
        cycle.at.getTime(),
        cycle.scope,
        cycle.source,
        counts.critical,
        counts.high,
        counts.medium,
        counts.low,
        counts.info,
      ).lastInsertRowid,
    );
    for (const f of findings) {
      upsertFinding.run(
        f.fingerprint,
        f.ruleId,
        f.severity,
        f.apiVersion,
        f.kind,
        f.namespace,
        f.name,
        f.path,
        f.message,
      );
      insertSeen.run(id, f.fingerprint);
    }
    return id;
  });

  return {
    dialect: 'sqlite',
    schemaVersion: () =>
      Promise.resolve((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v),
    record: (cycle) => Promise.resolve(record.immediate(cycle)),
    load: (scope): Promise<HistoryData> => {
      const cycles = (
        db.prepare('SELECT * FROM cycles WHERE scope = ? ORDER BY at_ms, id').all(scope) as CycleTableRow[]
      ).map(cycleOfRow);
      const findings = new Map(
        (
          db
            .prepare(
              `SELECT DISTINCT f.* FROM findings f JOIN occurrences o ON o.fingerprint = f.fingerprint
               JOIN cycles c ON c.id = o.cycle_id WHERE c.scope = ?`,
            )
            .all(scope) as FindingRow[]
        ).map((r) => [r.fingerprint, findingOfRow(r)]),
      );
      const seen = seenByCycle(
        db
          .prepare(
            'SELECT o.cycle_id, o.fingerprint FROM occurrences o JOIN cycles c ON c.id = o.cycle_id WHERE c.scope = ?',
          )
          .all(scope) as { cycle_id: number; fingerprint: string }[],
      );
      return Promise.resolve({ cycles, findings, seen });
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
