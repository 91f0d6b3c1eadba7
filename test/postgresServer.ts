/**
 * A throw-away PostgreSQL server for tests: initdb into a temporary folder, pg_ctl start on a
 * free loopback port, trust authentication for one superuser. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user (runuser), which is given the folder.
 * `postgresUnavailable()` names what is missing when it cannot start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USER = 'kubeward';

/** pg_ctl and initdb on PATH, else in Debian's /usr/lib/postgresql/<major>/bin. */
function binDir(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  if (onPath !== '') return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const m of majors) if (existsSync(join(root, m, 'bin', 'pg_ctl'))) return join(root, m, 'bin');
  return undefined;
}

function postgresUid(): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

const asRoot = process.getuid?.() === 0;

/** Why no server can be started here, or undefined when one can. */
export function postgresUnavailable(): string | undefined {
  const bin = binDir();
  if (bin === undefined) return 'pg_ctl not found (on PATH or in /usr/lib/postgresql/*/bin)';
  if (!existsSync(join(bin, 'initdb'))) return `initdb not found beside ${join(bin, 'pg_ctl')}`;
  if (asRoot) {
    if (postgresUid() === undefined)
      return 'running as root and there is no `postgres` user to run the server as';
    if (spawnSync('sh', ['-c', 'command -v runuser']).status !== 0)
      return 'running as root and runuser is missing';
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface PostgresServer {
  /** A URL of a new, empty database on the server. */
  readonly database: (name: string) => Promise<string>;
  readonly url: (name: string) => string;
  readonly stop: () => void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-pg-'));
  const ids = asRoot ? postgresUid()! : undefined;
  if (ids !== undefined) chownSync(dir, ids.uid, ids.gid);
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: 'pipe', cwd: dir });
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', USER, '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const url = (name: string): string => `postgres://${USER}@127.0.0.1:${port}/${name}`;
  return {
    url,
    database: async (name) => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
