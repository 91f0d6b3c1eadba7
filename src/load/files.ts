/**
 * Reads the inputs of a scan — files, folders, stdin, Kustomize folders, Helm charts —
 * into resources, keeping every file's text for locating findings later.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '../k8s/resource.js';
import { errnoMessage } from './errno.js';
import type { InputError } from './inputError.js';
import { SourceLocator } from './locate.js';
import {
  parseFiles,
  shareFiles,
  type LoadedFile,
  type ParallelParseOptions,
  type ParallelParseStats,
  type SessionHook,
} from './parallelParse.js';
import { parseManifestText, type ParsedFile } from './parse.js';
import { isClusterScoped } from '../k8s/resource.js';
import { helmTemplatesOf, renderHelm, renderKustomize, type HelmOptions } from './render.js';

export interface LoadOptions {
  /** Reads standard input when `-` is among the paths. */
  readonly readStdin?: () => Promise<string>;
  /** Values files passed to `helm template` for charts. */
  /** How Helm charts are rendered (values files, `--set`, release name and namespace). */
  readonly helm?: HelmOptions;
  /**
   * Worker threads that parse files besides the main thread (0: none). They start only
   * for inputs large enough to repay them. @default available cores − 1
   */
  readonly workers?: number;
  /** When workers are worth starting (tests and the benchmark set them; see parallelParse.ts). */
  readonly parseTuning?: {
    readonly startAfterMs?: number;
    readonly minRemainingMs?: number;
    readonly shareBytes?: number;
    readonly mainWaitsForWorker?: boolean;
  };
  /** Called as each file on disk is in (`loadInputsShared`): progress. */
  readonly onFile?: ParallelParseOptions['onFile'];
  /** Filled with how the files were parsed (for the benchmark). */
  readonly parseStats?: ParallelParseStats;
}

export interface LoadResult {
  readonly resources: Resource[];
  readonly errors: InputError[];
  readonly locator: SourceLocator;
  /** Files (or rendered folders, or stdin) that were read and parsed. */
  readonly sourcesRead: number;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

type Input =
  { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'kustomize' | 'helm'; path: string };

/** Loads every input path. Problems are returned as errors; nothing throws for bad input. */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const errors: InputError[] = [];
  const inputs = await collectInputs(paths, errors);
  const files = await parseFiles(filePaths(inputs), parseOptions(options), options.parseStats);
  const locator = new SourceLocator();
  const resources: Resource[] = [];
  let sourcesRead = 0;
  let fileIndex = 0;
  for (const input of inputs) {
    let loaded: { file: string; text: string; parsed: ParsedFile } | undefined;
    if (input.kind === 'file') {
      const f: LoadedFile = files[fileIndex++]!;
      if ('readError' in f) errors.push(f.readError);
      else loaded = f;
    } else loaded = await readRendered(input, options, errors);
    if (loaded === undefined) continue;
    sourcesRead++;
    locator.addFile(loaded.file, loaded.text, loaded.parsed.documents);
    for (const r of loaded.parsed.resources) resources.push(r);
    for (const e of loaded.parsed.errors) errors.push(e);
  }
  return { resources, errors, locator, sourcesRead };
}

/** What `loadInputsShared` returns: the objects stay in the sessions of the threads that read them. */
export interface SharedLoadResult {
  /** Unreadable inputs and parse errors, in input order (as `loadInputs` gives them). */
  readonly errors: InputError[];
  readonly sourcesRead: number;
  /** What each input's session returned for it (phase 1; a file read in shares gives one per share), in input order. */
  readonly summaries: readonly unknown[];
  /**
   * Phase 3 in every thread (`ThreadSession.finish`): the result for each entry of `summaries`,
   * in the same order. A worker gets `forWorker(…)` when given: the positions in `summaries`
   * of what it read itself, and the keys of all of them in order.
   */
  finish(
    input: unknown,
    forWorker?: (held: ReadonlySet<number>, order: readonly number[]) => unknown,
  ): Promise<unknown[]>;
}

/**
 * Loads every input path as `loadInputs` does, but into thread sessions (parallelParse.ts
 * `shareFiles`): each file is kept by the thread that parsed it, rendered charts, Kustomize
 * output and stdin by the main thread's session.
 */
export async function loadInputsShared(
  paths: readonly string[],
  session: SessionHook,
  options: LoadOptions = {},
): Promise<SharedLoadResult> {
  const errors: InputError[] = [];
  const inputs = await collectInputs(paths, errors);
  const onDisk = filePaths(inputs);
  const shared = await shareFiles(onDisk, session, parseOptions(options), options.parseStats);
  const summaries: unknown[] = [];
  const keys: number[] = [];
  const unitsOf: number[][] = onDisk.map(() => []);
  shared.units.forEach((u, key) => unitsOf[u.path]!.push(key));
  let fileIndex = 0;
  let extraKey = shared.units.length;
  let sourcesRead = 0;
  for (const input of inputs) {
    if (input.kind === 'file') {
      const mine = unitsOf[fileIndex++]!;
      // a file read in shares is unreadable once, whatever each share says
      const first = shared.files[mine[0]!]!;
      if ('readError' in first) {
        errors.push(first.readError);
        continue;
      }
      sourcesRead++;
      for (const key of mine) {
        const f = shared.files[key]!;
        if ('readError' in f) continue;
        summaries.push(f.summary);
        keys.push(key);
        for (const e of f.errors) errors.push(e);
      }
      continue;
    }
    const loaded = await readRendered(input, options, errors);
    if (loaded === undefined) continue;
    const key = extraKey++;
    sourcesRead++;
    summaries.push(shared.main.file(key, loaded.parsed, loaded.text));
    keys.push(key);
    for (const e of loaded.parsed.errors) errors.push(e);
  }
  return {
    errors,
    sourcesRead,
    summaries,
    finish: async (input, forWorker) => {
      const results = await shared.finish(
        input,
        forWorker
          ? (held) => forWorker(new Set(keys.flatMap((k, i) => (held.has(k) ? [i] : []))), keys)
          : undefined,
      );
      return keys.map((k) => results.get(k));
    },
  };
}

async function collectInputs(paths: readonly string[], errors: InputError[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') inputs.push({ kind: 'stdin' });
    else await collect(p, inputs, errors, true);
  }
  return inputs;
}

function filePaths(inputs: readonly Input[]): string[] {
  return inputs.flatMap((i) => (i.kind === 'file' ? [i.path] : []));
}

function parseOptions(options: LoadOptions): ParallelParseOptions {
  return {
    ...options.parseTuning,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.onFile ? { onFile: options.onFile } : {}),
  };
}

/** Stdin, or a Kustomize folder or Helm chart rendered and parsed (a chart's objects placed as a release places them). */
async function readRendered(
  input: Exclude<Input, { kind: 'file' }>,
  options: LoadOptions,
  errors: InputError[],
): Promise<{ file: string; text: string; parsed: ParsedFile } | undefined> {
  const read = await readInput(input, options, errors);
  if (read === undefined) return undefined;
  const parsed = parseManifestText(read.text, read.file);
  return {
    ...read,
    parsed:
      input.kind === 'helm'
        ? helmRelease(
            parsed,
            helmTemplatesOf(read.text, parsed.documents, input.path),
            options.helm?.namespace,
          )
        : parsed,
  };
}

/**
 * The resources of a chart as a release would create them: each with the template its
 * document came from, and in the release's namespace when the chart names none (what
 * `helm install -n NAMESPACE` does; the objects themselves are left as rendered).
 */
function helmRelease(
  parsed: ParsedFile,
  templates: readonly (string | undefined)[],
  namespace: string | undefined,
): ParsedFile {
  const resources = parsed.resources.map((r) => {
    const template = templates[r.source.documentIndex];
    const placed =
      namespace !== undefined && r.ref.namespace === undefined && !isClusterScoped(r.ref.kind)
        ? { ...r, ref: { ...r.ref, namespace } }
        : r;
    return template !== undefined ? { ...placed, source: { ...placed.source, template } } : placed;
  });
  return { ...parsed, resources };
}

/**
 * Bytes on disk of the manifest files a scan of `paths` would read, counted until `stopAt`
 * (stdin and rendered Kustomize/Helm folders count nothing: their size is not known before
 * rendering). Unreadable paths count nothing; the scan reports them.
 */
export async function inputBytes(paths: readonly string[], stopAt = Infinity): Promise<number> {
  const inputs: Input[] = [];
  for (const p of paths) if (p !== '-') await collect(p, inputs, [], true);
  let total = 0;
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    try {
      total += (await stat(input.path)).size;
    } catch {
      // reading it will report the error
    }
    if (total >= stopAt) break;
  }
  return total;
}

async function readInput(
  input: Exclude<Input, { kind: 'file' }>,
  options: LoadOptions,
  errors: InputError[],
): Promise<{ file: string; text: string } | undefined> {
  switch (input.kind) {
    case 'stdin': {
      if (!options.readStdin) {
        errors.push({ file: '-', message: 'standard input is not available' });
        return undefined;
      }
      return { file: '<stdin>', text: await options.readStdin() };
    }
    case 'kustomize':
    case 'helm': {
      const rendered =
        input.kind === 'kustomize'
          ? await renderKustomize(input.path)
          : await renderHelm(input.path, options.helm);
      if (rendered.text === undefined) {
        errors.push({ file: input.path, message: rendered.error ?? 'render failed' });
        return undefined;
      }
      return { file: `${input.path} (${rendered.tool} output)`, text: rendered.text };
    }
  }
}

async function collect(path: string, out: Input[], errors: InputError[], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    errors.push({ file: path, message: `cannot read: ${errnoMessage(e)}` });
    return;
  }
  if (info.isFile()) {
    if (explicit || MANIFEST_FILE.test(path)) out.push({ kind: 'file', path });
    return;
  }
  if (!info.isDirectory()) return;
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (e) {
    errors.push({ file: path, message: `cannot read folder: ${errnoMessage(e)}` });
    return;
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('Chart.yaml')) {
    out.push({ kind: 'helm', path });
    return;
  }
  if (KUSTOMIZATION_FILES.some((k) => names.has(k))) {
    out.push({ kind: 'kustomize', path });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) await collect(child, out, errors, false);
    else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) out.push({ kind: 'file', path: child });
  }
}
