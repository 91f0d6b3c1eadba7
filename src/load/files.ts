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
import { parseFiles, type FileHook, type LoadedFile, type ParallelParseStats } from './parallelParse.js';
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
  readonly parseTuning?: { readonly startAfterMs?: number; readonly minRemainingMs?: number };
  /** Run on each file read from disk, by the thread that parsed it; results in `LoadResult.hooked`. */
  readonly fileHook?: FileHook;
  /** Filled with how the files were parsed (for the benchmark). */
  readonly parseStats?: ParallelParseStats;
}

export interface LoadResult {
  readonly resources: Resource[];
  readonly errors: InputError[];
  readonly locator: SourceLocator;
  /** Files (or rendered folders, or stdin) that were read and parsed. */
  readonly sourcesRead: number;
  /** What `fileHook` returned, by file (every file parsed from disk, in whichever thread). */
  readonly hooked?: ReadonlyMap<string, unknown>;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

type Input =
  { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'kustomize' | 'helm'; path: string };

/** Loads every input path. Problems are returned as errors; nothing throws for bad input. */
export async function loadInputs(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const errors: InputError[] = [];
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') inputs.push({ kind: 'stdin' });
    else await collect(p, inputs, errors, true);
  }
  const files = await parseFiles(
    inputs.flatMap((i) => (i.kind === 'file' ? [i.path] : [])),
    {
      ...options.parseTuning,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.fileHook ? { hook: options.fileHook } : {}),
    },
    options.parseStats,
  );
  const hooked = new Map<string, unknown>();
  const locator = new SourceLocator();
  const resources: Resource[] = [];
  let sourcesRead = 0;
  let fileIndex = 0;
  for (const input of inputs) {
    let loaded: { file: string; text: string; parsed: ParsedFile } | undefined;
    if (input.kind === 'file') {
      const f: LoadedFile = files[fileIndex++]!;
      if ('readError' in f) errors.push(f.readError);
      else {
        loaded = f;
        if (f.hooked !== undefined) hooked.set(f.file, f.hooked);
      }
    } else {
      const read = await readInput(input, options, errors);
      if (read !== undefined) {
        const parsed = parseManifestText(read.text, read.file);
        loaded = {
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
    }
    if (loaded === undefined) continue;
    sourcesRead++;
    locator.addFile(loaded.file, loaded.text, loaded.parsed.documents);
    for (const r of loaded.parsed.resources) resources.push(r);
    for (const e of loaded.parsed.errors) errors.push(e);
  }
  return { resources, errors, locator, sourcesRead, hooked };
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
