/**
 * Resolves a field path of one resource to a line and column in its source file,
 * lazily: positions are found only for findings, never during bulk parsing.
 * Block-style documents — nearly all manifests — are answered by a line walk
 * (blockLocate.ts), JSON documents by a token walk (jsonLocate.ts); a document they
 * decline is re-parsed with the `yaml` library (which keeps positions), once, and cached.
 * All give the same answer (blockLocate.test.ts, jsonLocate.test.ts).
 * (reference/stack.md §1a: the lazy `yaml` approach agreed with a full `yaml` parse
 * in 421 of 421 checks.)
 *
 * A path that does not exist in the document (a finding about a missing field)
 * resolves to the deepest ancestor that does exist.
 */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yamlLib.js';
import type { FieldPath } from '../k8s/fieldPath.js';
import type { SourceRef } from '../k8s/resource.js';
import { BlockDocument, DECLINE } from './blockLocate.js';
import { JsonDocument } from './jsonLocate.js';
import type { DocumentSpan } from './parse.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

interface ParsedSpan {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly span: DocumentSpan;
}

interface SourceFile {
  readonly text: string;
  readonly documents: readonly DocumentSpan[];
  /** Offsets at which lines start, built on the first finding in the file. */
  lineStarts?: Int32Array;
  /** Line or token walkers of the documents that had a finding, by document index. */
  readonly walked: (BlockDocument | JsonDocument | undefined)[];
  /** `yaml` parses of the documents the line walk declined, by document index. */
  readonly parsed: (ParsedSpan | null | undefined)[];
}

/** How the locator answered so far (for the benchmark and tests). */
export interface LocatorStats {
  /** Answered by the line walk. */
  fast: number;
  /** Answered by a `yaml` parse of the document. */
  parsed: number;
  /** Documents re-parsed with `yaml`. */
  documentsParsed: number;
}

/**
 * Files whose walked and parsed documents stay cached. Findings arrive in input order
 * (resource by resource), so a few files suffice, and memory stays flat however many
 * documents have findings.
 */
const CACHED_FILES = 8;

/** Locates fields in the files of one scan. Keeps each file's text and, for the last few files, the documents it walked or re-parsed. */
export class SourceLocator {
  private readonly files = new Map<string, SourceFile>();
  private readonly recent: SourceFile[] = [];
  readonly stats: LocatorStats = { fast: 0, parsed: 0, documentsParsed: 0 };

  addFile(file: string, text: string, documents: readonly DocumentSpan[]): void {
    this.files.set(file, { text, documents, walked: [], parsed: [] });
  }

  /** Lets go of a file's text and walks (nothing more will be located in it). */
  forget(file: string): void {
    const entry = this.files.get(file);
    if (entry === undefined) return;
    this.files.delete(file);
    const at = this.recent.indexOf(entry);
    if (at >= 0) this.recent.splice(at, 1);
  }

  /** Line and column (1-based) of `path` in the resource at `source`; the document start when nothing closer is found. */
  locate(source: SourceRef, path: FieldPath): Position {
    const fallback = { line: source.line, column: 1 };
    const entry = this.files.get(source.file);
    const span = entry?.documents[source.documentIndex];
    if (!entry || !span) return fallback;
    if (this.recent[this.recent.length - 1] !== entry) this.touch(entry);
    const full: FieldPath = source.itemIndex !== undefined ? ['items', source.itemIndex, ...path] : path;
    const walked = (entry.walked[source.documentIndex] ??= walkerFor(entry.text, span));
    const fast = walked.locate(full);
    if (fast !== DECLINE) {
      this.stats.fast++;
      return positionIn(entry, fast);
    }
    const parsed = this.parse(source.documentIndex, entry, span);
    if (!parsed) return fallback;
    this.stats.parsed++;
    const offset = offsetOf(parsed.doc.contents, full);
    if (offset === undefined) return fallback;
    const pos = parsed.lines.linePos(offset);
    return { line: parsed.span.line + pos.line - 1, column: pos.col };
  }

  /** Marks `entry` as the file in use; the caches of the least recently used file beyond CACHED_FILES go. */
  private touch(entry: SourceFile): void {
    const at = this.recent.indexOf(entry);
    if (at !== -1) this.recent.splice(at, 1);
    this.recent.push(entry);
    if (this.recent.length > CACHED_FILES) {
      const old = this.recent.shift()!;
      old.walked.length = 0;
      old.parsed.length = 0;
      delete old.lineStarts;
    }
  }

  private parse(documentIndex: number, entry: SourceFile, span: DocumentSpan): ParsedSpan | null {
    const cached = entry.parsed[documentIndex];
    if (cached !== undefined) return cached;
    this.stats.documentsParsed++;
    const result = parseSpan(entry.text, span);
    entry.parsed[documentIndex] = result;
    return result;
  }
}

/** JSON (and flow documents written as JSON) is walked by tokens, block YAML by lines. */
function walkerFor(text: string, span: DocumentSpan): BlockDocument | JsonDocument {
  let p = span.start;
  while (p < span.end && /\s/.test(text[p]!)) p++;
  const c = text[p];
  return c === '{' || c === '['
    ? new JsonDocument(text, span.start, span.end)
    : new BlockDocument(text, span.start, span.end);
}

function parseSpan(text: string, span: DocumentSpan): ParsedSpan | null {
  const lines = new (yamlLib().LineCounter)();
  try {
    const doc = yamlLib().parseDocument(text.slice(span.start, span.end), {
      version: '1.1',
      lineCounter: lines,
      uniqueKeys: false,
      prettyErrors: false,
    });
    return { doc, lines, span };
  } catch {
    return null;
  }
}

/**
 * The `yaml`-based walk for one document: a function from a path to its offset in `text`
 * (undefined when the document does not parse). The reference the line walk is tested against.
 */
export function yamlLocatorFor(text: string, span: DocumentSpan): (path: FieldPath) => number | undefined {
  const parsed = parseSpan(text, span);
  return (path) => {
    if (!parsed) return undefined;
    const offset = offsetOf(parsed.doc.contents, path);
    return offset === undefined ? undefined : span.start + offset;
  };
}

/** Line and column (1-based) of an offset, from the file's line table. */
function positionIn(file: SourceFile, offset: number): Position {
  const starts = (file.lineStarts ??= lineStartsOf(file.text));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function lineStartsOf(text: string): Int32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Int32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/** Offset of the key (for a map entry) or the item (for a list entry) at the end of `path`, or of its deepest existing ancestor. */
function offsetOf(root: unknown, path: FieldPath): number | undefined {
  let node: unknown = root;
  let best = nodeStart(root);
  for (const seg of path) {
    if (yamlLib().isMap(node)) {
      const pair = node.items.find(
        (p) => yamlLib().isPair(p) && yamlLib().isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      best = nodeStart(pair.key) ?? best;
      node = pair.value;
    } else if (yamlLib().isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return best;
      best = nodeStart(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
