/**
 * `kubeward audit --cluster` as users run it (the built CLI in a child process) against the
 * fixture API server: one cycle and exit, and `--watch` serving metrics until SIGTERM, then a
 * clean exit with the history recorded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_API_RESOURCES, GATEWAY_API_RESOURCES } from '../apiServer/discovery.js';
import { startFixtureApiServer, type FixtureApiServer } from '../apiServer/fixtureApiServer.js';
import { shopCluster } from '../apiServer/shopCluster.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
let server: FixtureApiServer;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  server = await startFixtureApiServer({
    objects: shopCluster(),
    apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
  });
  dir = mkdtempSync(join(tmpdir(), 'kubeward-audit-cli-'));
  kubeconfig = await server.writeKubeconfig(dir);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on('exit', (status) => done({ status, stderr })));
}

describe('kubeward audit --cluster', () => {
  it('without --watch: one cycle, the reports as files, exit 1 for findings at or above --fail-on', async () => {
    const out = join(dir, 'once');
    // not spawnSync: the fixture server answers from this process's event loop
    const r = await run([
      'audit',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--output-dir',
      out,
      '--no-config',
      '--fail-on',
      'critical',
    ]);
    expect(r.stderr).toMatch(
      /^kubeward audit: cycle 1: \d+ findings on \d+ objects \(\d+ re-evaluated\), 3 reports\n$/,
    );
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      'clusterpolicyreport.kubeward-cluster.yaml',
      'policyreport.kube-system.kubeward.yaml',
      'policyreport.shop.kubeward.yaml',
    ]);
    expect(server.violations).toEqual([]);
  });

  it('with --watch: metrics on /metrics, the history recorded, and a clean exit 0 on SIGTERM', async () => {
    const out = join(dir, 'watch');
    const db = join(dir, 'history.db');
    const child = spawn(
      process.execPath,
      [
        cli,
        'audit',
        '--cluster',
        '--watch',
        '--kubeconfig',
        kubeconfig,
        '--output-dir',
        out,
        '--no-config',
        '--interval',
        '100ms',
        '--watch-seconds',
        '1',
        '--metrics-port',
        '0',
        '--metrics-host',
        '127.0.0.1',
        '--db',
        db,
        '--scope',
        'fixture',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const until = async (pattern: RegExp): Promise<RegExpMatchArray> => {
      for (let i = 0; i < 300; i++) {
        const m = pattern.exec(stderr);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no ${String(pattern)} in: ${stderr}`);
    };
    const port = Number((await until(/metrics on port (\d+)/))[1]);
    await until(/cycle 1:/);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/\nkubeward_audit_cycles_total 1\n/);
    expect(metrics).toMatch(/\nkubeward_audit_findings\{severity="critical"\} [1-9]\d*\n/);
    expect(metrics).toMatch(
      /\nkubeward_audit_rule_findings\{rule="privileged-container",severity="critical"\} 1\n/,
    );
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok\n');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping\nkubeward audit: stopped\n$/);
    expect(existsSync(join(out, 'policyreport.shop.kubeward.yaml'))).toBe(true);
    const history = spawnSync(
      process.execPath,
      [cli, 'history', '--db', db, '--scope', 'fixture', '-f', 'json'],
      {
        encoding: 'utf8',
      },
    );
    expect(history.status).toBe(0);
    const report = JSON.parse(history.stdout) as { latest: { id: number }; trend: unknown[] };
    expect(report.latest.id).toBe(1);
    expect(report.trend).toHaveLength(1);
  }, 60_000);

  it('scan --cluster --record records one cycle under the context name', async () => {
    const db = join(dir, 'scan-history.db');
    const r = await run([
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-f',
      'json',
      '-o',
      join(dir, 's.json'),
      '--db',
      db,
      '-q',
    ]);
    expect(r.stderr).toMatch(/^recorded cycle 1 \(\d+ findings\) in the history\n$/);
    const history = spawnSync(
      process.execPath,
      [cli, 'history', '--db', db, '--scope', 'fixture', '-f', 'json'],
      {
        encoding: 'utf8',
      },
    );
    expect((JSON.parse(history.stdout) as { latest: { id: number } }).latest.id).toBe(1);
  });

  it('refuses to run without --cluster, naming the flag', () => {
    const r = spawnSync(process.execPath, [cli, 'audit', '--output-dir', dir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'kubeward: audit reads a live cluster: give --cluster (with --kubeconfig/--context as kubectl takes them)\n',
    );
  });
});
