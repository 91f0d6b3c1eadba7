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
import { parseFiles, type ParallelParseStats } from './parallelParse.js';

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
