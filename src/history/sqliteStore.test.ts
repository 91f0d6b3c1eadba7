import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe } from 'vitest';
import { historyStoreSuite } from '../../test/historyStoreSuite.js';
import { openSqliteStore } from './sqliteStore.js';

const require = createRequire(import.meta.url);
const dirs: string[] = [];
let file = '';

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite history store', () => {
  historyStoreSuite(
    (schemaVersion) => {
      const dir = mkdtempSync(join(tmpdir(), 'kubeward-history-'));
      dirs.push(dir);
      file = join(dir, 'history.db');
      return Promise.resolve(
        openSqliteStore(file, { ...(schemaVersion !== undefined ? { schemaVersion } : {}), now: () => 0 }),
      );
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- a throw must become a rejection
    async () => openSqliteStore(file),
    () => {
      const Database = require('better-sqlite3') as typeof BetterSqlite3;
      const db = new Database(file);
      db.prepare("INSERT INTO schema_version VALUES (99, 'from the future', 0)").run();
      db.close();
      return Promise.resolve();
    },
  );
});
