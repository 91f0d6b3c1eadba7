/**
 * A scan gives the same report on any number of threads: each thread reads its share of the
 * files, keeps the objects, and runs every rule on them against the merged cluster model
 * (scanThread.ts). Workers run compiled JavaScript, so these tests use the build in dist/: run
 * `npm run build` first. Whether a worker, started at once, claims a file before the main
 * thread has read them all is a race on a loaded machine, so the cases that need a worker to
 * have read files hold the main thread until one has claimed a file (`mainWaitsForWorker`).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Scan from '../src/scan.js';
import type * as Files from '../src/load/files.js';
import type * as Json from '../src/report/json.js';
import type { ParallelParseStats } from '../src/load/parallelParse.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');
const TOOL = { name: 'kubeward', version: 'test', informationUri: 'https://example.invalid' };

function requireBuild(): void {
  if (!existsSync(join(root, 'dist/load/parseWorker.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
}

async function built<T>(module: string): Promise<T> {
  requireBuild();
  return (await import(pathToFileURL(join(root, 'dist', module)).href)) as T;
}

const newStats = (): ParallelParseStats => ({ workersStarted: 0, filesByWorkers: 0, filesByMain: 0 });

/** The JSON report of a scan on `workers` workers started at once, and how the files were shared. */
async function report(
  paths: string[],
  workers: number,
  options: Scan.ScanOptions = {},
  shareBytes?: number,
  mainWaitsForWorker = false,
) {
  const { scan } = await built<typeof Scan>('scan.js');
  const { renderJson } = await built<typeof Json>('report/json.js');
  const parseStats = newStats();
  const result = await scan(paths, {
    ...options,
    workers,
    parseTuning: {
      startAfterMs: 0,
      minRemainingMs: 0,
      mainWaitsForWorker,
      ...(shareBytes !== undefined ? { shareBytes } : {}),
    },
    parseStats,
    now: new Date('2026-12-01T00:00:00Z'),
  });
  return { json: renderJson(result, TOOL), result, parseStats };
}

/** A report on `workers` workers, the main thread waiting until one has claimed a file: the comparison covers threads. */
async function withWorkerFiles(
  paths: string[],
  workers: number,
  options: Scan.ScanOptions = {},
  shareBytes?: number,
) {
  const got = await report(paths, workers, options, shareBytes, true);
  expect(got.parseStats.filesByWorkers).toBeGreaterThan(0);
  return got;
}

describe('scan on several threads', () => {
  it('starts no worker for a small input', async () => {
    const { loadInputs } = await built<typeof Files>('load/files.js');
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-small-'));
    for (let i = 0; i < 20; i++) {
      writeFileSync(join(dir, `m${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
    }
    const stats = newStats();
    const loaded = await loadInputs([dir], { workers: 1, parseStats: stats });
    expect(loaded.resources).toHaveLength(20);
    expect(stats).toEqual({ workersStarted: 0, filesByWorkers: 0, filesByMain: 20 });
  });

  it('writes a byte-identical JSON report of the shared corpus on 0, 1 and 2 workers', async () => {
    const alone = await report([corpus], 0);
    expect(alone.parseStats).toMatchObject({ workersStarted: 0, filesByWorkers: 0 });
    expect(alone.result.findings.length).toBeGreaterThan(400);
    for (const workers of [1, 2]) {
      const shared = await withWorkerFiles([corpus], workers);
      expect(shared.parseStats.workersStarted).toBe(workers);
      expect(shared.json === alone.json).toBe(true);
    }
  });

  it('writes the same report when every file is read in shares (runs of documents, of List items) by different threads', async () => {
    const alone = await report([corpus], 0);
    const shared = await withWorkerFiles([corpus], 2, {}, 1);
    // three shares a file: the main thread and the workers each read some of every file
    expect(shared.parseStats.filesByWorkers + shared.parseStats.filesByMain).toBe(
      3 * alone.result.stats.sources,
    );
    expect(shared.json === alone.json).toBe(true);
  });

  it('gives the same controls and suppressions on every thread count (framework, baseline of findings)', async () => {
    const alone = await report([corpus], 0, {
      framework: 'cis',
      pss: { level: 'restricted', version: 'latest' },
    });
    const shared = await withWorkerFiles([corpus], 2, {
      framework: 'cis',
      pss: { level: 'restricted', version: 'latest' },
    });
    expect(shared.json === alone.json).toBe(true);
    expect(shared.result.controls?.results).toEqual(alone.result.controls?.results);
  });

  it('lets a rule in one thread see a NetworkPolicy read by another (the model crosses threads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cross-'));
    // the policy first: the main thread reads it before any worker starts; the Deployments,
    // one file each, are shared out
    writeFileSync(
      join(dir, 'a-policy.yaml'),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
    );
    // a ConfigMap of 2,000 keys beside each Deployment: reading takes long enough for the workers to claim files
    const padding = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: pad, namespace: other}\ndata:\n${Array.from(
      { length: 2000 },
      (_, k) => `  key${k}: "value ${k}"\n`,
    ).join('')}`;
    for (let i = 0; i < 60; i++) {
      writeFileSync(
        join(dir, `d${String(i).padStart(2, '0')}.yaml`),
        `${padding}---\napiVersion: apps/v1
kind: Deployment
metadata: {name: web-${i}, namespace: shop}
spec:
  selector: {matchLabels: {app: web-${i}}}
  template:
    metadata: {labels: {app: web-${i}}}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
`,
      );
    }
    // every file in shares, the workers started at once, and the main thread waits until a worker
    // has claimed the first share (the policy's): the policy and Deployments are read by different threads
    const isolated = await report([dir], 2, { only: ['pod-not-isolated'] }, 1, true);
    expect(isolated.parseStats.filesByWorkers).toBeGreaterThan(0);
    expect(isolated.parseStats.filesByMain).toBeGreaterThan(0);
    expect(isolated.result.stats).toMatchObject({ resources: 121, workloads: 60 });
    expect(isolated.result.findings).toEqual([]);
    // without the policy every Deployment is reported, whichever thread read it
    const open = await report(
      Array.from({ length: 60 }, (_, i) => join(dir, `d${String(i).padStart(2, '0')}.yaml`)),
      2,
      { only: ['pod-not-isolated'] },
      1,
      true,
    );
    expect(open.parseStats.filesByWorkers).toBeGreaterThan(0);
    expect(open.result.findings.map((f) => f.resource.name)).toEqual(
      Array.from({ length: 60 }, (_, i) => `web-${i}`),
    );
  });
});

describe('scan of the generated benchmark corpus on several threads', () => {
  it('writes a byte-identical JSON report on 0, 1 and 2 workers', async () => {
    const { generateCorpus } = (await import(pathToFileURL(join(root, 'bench/generate.mjs')).href)) as {
      generateCorpus: (o: { objects: number; files: number; out: string }) => unknown;
    };
    const out = join(mkdtempSync(join(tmpdir(), 'kubeward-gen-')), 'corpus');
    generateCorpus({ objects: 4000, files: 40, out });
    const alone = await report([out], 0);
    expect(alone.result.stats.resources).toBeGreaterThanOrEqual(4000);
    for (const workers of [1, 2]) {
      const shared = await withWorkerFiles([out], workers);
      expect(shared.json === alone.json).toBe(true);
    }
  });
});
