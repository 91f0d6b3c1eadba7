/**
 * `kubeward paths`, `blast-radius` and `exposure` as users run them: the built CLI in a child
 * process on examples/insecure-shop (`npm test` builds first).
 *
 * insecure-shop, worked out: 6 workloads (frontend, cart, payments, redis, db-backup, log-agent),
 * Secret shop/redis, Node/*, ClusterAdmin = 9 assets. Entry points: frontend (LoadBalancer
 * Service and Ingress) and log-agent (hostNetwork) = 2. Every workload runs as shop/default with
 * its token, and shop/default may do anything in shop (Role shop-admin): each workload reaches the
 * 5 others (POD_EXEC), the node (POD_CREATE) and the Secret (SECRET_READ) = 7; nothing reaches
 * ClusterAdmin. Attack surface 8/9 = 88.89 %; assume-breach 7/9 = 77.78 %.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
const SHOP = 'examples/insecure-shop';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runJson(args: string[]): unknown {
  const r = run(args);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as unknown;
}

const FIGURES = {
  attackSurfaceExposure: 88.89,
  assumeBreachExposure: 77.78,
  entryPoints: 2,
  assets: 9,
  criticalPathEntryShare: 0,
  minHopsToCritical: null,
};

describe('kubeward exposure', () => {
  it('prints the figures of insecure-shop as JSON', () => {
    expect(runJson(['exposure', '-f', 'json', SHOP])).toMatchObject(FIGURES);
  });

  it('--with prints before and after a fix: no rights for shop/default and default deny', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-graph-'));
    const fix = join(dir, 'fix.yaml');
    writeFileSync(
      fix,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: shop-admin, namespace: shop}
rules: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
    );
    const out = runJson(['exposure', '--with', fix, '-f', 'json', SHOP]) as {
      before: unknown;
      after: unknown;
    };
    expect(out.before).toMatchObject(FIGURES);
    // After: only log-agent (privileged, on the host network) still escapes: the node and through
    // it the 5 other workloads and the Secret = 7; redis still holds its Secret = 1; the rest 0.
    // Entry points reach the same 8 assets (log-agent); assume-breach (7 + 1) / 6 of 9 = 14.81 %.
    expect(out.after).toMatchObject({ ...FIGURES, assumeBreachExposure: 14.81 });
  });

  it('prints the figures and choke points as text', () => {
    const r = run(['exposure', SHOP]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      'Attack Surface Exposure                              88.89%',
      'Assume-breach exposure                               77.78%',
      'Entry points                                         2',
      'Assets                                               9',
      'Entry points with a path to a critical asset         0%',
      'Fewest hops from an entry point to a critical asset  none',
    ]);
  });
});

describe('kubeward paths', () => {
  it('--to gives the shortest path with technique, MITRE id and evidence', () => {
    const out = runJson(['paths', '--from', 'shop/frontend', '--to', 'Node/*', '-f', 'json', SHOP]) as {
      paths: { hops: { from: unknown; to: unknown; edge: string; mitre: string; evidence: string }[] }[];
    };
    expect(out.paths.map((p) => p.hops.map((h) => [h.edge, h.mitre, h.to]))).toEqual([
      [
        ['IDENTITY_ASSUME', 'T1078', { kind: 'ServiceAccount', namespace: 'shop', name: 'default' }],
        ['POD_CREATE', 'T1610', { kind: 'Node', namespace: '', name: '*' }],
      ],
    ]);
    expect(out.paths[0]!.hops[1]!.evidence).toBe(
      'RoleBinding shop/shop-admin (examples/insecure-shop/rbac.yaml:11) → Role shop/shop-admin rule #0',
    );
  });

  it('starts at an entry point named ns/Kind/name', () => {
    const out = runJson(['paths', '--from', 'shop/Ingress/shop', '--max', '1', '-f', 'json', SHOP]) as {
      paths: { hops: { edge: string }[] }[];
    };
    expect(out.paths.map((p) => p.hops.map((h) => h.edge))).toEqual([
      ['ENDPOINT_EXPLOIT', 'IDENTITY_ASSUME', 'POD_CREATE'],
    ]);
  });
});

describe('kubeward blast-radius', () => {
  it('lists every asset the workload reaches with hop counts, not the workload itself', () => {
    expect(runJson(['blast-radius', 'shop/Deployment/frontend', '-f', 'json', SHOP])).toEqual({
      workload: { kind: 'Deployment', namespace: 'shop', name: 'frontend' },
      assets: [
        { kind: 'CronJob', namespace: 'shop', name: 'db-backup', hops: 2 },
        { kind: 'DaemonSet', namespace: 'shop', name: 'log-agent', hops: 2 },
        { kind: 'Deployment', namespace: 'shop', name: 'cart', hops: 1 },
        { kind: 'Deployment', namespace: 'shop', name: 'payments', hops: 1 },
        { kind: 'Node', namespace: '', name: '*', hops: 2 },
        { kind: 'Secret', namespace: 'shop', name: 'redis', hops: 2 },
        { kind: 'StatefulSet', namespace: 'shop', name: 'redis', hops: 2 },
      ],
    });
  });

  it('an unknown workload is a usage error naming the candidates', () => {
    const r = run(['blast-radius', 'frontend', SHOP]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 2,
      stderr:
        'kubeward: no workload "frontend" in the input (give ns/Kind/name or ns/name); candidates: shop/Deployment/frontend\n',
    });
  });

  it('an ambiguous ns/name is a usage error listing both workloads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-graph-'));
    const pod = (kind: string) => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: web}]}}
`;
    writeFileSync(join(dir, 'w.yaml'), `${pod('Deployment')}---\n${pod('StatefulSet')}`);
    const r = run(['blast-radius', 'shop/web', dir]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 2,
      stderr: 'kubeward: "shop/web" is ambiguous; candidates: shop/Deployment/web, shop/StatefulSet/web\n',
    });
  });

  it.each([
    [
      ['paths', '--from', 'shop/frontend', '--max', '0', SHOP],
      'kubeward: --max must be a whole number of at least 1, not "0"\n',
    ],
    [
      ['paths', '--from', 'shop/frontend', '--to', 'shop/Secret/nope', SHOP],
      'kubeward: no asset "shop/Secret/nope" in the input (give ns/Kind/name or ns/name)\n',
    ],
    [['exposure'], 'kubeward: no input: give files, folders, or - for standard input\n'],
    [['exposure', '-f', 'yaml', SHOP], 'kubeward: --format must be text or json, not "yaml"\n'],
  ])('usage errors exit 2: %j', (args, stderr) => {
    const r = run(args);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 2, stderr, stdout: '' });
  });
});
