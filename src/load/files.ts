/**
 * Reads the inputs of a scan — files, folders, stdin, Kustomize folders, Helm charts —
 * into resources, keeping every file's text for locating findings later.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '../k8s/resource.js';
import type { InputError } from './inputError.js';
import { SourceLocator } from './locate.js';
import { parseManifestText } from './parse.js';
import { renderHelm, renderKustomize } from './render.js';

export interface LoadOptions {
  /** Reads standard input when `-` is among the paths. */
  readonly readStdin?: () => Promise<string>;
  /** Values files passed to `helm template` for charts. */
  readonly helmValues?: readonly string[];
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
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') inputs.push({ kind: 'stdin' });
    else await collect(p, inputs, errors, true);
  }
  const locator = new SourceLocator();
  const resources: Resource[] = [];
  let sourcesRead = 0;
  for (const input of inputs) {
    const loaded = await readInput(input, options, errors);
    if (loaded === undefined) continue;
    sourcesRead++;
    const parsed = parseManifestText(loaded.text, loaded.file);
    locator.addFile(loaded.file, loaded.text, parsed.documents);
    for (const r of parsed.resources) resources.push(r);
    for (const e of parsed.errors) errors.push(e);
  }
  return { resources, errors, locator, sourcesRead };
}

async function readInput(
  input: Input,
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
    case 'file': {
      try {
        return { file: input.path, text: await readFile(input.path, 'utf8') };
      } catch (e) {
        errors.push({ file: input.path, message: `cannot read file: ${errnoMessage(e)}` });
        return undefined;
      }
    }
    case 'kustomize':
    case 'helm': {
      const rendered =
        input.kind === 'kustomize'
          ? await renderKustomize(input.path)
          : await renderHelm(input.path, options.helmValues);
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

function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return err.message ?? String(e);
  }
}
