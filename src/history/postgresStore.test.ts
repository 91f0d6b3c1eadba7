import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStoreSuite } from '../../test/historyStoreSuite.js';
import { postgresUnavailable, startPostgres, type PostgresServer } from '../../test/postgresServer.js';
import { openPostgresStore, redactUrl } from './postgresStore.js';

const missing = postgresUnavailable();
let server: PostgresServer | undefined;
let current = '';
let n = 0;

describe.skipIf(missing !== undefined)(
  `PostgreSQL history store${missing !== undefined ? ` (skipped: ${missing})` : ''}`,
  () => {
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());

    historyStoreSuite(
      async (schemaVersion) => {
        current = await server!.database(`history_${++n}`);
        return openPostgresStore(current, {
          ...(schemaVersion !== undefined ? { schemaVersion } : {}),
          now: () => 0,
        });
      },
      () => openPostgresStore(current),
      async () => {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: current });
        await client.connect();
        await client.query("INSERT INTO schema_version VALUES (99, 'from the future', 0)");
        await client.end();
      },
    );
  },
);

describe('PostgreSQL URLs in messages', () => {
  it('lose their password', () => {
    expect(redactUrl('postgres://audit:s3cret@db.example:5432/kubeward')).toBe(
      'postgres://audit:***@db.example:5432/kubeward',
    );
    expect(redactUrl('postgres://audit@db.example/kubeward')).toBe('postgres://audit@db.example/kubeward');
  });
});
