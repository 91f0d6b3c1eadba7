/**
 * The history schema, as numbered migrations applied in order. Both stores run the same list
 * (each statement written once, with the few words the two dialects spell differently
 * filled in), and record each applied version in `schema_version`.
 *
 * How the schema changes between kubeward versions: a change is a new migration at the end
 * of the list with the next number; a released migration is never edited. Opening a
 * database applies, in one transaction, every migration above the highest version in
 * `schema_version`, so any older database is brought forward step by step. A database whose
 * version is above the last one this kubeward knows was written by a newer kubeward and is
 * refused (a `ConfigError` naming both versions) rather than written to in a shape it may not expect.
 */
import { ConfigError } from '../errors.js';
import type { Dialect } from './store.js';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: (dialect: Dialect) => readonly string[];
}

/** A column of generated ids. */
const idColumn = (d: Dialect): string =>
  d === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'cycles, findings and which cycle saw which finding',
    statements: (d) => [
      `CREATE TABLE cycles (
        id ${idColumn(d)},
        at_ms BIGINT NOT NULL,
        scope TEXT NOT NULL,
        source TEXT NOT NULL,
        critical INTEGER NOT NULL,
        high INTEGER NOT NULL,
        medium INTEGER NOT NULL,
        low INTEGER NOT NULL,
        info INTEGER NOT NULL
      )`,
      `CREATE TABLE findings (
        fingerprint TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        api_version TEXT NOT NULL,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        message TEXT NOT NULL
      )`,
      `CREATE TABLE occurrences (
        cycle_id BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL REFERENCES findings (fingerprint),
        PRIMARY KEY (cycle_id, fingerprint)
      )`,
    ],
  },
  {
    version: 2,
    description: 'indexes for loading one scope and for a finding across cycles',
    statements: () => [
      'CREATE INDEX cycles_scope_at ON cycles (scope, at_ms)',
      'CREATE INDEX occurrences_fingerprint ON occurrences (fingerprint)',
    ],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export const SCHEMA_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at_ms BIGINT NOT NULL
)`;

/**
 * The migrations a database at `current` still needs, up to `target`; a database ahead of
 * this kubeward is an error.
 */
export function pendingMigrations(
  current: number,
  where: string,
  target: number = LATEST_SCHEMA_VERSION,
): readonly Migration[] {
  if (current > LATEST_SCHEMA_VERSION) {
    throw new ConfigError(
      `${where}: history schema version ${current} is newer than this kubeward knows (${LATEST_SCHEMA_VERSION}); upgrade kubeward, or use another --db`,
    );
  }
  return MIGRATIONS.filter((m) => m.version > current && m.version <= target);
}
