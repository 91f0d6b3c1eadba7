/**
 * Parsing with worker threads gives exactly what parsing on the main thread gives (the scan
 * with workers, above this layer, is tested in test/scan-workers.test.ts).
 * Workers run compiled JavaScript, so these tests use the build in dist/ (as the
 * end-to-end tests do): run `npm run build` first.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFiles, shareFiles, type ParallelParseStats } from './parallelParse.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(root, '../shared/corpus');
const builtWorker = pathToFileURL(join(root, 'dist/load/parseWorker.js'));

function requireBuild(): void {
  if (!existsSync(fileURLToPath(builtWorker))) throw new Error('dist/ is missing: run `npm run build` first');
}

function corpusFiles(): string[] {
  return readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(corpus, f));
}

const newStats = (): ParallelParseStats => ({ workersStarted: 0, filesByWorkers: 0, filesByMain: 0 });

describe('parseFiles', () => {
  it('gives the same files, in input order, with workers as without', async () => {
    requireBuild();
    const files = corpusFiles();
    const alone = newStats();
    const single = await parseFiles(files, { workers: 0 }, alone);
    const shared = newStats();
    const parallel = await parseFiles(
      files,
      { workers: 2, startAfterMs: 0, minRemainingMs: 0, workerUrl: builtWorker },
      shared,
    );
    expect(alone).toEqual({ workersStarted: 0, filesByWorkers: 0, filesByMain: files.length });
    expect(shared.workersStarted).toBe(2);
    expect(shared.filesByWorkers).toBeGreaterThan(0);
    expect(shared.filesByWorkers + shared.filesByMain).toBe(files.length);
    expect(parallel.map((f) => f.file)).toEqual(files);
    expect(parallel).toStrictEqual(single);
  });

  it('reports unreadable files as errors from the workers too', async () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-par-'));
    const paths = Array.from({ length: 8 }, (_, i) => join(dir, `m${i}.yaml`));
    paths.forEach((p, i) => writeFileSync(p, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`));
    paths.splice(3, 0, join(dir, 'missing.yaml'));
    const stats = newStats();
    const loaded = await parseFiles(
      paths,
      { workers: 1, startAfterMs: 0, minRemainingMs: 0, workerUrl: builtWorker },
      stats,
    );
    expect(loaded[3]).toEqual({
      file: join(dir, 'missing.yaml'),
      readError: { file: join(dir, 'missing.yaml'), message: 'cannot read file: no such file or folder' },
    });
    expect(loaded.filter((f) => 'parsed' in f)).toHaveLength(8);
  });

  it('parses on the main thread alone when the worker cannot start', async () => {
    const stats = newStats();
    const files = corpusFiles().slice(0, 5);
    const loaded = await parseFiles(
      files,
      { workers: 1, startAfterMs: 0, minRemainingMs: 0, workerUrl: new URL('file:///nonexistent/worker.js') },
      stats,
    );
    expect(stats).toEqual({ workersStarted: 0, filesByWorkers: 0, filesByMain: 5 });
    expect(loaded.every((f) => 'parsed' in f)).toBe(true);
  });
});

describe('shareFiles', () => {
  /** A session that says which thread's session kept which file. */
  const sessions: string[] = [];
  const open = (data: unknown) => {
    const name = `${String(data)}#${sessions.length}`;
    sessions.push(name);
    const kept: number[] = [];
    return {
      file(key: number, parsed: { resources: unknown[] }) {
        kept.push(key);
        return parsed.resources.length;
      },
      finish(input: unknown): [number, unknown][] {
        return kept.map((k) => [k, `${name}:${String(input)}`]);
      },
    };
  };

  it('re-reads on the main thread, in a new session, what a worker kept when it fails before finishing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-share-'));
    const paths = Array.from({ length: 6 }, (_, i) => join(dir, `m${i}.yaml`));
    paths.forEach((p, i) => writeFileSync(p, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`));
    // a worker that claims every file it can, says it kept it, and dies when asked to finish
    const failing = join(dir, 'failing-worker.mjs');
    writeFileSync(
      failing,
      `import { parentPort, workerData } from 'node:worker_threads';
const next = new Int32Array(workerData.queue);
for (let i = Atomics.add(next, 0, 1); i < workerData.paths.length; i = Atomics.add(next, 0, 1))
  parentPort.postMessage({ kind: 'file', index: i, summary: 1, errors: [] });
parentPort.postMessage({ kind: 'done' });
parentPort.once('message', () => process.exit(3));
`,
    );
    sessions.length = 0;
    const stats = newStats();
    const shared = await shareFiles(
      paths,
      { module: 'unused', exportName: 'unused', data: 'scan', open },
      { workers: 1, startAfterMs: 0, minRemainingMs: 0, workerUrl: pathToFileURL(failing) },
      stats,
    );
    expect(shared.files.map((f) => ('summary' in f ? f.summary : f))).toEqual([1, 1, 1, 1, 1, 1]);
    const results = await shared.finish('model');
    const byWorker = stats.filesByWorkers;
    // the race of who claims what aside: every file has a result, from the main thread's
    // session (scan#0) or from the session opened again for the failed worker's files (scan#1)
    expect([...results.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stats.filesByWorkers + stats.filesByMain).toBe(6);
    const fromRetry = [...results.values()].filter((v) => v === 'scan#1:model').length;
    expect(fromRetry).toBe(byWorker);
    expect([...results.values()].filter((v) => v === 'scan#0:model').length).toBe(6 - byWorker);
  });

  it('reads a large file in one share per thread, each share a run of its documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-shares-'));
    const file = join(dir, 'stream.yaml');
    writeFileSync(
      file,
      Array.from({ length: 9 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join(
        '---\n',
      ),
    );
    sessions.length = 0;
    const shared = await shareFiles(
      [file],
      { module: 'unused', exportName: 'unused', data: 'scan', open },
      { workers: 2, shareBytes: 1, workerUrl: new URL('file:///nonexistent/worker.js') },
    );
    expect(shared.units).toEqual([
      { path: 0, part: 0, parts: 3 },
      { path: 0, part: 1, parts: 3 },
      { path: 0, part: 2, parts: 3 },
    ]);
    expect(shared.files.map((f) => ('summary' in f ? f.summary : f))).toEqual([3, 3, 3]);
  });
});
