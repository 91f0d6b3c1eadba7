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
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errnoMessage } from './errno.js';
import type { InputError } from './inputError.js';
import { parseManifestText, type FileShare, type ParsedFile } from './parse.js';
import { decodeParsedFile, type EncodedFile } from './transfer.js';

/**
 * What each thread keeps of a scan between reading its files and reporting on them (the
 * scan's phases 1 and 3, DESIGN.md "Architecture"). A module export (named by `SessionHook`)
 * opens one per thread — the main thread's and every worker's — from the hook's `data`.
 */
export interface ThreadSession {
  /**
   * Phase 1, for one file this thread read (`key`: its index among the paths, or a number the
   * caller chose for inputs the main thread reads itself): keeps what it needs of the file and
   * returns what the main thread needs now (something `postMessage` can carry).
   */
  file(key: number, parsed: ParsedFile, text: string): unknown;
  /** Phase 3, once: with the main thread's `input`, the result for every file given to `file`. */
  finish(input: unknown): [number, unknown][];
}

/** Names the module export (`(data) => ThreadSession`) every thread opens its session with. */
export interface SessionHook {
  readonly module: string;
  readonly exportName: string;
  readonly data: unknown;
  /**
   * The same export, for the main thread, when the caller has it at hand (then the module is
   * imported by the workers alone, and `data` reaches the main thread's session uncloned).
   */
  readonly open?: SessionFactory;
}

export type SessionFactory = (data: unknown) => ThreadSession;

/** What a worker is started with. */
export interface WorkerInput {
  readonly paths: readonly string[];
  /** An Int32Array(1) over it holds the index of the next unclaimed file. */
  readonly queue: SharedArrayBuffer;
  /** Keep the files in a session and post its phase-1 results, not the objects. */
  readonly session?: SessionHook;
  /** With a session: which share of its file each path is (a large file is read in shares). */
  readonly shares?: readonly FileShare[];
}

/** What a worker posts: each file (parsed, or unreadable), then `done`; with a session, `finished` last. */
export type WorkerMessage =
  | { readonly kind: 'file'; readonly index: number; readonly text: string; readonly encoded: EncodedFile }
  | {
      readonly kind: 'file';
      readonly index: number;
      readonly summary: unknown;
      readonly errors: readonly InputError[];
    }
  | { readonly kind: 'file'; readonly index: number; readonly readError: InputError }
  | { readonly kind: 'done' }
  | { readonly kind: 'finished'; readonly results: [number, unknown][] };

/** What the main thread posts to a worker with a session, once every file is read. */
export interface FinishMessage {
  readonly kind: 'finish';
  readonly input: unknown;
}

/** One input file: its text and parse, or why it could not be read. */
export type LoadedFile =
  | { readonly file: string; readonly text: string; readonly parsed: ParsedFile }
  | { readonly file: string; readonly readError: InputError };

/** One input file read in a session: what its thread's session returned for it and its parse errors, or why it could not be read. */
export type SharedFile =
  | { readonly file: string; readonly summary: unknown; readonly errors: readonly InputError[] }
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
  /**
   * With a session, a file of at least this many bytes is read in as many shares as there are
   * threads (parse.ts `FileShare`: runs of its documents or of its List's items), each by
   * whichever thread claims it, so one large dump is not one thread's work. @default 16 MiB
   */
  readonly shareBytes?: number;
  /**
   * Tests only: with workers started at once, the main thread claims its first file only after a
   * worker has claimed one (or the workers are gone), so a test can count on the input being read
   * by more than one thread; on a loaded machine the main thread otherwise may read it all before
   * a worker is up. @default false
   */
  readonly mainWaitsForWorker?: boolean;
  /** Called on the main thread as each file is in (read there or by a worker): progress. */
  readonly onFile?: (file: SharedFile | LoadedFile, done: number, total: number) => void;
}

/** What happened, for the benchmark and tests. */
export interface ParallelParseStats {
  workersStarted: number;
  filesByWorkers: number;
  filesByMain: number;
}

export const DEFAULT_WORKER_URL = new URL('./parseWorker.js', import.meta.url);

const newStats = (): ParallelParseStats => ({ workersStarted: 0, filesByWorkers: 0, filesByMain: 0 });

/** Reads and parses `paths` and returns every file's objects; the result is in the same order. */
export async function parseFiles(
  paths: readonly string[],
  options: ParallelParseOptions = {},
  stats: ParallelParseStats = newStats(),
): Promise<LoadedFile[]> {
  const results: (LoadedFile | undefined)[] = new Array<LoadedFile | undefined>(paths.length);
  await readAll(paths, options, stats, undefined, {
    onMain: (index) => (results[index] = loadOnMain(paths[index]!)),
    onMessage: (m) => {
      const file = paths[m.index]!;
      if ('readError' in m) results[m.index] = { file, readError: m.readError };
      else if ('encoded' in m)
        results[m.index] = { file, text: m.text, parsed: decodeParsedFile(m.encoded, file) };
    },
    delivered: (index) => results[index] !== undefined,
  });
  return results as LoadedFile[];
}

/** Files read in sessions (`shareFiles`): phase-1 results now, phase 3 on `finish`. */
export interface SharedFiles {
  /** Per share of a path, in order (most paths are one share); the key each went to its session with is its index here. */
  readonly files: readonly SharedFile[];
  /** Per entry of `files`: the index of its path and which share of it it is. */
  readonly units: readonly { readonly path: number; readonly part: number; readonly parts: number }[];
  /** The main thread's session: the caller gives it the inputs it reads itself (stdin, rendered charts). */
  readonly main: ThreadSession;
  /**
   * Phase 3 in every thread: sends each worker `forWorker(the keys it holds)` (else `input`),
   * finishes the main thread's session with `input`,
   * and returns every session's results by key. The files of a worker that failed are read
   * again, on the main thread, so no file is lost.
   */
  finish(input: unknown, forWorker?: (held: ReadonlySet<number>) => unknown): Promise<Map<number, unknown>>;
}

/**
 * Reads and parses `paths` on every core, each file into the session of the thread that
 * parsed it (`session`): objects stay in that thread; only what `ThreadSession.file` returns
 * crosses to the main thread.
 */
export async function shareFiles(
  paths: readonly string[],
  session: SessionHook,
  options: ParallelParseOptions = {},
  stats: ParallelParseStats = newStats(),
): Promise<SharedFiles> {
  const open = session.open ?? (await sessionFactory(session));
  const main = open(session.data);
  const units = shareUnits(paths, options);
  const unitPaths = units.map((u) => paths[u.path]!);
  const shares = units.map((u) => ({ part: u.part, parts: u.parts }));
  const files: (SharedFile | undefined)[] = new Array<SharedFile | undefined>(units.length);
  const byWorker = new Map<Worker, number[]>();
  let done = 0;
  const arrived = (f: SharedFile): SharedFile => {
    options.onFile?.(f, ++done, units.length);
    return f;
  };
  // a file read in shares repays the workers at once: they start before the main thread reads
  const eager = units.some((u) => u.parts > 1) ? { startAfterMs: 0, minRemainingMs: 0 } : {};
  const pool = await readAll(
    unitPaths,
    { ...options, ...eager },
    stats,
    { session, shares },
    {
      onMain: (index) => (files[index] = arrived(shareOnMain(unitPaths[index]!, index, main, shares[index]))),
      onMessage: (m, worker) => {
        const file = unitPaths[m.index]!;
        if ('readError' in m) files[m.index] = arrived({ file, readError: m.readError });
        else if ('summary' in m) {
          files[m.index] = arrived({ file, summary: m.summary, errors: m.errors });
          const mine = byWorker.get(worker);
          if (mine) mine.push(m.index);
          else byWorker.set(worker, [m.index]);
        }
      },
      delivered: (index) => files[index] !== undefined,
    },
  );
  const finish = async (
    input: unknown,
    forWorker?: (held: ReadonlySet<number>) => unknown,
  ): Promise<Map<number, unknown>> => {
    const results = new Map<number, unknown>();
    const workers = [...pool.live];
    const finishing = workers.map((worker) =>
      finishWorker(worker, forWorker ? forWorker(new Set(byWorker.get(worker))) : input).then((got) => {
        if (got === undefined) return false;
        for (const [key, value] of got) results.set(key, value);
        return true;
      }),
    );
    for (const [key, value] of main.finish(input)) results.set(key, value);
    const ok = await Promise.all(finishing);
    // what a worker that failed had read: again, here (its files' phase-1 results are already in)
    const orphans = [...byWorker].filter(([w]) => {
      const at = workers.indexOf(w);
      return at < 0 || ok[at] !== true;
    });
    if (orphans.length > 0) {
      const again = open(session.data);
      for (const [, indexes] of orphans)
        for (const index of indexes) shareOnMain(unitPaths[index]!, index, again, shares[index]);
      for (const [key, value] of again.finish(input)) results.set(key, value);
    }
    return results;
  };
  return { files: files as SharedFile[], units, main, finish };
}

const DEFAULT_SHARE_BYTES = 16 * 1024 * 1024;

/**
 * Whether a file opens like JSON. A YAML stream is shared by documents, each share parsing
 * only its own; a JSON document is one `JSON.parse`, so every share would parse all of it
 * (measured on a 311 MB `kubectl get -o json` List: two shares took longer and twice the
 * memory of one), and it is read whole.
 */
function startsLikeJson(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return text.startsWith('{') || text.startsWith('[');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Each path as one share, or — a large file, when workers may run — as one share per thread. */
function shareUnits(
  paths: readonly string[],
  options: ParallelParseOptions,
): { path: number; part: number; parts: number }[] {
  const threads = 1 + (options.workers ?? Math.max(0, availableParallelism() - 1));
  const min = options.shareBytes ?? DEFAULT_SHARE_BYTES;
  const units: { path: number; part: number; parts: number }[] = [];
  paths.forEach((p, path) => {
    const parts = threads > 1 && fileSize(p) >= min && !startsLikeJson(p) ? threads : 1;
    for (let part = 0; part < parts; part++) units.push({ path, part, parts });
  });
  return units;
}

/** What `readAll` does with each file: read on the main thread, or delivered by a worker. */
interface ReadHandlers {
  onMain(index: number): void;
  onMessage(m: Extract<WorkerMessage, { kind: 'file' }>, worker: Worker): void;
  delivered(index: number): boolean;
}

/** The workers still waiting for `finish` after reading (session mode). */
interface Pool {
  readonly live: Set<Worker>;
}

/**
 * The shared reading loop: the main thread claims and reads files; after `startAfterMs` it
 * starts workers if the rest is worth it; files claimed by a worker that failed are read
 * here at the end.
 */
async function readAll(
  paths: readonly string[],
  options: ParallelParseOptions,
  stats: ParallelParseStats,
  sharing: { readonly session: SessionHook; readonly shares: readonly FileShare[] } | undefined,
  handlers: ReadHandlers,
): Promise<Pool> {
  const queue = new SharedArrayBuffer(4);
  const next = new Int32Array(queue);
  const workerCount = options.workers ?? Math.max(0, availableParallelism() - 1);
  const startAfterMs = options.startAfterMs ?? 25;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  // running from TypeScript sources (tests) there is no compiled worker: parse here
  const canStart = workerCount > 0 && paths.length > 1 && existsSync(fileURLToPath(workerUrl));
  const minRemainingMs = options.minRemainingMs ?? 1000;
  const live = new Set<Worker>();
  let reading: Promise<void> | undefined;
  let wanted = canStart;
  let bytesDone = 0;
  let bytesLeft: number | undefined;
  const started = performance.now();
  let lastYield = started;
  if (wanted && startAfterMs <= 0 && minRemainingMs <= 0) {
    wanted = false;
    reading = runWorkers(workerCount, workerInput(paths, queue, sharing), workerUrl, handlers, stats, live);
    if (options.mainWaitsForWorker === true) {
      let gone = false;
      void reading.then(
        () => (gone = true),
        () => (gone = true),
      );
      while (Atomics.load(next, 0) === 0 && !gone)
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  }
  for (let index = Atomics.add(next, 0, 1); index < paths.length; index = Atomics.add(next, 0, 1)) {
    handlers.onMain(index);
    stats.filesByMain++;
    const size = fileSize(paths[index]!);
    bytesDone += size;
    const elapsed = performance.now() - started;
    if (wanted && elapsed >= startAfterMs && index + 1 < paths.length) {
      if (bytesLeft === undefined) bytesLeft = sizeOf(paths, index + 1);
      else bytesLeft -= size;
      if ((bytesLeft * elapsed) / Math.max(1, bytesDone) >= minRemainingMs) {
        wanted = false;
        reading = runWorkers(
          workerCount,
          workerInput(paths, queue, sharing),
          workerUrl,
          handlers,
          stats,
          live,
        );
      }
    }
    // let the workers' files in, every few milliseconds of our own parsing
    if (reading !== undefined && performance.now() - lastYield >= 5) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  if (reading !== undefined) await reading;
  // whatever a failed worker claimed but never delivered
  for (let i = 0; i < paths.length; i++) {
    if (!handlers.delivered(i)) {
      handlers.onMain(i);
      stats.filesByMain++;
    }
  }
  return { live };
}

/** What the workers start with; the session hook without `open` (a function cannot be posted). */
function workerInput(
  paths: readonly string[],
  queue: SharedArrayBuffer,
  sharing: { readonly session: SessionHook; readonly shares: readonly FileShare[] } | undefined,
): WorkerInput {
  if (sharing === undefined) return { paths, queue };
  const { module, exportName, data } = sharing.session;
  return { paths, queue, shares: sharing.shares, session: { module, exportName, data } };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Bytes in the files from `from` on (unreadable ones count nothing). */
function sizeOf(paths: readonly string[], from: number): number {
  let total = 0;
  for (let i = from; i < paths.length; i++) total += fileSize(paths[i]!);
  return total;
}

/**
 * Reads synchronously: the main thread is busy parsing anyway, and the flat string
 * `readFileSync` returns comes about twice as fast as the chunked one of `readFile`.
 */
function readText(file: string): { text: string } | { readError: InputError } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { readError: { file, message: `cannot read file: ${errnoMessage(e)}` } };
  }
}

function loadOnMain(file: string): LoadedFile {
  const read = readText(file);
  if ('readError' in read) return { file, readError: read.readError };
  return { file, text: read.text, parsed: parseManifestText(read.text, file) };
}

/** Reads and parses a file (or one share of it) into `session` (what a worker does for the files it claims). */
export function shareOnMain(
  file: string,
  key: number,
  session: ThreadSession,
  share: FileShare | undefined,
): SharedFile {
  const read = readText(file);
  if ('readError' in read) return { file, readError: read.readError };
  const parsed = parseManifestText(read.text, file, share);
  return { file, summary: session.file(key, parsed, read.text), errors: parsed.errors };
}

/** Imports the session module (main thread and workers alike). */
export async function sessionFactory(hook: SessionHook): Promise<SessionFactory> {
  const fn = ((await import(hook.module)) as Record<string, SessionFactory | undefined>)[hook.exportName];
  if (typeof fn !== 'function') throw new Error(`session ${hook.exportName} not found in ${hook.module}`);
  return fn;
}

/**
 * Starts the workers; resolves when every one has read its last file (or failed). With a
 * session, the workers that read to the end stay in `live`, waiting for `finish`.
 */
function runWorkers(
  count: number,
  input: WorkerInput,
  url: URL,
  handlers: ReadHandlers,
  stats: ParallelParseStats,
  live: Set<Worker>,
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
        const stop = (): void => {
          live.delete(worker);
          resolve();
          void worker.terminate();
        };
        const onMessage = (m: WorkerMessage): void => {
          if (m.kind === 'done') {
            if (input.session === undefined) stop();
            else {
              live.add(worker);
              // reading is over; finishWorker listens from here on
              worker.off('message', onMessage);
              worker.off('error', stop);
              worker.off('exit', stop);
              resolve();
            }
            return;
          }
          if (m.kind !== 'file') return;
          handlers.onMessage(m, worker);
          stats.filesByWorkers++;
        };
        worker.on('message', onMessage);
        worker.on('error', stop);
        worker.on('exit', stop);
      }),
    );
  }
  return Promise.all(running).then(() => undefined);
}

/** Phase 3 in one worker: its results, or undefined when it failed. */
function finishWorker(worker: Worker, input: unknown): Promise<[number, unknown][] | undefined> {
  return new Promise((resolve) => {
    const end = (results: [number, unknown][] | undefined): void => {
      resolve(results);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'finished') end(m.results);
    });
    worker.on('error', () => end(undefined));
    worker.on('exit', () => end(undefined));
    const message: FinishMessage = { kind: 'finish', input };
    try {
      worker.postMessage(message);
    } catch {
      end(undefined);
    }
  });
}
