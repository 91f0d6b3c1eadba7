/**
 * Reads and parses many manifest files on every core.
 *
 * YAML parsing is the floor of a scan's cost (reference/stack.md §1a: js-yaml 4 does
 * about 18,000 documents a second on one core), so large inputs are parsed by worker
 * threads and the main thread together. Files are claimed one at a time from a shared
 * counter, so a slow file never holds up the rest; workers post each file back as JSON
 * text plus typed arrays (transfer.ts), which the main thread decodes while it parses
 * files of its own; a file hook lets the scan run per-file work (its rules that need no
 * inventory) on every file, in whichever thread parsed it. Small inputs never pay for a worker: after
 * `startAfterMs` of parsing, the main thread estimates from its pace how long the files
 * left would take it, and starts workers only if that is at least `minRemainingMs`.
 * A worker that fails costs nothing but time: what it did not deliver, the main thread
 * parses.
 * The result is in input order and the same as parsing every file on the main thread.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errnoMessage } from './errno.js';
import type { InputError } from './inputError.js';
import { parseManifestText, type ParsedFile } from './parse.js';
import { decodeParsedFile, type EncodedFile } from './transfer.js';

/**
 * A function a worker runs on each file it parsed, named by module URL and export (the
 * scan passes one that runs the rules which need nothing but the resource). It gets the
 * parsed file, its text and `data`, and returns something `postMessage` can carry.
 */
export interface FileHook {
  readonly module: string;
  readonly exportName: string;
  readonly data: unknown;
}

export type FileHookFunction = (parsed: ParsedFile, text: string, data: unknown) => unknown;

/** What a worker is started with. */
export interface WorkerInput {
  readonly paths: readonly string[];
  /** An Int32Array(1) over it holds the index of the next unclaimed file. */
  readonly queue: SharedArrayBuffer;
  readonly hook?: FileHook;
}

/** What a worker posts: one file (parsed, or unreadable), then `done`. */
export type WorkerMessage =
  | {
      readonly kind: 'file';
      readonly index: number;
      readonly text: string;
      readonly encoded: EncodedFile;
      /** What the file hook returned. */
      readonly hooked?: unknown;
    }
  | { readonly kind: 'file'; readonly index: number; readonly readError: InputError }
  | { readonly kind: 'done' };

/** One input file: its text and parse (and the hook's result, when a worker parsed it), or why it could not be read. */
export type LoadedFile =
  | { readonly file: string; readonly text: string; readonly parsed: ParsedFile; readonly hooked?: unknown }
  | { readonly file: string; readonly readError: InputError };

export interface ParallelParseOptions {
  /** Worker threads besides the main thread. @default availableParallelism() − 1 */
  readonly workers?: number;
  /** Consider starting workers once the main thread has parsed for this long (ms). @default 25 */
  readonly startAfterMs?: number;
  /**
   * …and start them only if the files left would take the main thread at least this long
   * (ms, estimated from its pace so far): a worker costs ~0.1–0.3 s of start-up (loading
   * the rules it runs), which small inputs never repay. @default 1000
   */
  readonly minRemainingMs?: number;
  /** The worker script (tests point it at the built one). @default ./parseWorker.js beside this module */
  readonly workerUrl?: URL;
  /** Run on each file parsed, by the workers and the main thread alike. */
  readonly hook?: FileHook;
}

/** What happened, for the benchmark and tests. */
export interface ParallelParseStats {
  workersStarted: number;
  filesByWorkers: number;
  filesByMain: number;
}

export const DEFAULT_WORKER_URL = new URL('./parseWorker.js', import.meta.url);

/** Reads and parses `paths`; the result is in the same order. */
export async function parseFiles(
  paths: readonly string[],
  options: ParallelParseOptions = {},
  stats: ParallelParseStats = { workersStarted: 0, filesByWorkers: 0, filesByMain: 0 },
): Promise<LoadedFile[]> {
  const results: (LoadedFile | undefined)[] = new Array<LoadedFile | undefined>(paths.length);
  const queue = new SharedArrayBuffer(4);
  const next = new Int32Array(queue);
  const workerCount = options.workers ?? Math.max(0, availableParallelism() - 1);
  const startAfterMs = options.startAfterMs ?? 25;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  // running from TypeScript sources (tests) there is no compiled worker: parse here
  const canStart = workerCount > 0 && paths.length > 1 && existsSync(fileURLToPath(workerUrl));
  const minRemainingMs = options.minRemainingMs ?? 1000;
  let pool: Promise<void> | undefined;
  let wanted = canStart;
  let bytesDone = 0;
  let bytesLeft: number | undefined;
  const started = performance.now();
  let lastYield = started;
  const hook = options.hook ? await bindFileHook(options.hook) : undefined;
  for (let index = Atomics.add(next, 0, 1); index < paths.length; index = Atomics.add(next, 0, 1)) {
    const loaded = loadOnMain(paths[index]!, hook);
    results[index] = loaded;
    stats.filesByMain++;
    const size = 'text' in loaded ? loaded.text.length : 0;
    bytesDone += size;
    const elapsed = performance.now() - started;
    if (wanted && elapsed >= startAfterMs && index + 1 < paths.length) {
      if (bytesLeft === undefined) bytesLeft = sizeOf(paths, index + 1);
      else bytesLeft -= size;
      if ((bytesLeft * elapsed) / Math.max(1, bytesDone) >= minRemainingMs) {
        wanted = false;
        const input: WorkerInput = options.hook ? { paths, queue, hook: options.hook } : { paths, queue };
        pool = runWorkers(workerCount, input, workerUrl, results, stats);
      }
    }
    // let the workers' files in, every few milliseconds of our own parsing
    if (pool !== undefined && performance.now() - lastYield >= 5) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  if (pool !== undefined) await pool;
  // whatever a failed worker claimed but never delivered
  for (let i = 0; i < paths.length; i++) {
    if (results[i] === undefined) {
      results[i] = loadOnMain(paths[i]!, hook);
      stats.filesByMain++;
    }
  }
  return results as LoadedFile[];
}

/** Bytes in the files from `from` on (unreadable ones count nothing). */
function sizeOf(paths: readonly string[], from: number): number {
  let total = 0;
  for (let i = from; i < paths.length; i++) {
    try {
      total += statSync(paths[i]!).size;
    } catch {
      // reading it will report the error
    }
  }
  return total;
}

/**
 * Reads synchronously: the main thread is busy parsing anyway, and the flat string
 * `readFileSync` returns comes about twice as fast as the chunked one of `readFile`.
 */
function loadOnMain(file: string, hook: BoundHook | undefined): LoadedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, readError: { file, message: `cannot read file: ${errnoMessage(e)}` } };
  }
  const parsed = parseManifestText(text, file);
  const hooked = hook?.(parsed, text);
  return hooked !== undefined ? { file, text, parsed, hooked } : { file, text, parsed };
}

type BoundHook = (parsed: ParsedFile, text: string) => unknown;

/** Imports the hook (main thread and workers alike) and binds its data. */
export async function bindFileHook(hook: FileHook): Promise<BoundHook> {
  const fn = ((await import(hook.module)) as Record<string, FileHookFunction | undefined>)[hook.exportName];
  if (typeof fn !== 'function') throw new Error(`file hook ${hook.exportName} not found in ${hook.module}`);
  return (parsed, text) => fn(parsed, text, hook.data);
}

/** Starts the workers; resolves when every one has finished (or failed). */
function runWorkers(
  count: number,
  input: WorkerInput,
  url: URL,
  results: (LoadedFile | undefined)[],
  stats: ParallelParseStats,
): Promise<void> {
  const running: Promise<void>[] = [];
  for (let w = 0; w < count; w++) {
    running.push(
      new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(url, { workerData: input });
        } catch {
          resolve();
          return;
        }
        stats.workersStarted++;
        const finish = (): void => {
          resolve();
          void worker.terminate();
        };
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'done') {
            finish();
            return;
          }
          const file = input.paths[m.index]!;
          results[m.index] =
            'readError' in m
              ? { file, readError: m.readError }
              : {
                  file,
                  text: m.text,
                  parsed: decodeParsedFile(m.encoded, file),
                  ...(m.hooked !== undefined ? { hooked: m.hooked } : {}),
                };
          stats.filesByWorkers++;
        });
        worker.on('error', finish);
        worker.on('exit', finish);
      }),
    );
  }
  return Promise.all(running).then(() => undefined);
}
