/**
 * The history in PostgreSQL: the same schema and migrations as SQLite, for a team or a
 * fleet of clusters (each cluster's audit writes its own scope into one shared server).
 */
import { createRequire } from 'node:module';
import type * as Pg from 'pg';
import { ConfigError, InputError } from '../errors.js';
import { pendingMigrations, SCHEMA_VERSION_TABLE } from './migrations.js';
import { cycleOfRow, findingOfRow, seenByCycle, type CycleTableRow, type FindingRow } from './rows.js';
import { distinctFindings, type CycleInput, type HistoryData, type HistoryStore } from './store.js';

const require = createRequire(import.meta.url);

/** Any number, the same in every kubeward: two processes migrating one database at once take turns. */
const MIGRATION_LOCK = 0x6b7764; // "kwd"

export interface PostgresStoreOptions {
  /** Migrate only up to this version (tests of the migration path). */
  readonly schemaVersion?: number;
  readonly now?: () => number;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

async function inTransaction<T>(pool: Pg.Pool, work: (c: Pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<HistoryStore> {
  const pg = require('pg') as typeof Pg;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // an idle client's connection dropping is reported here; the next query reconnects
  pool.on('error', () => undefined);
  const now = options.now ?? Date.now;
  try {
    await inTransaction(pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(SCHEMA_VERSION_TABLE);
      const { rows } = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
      for (const m of pendingMigrations(rows[0]?.v ?? 0, redactUrl(url), options.schemaVersion)) {
        for (const s of m.statements('postgres')) await c.query(s);
        await c.query(
          'INSERT INTO schema_version (version, description, applied_at_ms) VALUES ($1, $2, $3)',
          [m.version, m.description, now()],
        );
      }
    });
  } catch (e) {
    await pool.end();
    if (e instanceof ConfigError) throw e;
    throw new InputError(`--db ${redactUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }

  return {
    dialect: 'postgres',
    schemaVersion: async () => {
      const { rows } = await pool.query<{ v: number }>('SELECT MAX(version) AS v FROM schema_version');
      return rows[0]!.v;
    },
    record: (cycle: CycleInput) =>
      inTransaction(pool, async (c) => {
        const { findings, counts } = distinctFindings(cycle.findings);
        const { rows } = await c.query<{ id: string }>(
          `INSERT INTO cycles (at_ms, scope, source, critical, high, medium, low, info)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            cycle.at.getTime(),
            cycle.scope,
            cycle.source,
            counts.critical,
            counts.high,
            counts.medium,
            counts.low,
            counts.info,
          ],
        );
        const id = Number(rows[0]!.id);
        const column = <K extends keyof (typeof findings)[number]>(k: K) => findings.map((f) => f[k]);
        // one statement per table whatever the number of findings: the columns go as arrays
        await c.query(
          `INSERT INTO findings (fingerprint, rule_id, severity, api_version, kind, namespace, name, path, message)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                $7::text[], $8::text[], $9::text[])
           ON CONFLICT (fingerprint) DO UPDATE SET severity = excluded.severity, message = excluded.message,
             api_version = excluded.api_version`,
          [
            column('fingerprint'),
            column('ruleId'),
            column('severity'),
            column('apiVersion'),
            column('kind'),
            column('namespace'),
            column('name'),
            column('path'),
            column('message'),
          ],
        );
        await c.query('INSERT INTO occurrences (cycle_id, fingerprint) SELECT $1, unnest($2::text[])', [
          id,
          column('fingerprint'),
        ]);
        return id;
      }),
    load: async (scope): Promise<HistoryData> => {
      const cycles = (
        await pool.query<CycleTableRow>('SELECT * FROM cycles WHERE scope = $1 ORDER BY at_ms, id', [scope])
      ).rows.map(cycleOfRow);
      const findings = new Map(
        (
          await pool.query<FindingRow>(
            `SELECT DISTINCT f.* FROM findings f JOIN occurrences o ON o.fingerprint = f.fingerprint
             JOIN cycles c ON c.id = o.cycle_id WHERE c.scope = $1`,
            [scope],
          )
        ).rows.map((r) => [r.fingerprint, findingOfRow(r)]),
      );
      const seen = seenByCycle(
        (
          await pool.query<{ cycle_id: string; fingerprint: string }>(
            'SELECT o.cycle_id, o.fingerprint FROM occurrences o JOIN cycles c ON c.id = o.cycle_id WHERE c.scope = $1',
            [scope],
          )
        ).rows,
      );
      return { cycles, findings, seen };
    },
    close: () => pool.end(),
  };
}
