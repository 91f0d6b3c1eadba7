/**
 * `kubeward scan --cluster`, fleets, `kubeward snapshot` and the engine commands on a cluster,
 * as users run them: the built CLI in a child process against the fixture API server (run
 * asynchronously: the server answers from this process).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_API_RESOURCES, GATEWAY_API_RESOURCES } from '../apiServer/discovery.js';
import { startFixtureApiServer, type FixtureApiServer } from '../apiServer/fixtureApiServer.js';
import { shopCluster } from '../apiServer/shopCluster.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1', HOME: dir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

let prod: FixtureApiServer;
let staging: FixtureApiServer;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-cluster-cli-'));
  prod = await startFixtureApiServer({
    objects: shopCluster(),
    apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
    forbidden: [{ group: '', resource: 'configmaps' }],
  });
  staging = await startFixtureApiServer({
    objects: shopCluster().filter((o) => !o.apiVersion.startsWith('gateway.') && o.kind !== 'DaemonSet'),
    token: 'staging-token',
  });
  kubeconfig = await prod.writeKubeconfig(dir, {
    context: 'prod',
    exec: false,
    others: [{ name: 'staging', server: staging }],
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await prod.close();
  await staging.close();
});

interface Report {
  summary: Record<string, number>;
  findings: { cluster: string; ruleId: string; location: { file: string } }[];
  warnings: string[];
  clusters: { context: string; notVisible: { kind: string }[]; stats: { resources: number } }[];
}

describe('kubeward scan --cluster', () => {
  it('scans the current context: findings keyed by cluster, what was not visible stated', async () => {
    const r = await run([
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.clusters.map((c) => [c.context, c.notVisible.map((n) => n.kind)])).toEqual([
      ['prod', ['ConfigMap']],
    ]);
    expect(report.warnings).toContain(
      'cluster prod: not visible: ConfigMap: cannot list configmaps at cluster scope (grant verb "list" on resource "configmaps" in apiGroup "")',
    );
    expect(new Set(report.findings.map((f) => f.cluster))).toEqual(new Set(['prod']));
    expect(report.findings.find((f) => f.ruleId === 'privileged-container')?.location.file).toBe(
      'cluster:prod/kube-system/DaemonSet/node-agent',
    );
  });

  it('a fleet: one section per context, the summary over all', async () => {
    const r = await run([
      'scan',
      '--all-contexts',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.clusters.map((c) => c.context)).toEqual(['prod', 'staging']);
    const privileged = report.findings
      .filter((f) => f.ruleId === 'privileged-container')
      .map((f) => f.cluster);
    expect(privileged).toEqual(['prod']);
    expect(report.summary.critical).toBe(
      report.findings.filter((f) => (f as { severity?: string }).severity === 'critical').length,
    );
    const text = await run([
      'scan',
      '--context',
      'staging',
      '--context',
      'prod',
      '--kubeconfig',
      kubeconfig,
      '--fail-on',
      'never',
    ]);
    expect(text.stdout.match(/^== cluster \S+/gm)).toEqual(['== cluster staging', '== cluster prod']);
    expect(text.stdout).toContain('not visible (1 kind): ConfigMap');
  });

  it('usage errors are one line and exit 2', async () => {
    const both = await run(['scan', '--cluster', 'examples/insecure-shop']);
    expect([both.code, both.stderr]).toEqual([
      2,
      'kubeward: --cluster reads its own input: leave out examples/insecure-shop (or scan them in another run)\n',
    ]);
    const fleetSarif = await run(['scan', '--all-contexts', '--kubeconfig', kubeconfig, '-f', 'sarif']);
    expect([fleetSarif.code, fleetSarif.stderr]).toEqual([
      2,
      'kubeward: --format sarif reports one cluster; for 2 clusters use text or json, or run once per --context\n',
    ]);
    const unknown = await run(['scan', '--context', 'dev', '--kubeconfig', kubeconfig]);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'kubeward: --context dev: no such context in the kubeconfig (it has prod, staging)\n',
    ]);
  });
});

describe('kubeward snapshot', () => {
  it('writes a snapshot that scan, netpol, rbac, paths and exposure take as input', async () => {
    const file = join(dir, 'snap.json');
    const w = await run(['snapshot', '--context', 'staging', '--kubeconfig', kubeconfig, '-o', file]);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/^wrote \d+ objects of 1 cluster to /);
    const live = await run([
      'scan',
      '--context',
      'staging',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
      '--fail-on',
      'never',
    ]);
    const offline = await run(['scan', file, '-f', 'json', '--fail-on', 'never']);
    const viaFlag = await run(['scan', '--snapshot', file, '-f', 'json', '--fail-on', 'never']);
    const findings = (out: string) =>
      (JSON.parse(out) as Report).findings.map((f) => [f.ruleId, f.location.file]);
    expect(findings(offline.stdout)).toEqual(findings(live.stdout));
    expect(findings(viaFlag.stdout)).toEqual(findings(live.stdout));
    const netpol = await run(['netpol', 'matrix', file]);
    expect(netpol.code).toBe(0);
    expect(netpol.stdout).toContain('shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432');
    const rbac = await run([
      'rbac',
      'who-can',
      'get',
      'secrets',
      '-n',
      'shop',
      '--snapshot',
      file,
      '-f',
      'json',
    ]);
    expect(rbac.code).toBe(0);
    expect(rbac.stdout).toContain('"web"');
    const exposure = await run(['exposure', file, '-f', 'json']);
    expect(exposure.code).toBe(0);
    const paths = await run(['paths', '--from', 'shop/Deployment/web', file, '-f', 'json']);
    expect(paths.code).toBe(0);
  });

  it('a bad snapshot is one line and exit 2', async () => {
    const file = join(dir, 'old.json');
    await writeFile(file, '{"apiVersion":"kubeward.io/snapshot/v0","clusters":[]}');
    const r = await run(['scan', file]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kubeward: ${file}: snapshot format "kubeward.io/snapshot/v0" is not supported (this kubeward reads kubeward.io/snapshot/v1); write the snapshot again with this version\n`,
    ]);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"apiVersion":"kubeward.io/snapshot/v1", "clusters": [');
    const b = await run(['netpol', 'matrix', broken]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^kubeward: .*broken\.json: not a kubeward snapshot: malformed JSON \(.*\)\n$/);
    expect(await readFile(broken, 'utf8')).toContain('snapshot/v1');
  });
});
