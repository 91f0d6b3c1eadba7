/**
 * Turns the text of one file into resources, fast, with errors as data.
 *
 * Bulk parsing uses js-yaml 4 with the Kubernetes (YAML 1.1) schema — about 14×
 * faster than `yaml` (reference/stack.md §1a). The text is first split at column-0
 * `---` markers so that each document's first line is known; a malformed document
 * is reported with its file and line and the others are still read. Source
 * positions of individual fields are resolved later, only for findings (locate.ts).
 *
 * Hostile input: js-yaml caps nesting (maxDepth 100) and merge keys, but shares
 * aliased nodes instead of copying them, so a "billion laughs" document parses
 * quickly and then explodes in any tree walk. A document that defines anchors is
 * walked once with a node budget before it is accepted.
 */
import * as yaml from 'js-yaml';
import { makeResource, type Resource, type SourceRef } from '../k8s/resource.js';
import { isRecord, type JsonRecord } from '../k8s/shape.js';
import type { InputError } from './inputError.js';
import { KUBERNETES_YAML_SCHEMA } from './yaml11.js';

/** Most nodes a document may expand to through aliases. */
export const MAX_EXPANDED_NODES = 200_000;
/** Deepest nesting accepted (the API server's JSON decoder allows 10,000; real manifests stay under 30). */
export const MAX_DEPTH = 100;

export interface ParsedFile {
  readonly resources: Resource[];
  readonly errors: InputError[];
  /** Character offsets of each document in the text (index = documentIndex), for locating fields later. */
  readonly documents: DocumentSpan[];
}

export interface DocumentSpan {
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

const DOC_MARKER = /^---(?=[ \t\r\n]|$)/gm;

/** Splits a YAML stream at column-0 `---` markers; each span keeps its marker line. */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let line = 1;
  let scannedTo = 0;
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m !== null; m = DOC_MARKER.exec(text)) {
    if (m.index === 0) continue;
    line += countNewlines(text, scannedTo, start);
    scannedTo = start;
    spans.push({ start, end: m.index, line });
    start = m.index;
  }
  line += countNewlines(text, scannedTo, start);
  spans.push({ start, end: text.length, line });
  return spans;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function looksBinary(text: string): boolean {
  const probe = text.length > 8000 ? text.slice(0, 8000) : text;
  return probe.includes('\u0000');
}

/**
 * One of `parts` consecutive shares of a file (`part` from 0): of a YAML stream, a run of its
 * documents; of a JSON List, a run of its items; a lone JSON object is part 0's. The shares of
 * a file, read one after the other, give the file's resources and errors in order; each keeps
 * every document span, so fields are located as in the whole file.
 */
export interface FileShare {
  readonly part: number;
  readonly parts: number;
}

const WHOLE: FileShare = { part: 0, parts: 1 };

/** The range [from, to) of `count` entries that `share` takes. */
function shareRange(count: number, share: FileShare): [number, number] {
  return [
    Math.floor((count * share.part) / share.parts),
    Math.floor((count * (share.part + 1)) / share.parts),
  ];
}

/** Parses a YAML or JSON stream (one file, or stdin) into resources: all of it, or one share. */
export function parseManifestText(text: string, file: string, share: FileShare = WHOLE): ParsedFile {
  const resources: Resource[] = [];
  const errors: InputError[] = [];
  const first = share.part === 0;
  if (looksBinary(text)) {
    if (!first) return { resources, errors, documents: [] };
    errors.push({ file, message: 'binary file (contains NUL bytes); not a Kubernetes manifest, skipped' });
    return { resources, errors, documents: [] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep offsets; a BOM is whitespace to us
  const trimmedStart = text.trimStart();
  if (trimmedStart.startsWith('{') || trimmedStart.startsWith('[')) {
    // JSON (e.g. `kubectl get -o json`): the native parser is exact and fastest. Text that
    // only looks like JSON falls through to the YAML parser, which reports errors by line.
    const json = parseJson(text);
    if (json !== undefined) {
      const span = { start: 0, end: text.length, line: 1 };
      const tooDeep = exceedsBudget(json, Infinity);
      if (tooDeep !== undefined) {
        if (first) errors.push({ file, line: 1, message: tooDeep });
      } else addDocument(json, file, 0, span, resources, errors, share);
      return { resources, errors, documents: [span] };
    }
  }
  const documents = splitDocuments(text);
  const [from, to] = shareRange(documents.length, share);
  for (let i = from; i < to; i++) {
    const span = documents[i]!;
    const chunk = text.slice(span.start, span.end);
    let value: unknown;
    try {
      value = yaml.load(chunk, { schema: KUBERNETES_YAML_SCHEMA, maxDepth: MAX_DEPTH, filename: file });
    } catch (e) {
      errors.push(yamlError(e, file, span.line));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (chunk.includes('&')) {
      const over = exceedsBudget(value);
      if (over !== undefined) {
        errors.push({ file, line: span.line, message: over });
        continue;
      }
    }
    addDocument(value, file, i, span, resources, errors);
  }
  return { resources, errors, documents };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function yamlError(e: unknown, file: string, docLine: number): InputError {
  if (e instanceof yaml.YAMLException) {
    const mark = e.mark as { line?: number; column?: number } | undefined;
    return {
      file,
      line: docLine + (mark?.line ?? 0),
      column: (mark?.column ?? 0) + 1,
      message: `invalid YAML: ${e.reason}`,
    };
  }
  return { file, line: docLine, message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` };
}

/** Walks a decoded value counting nodes as a tree walk would see them; a message when it is too large or too deep. */
function exceedsBudget(root: unknown, maxNodes = MAX_EXPANDED_NODES): string | undefined {
  let count = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++count > maxNodes) {
      return `document expands to more than ${MAX_EXPANDED_NODES} nodes through YAML aliases (an alias bomb?); skipped`;
    }
    if (depth > MAX_DEPTH) return `document nests deeper than ${MAX_DEPTH} levels; skipped`;
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else if (typeof v === 'object' && v !== null)
      for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
  return undefined;
}

function isListKind(kind: string): boolean {
  return kind === 'List' || kind.endsWith('List');
}

/** `PodList` → `Pod`: the kind of the items of a typed list; undefined for the generic `List`. */
function typedListItemKind(kind: string): string | undefined {
  return kind !== 'List' && kind.length > 4 ? kind.slice(0, -4) : undefined;
}

/**
 * A typed list as the API server returns it (`GET /api/v1/pods`, and saved dumps of it) leaves
 * out each item's `kind` and `apiVersion`: they are the list's, minus `List`. The decoded item is
 * copied with them filled in, never changed in place.
 */
function withListKind(item: unknown, kind: string, apiVersion: unknown): unknown {
  if (!isRecord(item) || (item.kind !== undefined && item.apiVersion !== undefined)) return item;
  return { kind, apiVersion, ...item };
}

function addDocument(
  value: unknown,
  file: string,
  documentIndex: number,
  span: DocumentSpan,
  resources: Resource[],
  errors: InputError[],
  share: FileShare = WHOLE,
): void {
  const kind = isRecord(value) ? value.kind : undefined;
  const items = isRecord(value) ? value.items : undefined;
  if (typeof kind === 'string' && isListKind(kind) && Array.isArray(items)) {
    const itemKind = typedListItemKind(kind);
    const [from, to] = shareRange(items.length, share);
    for (let itemIndex = from; itemIndex < to; itemIndex++) {
      const item: unknown = items[itemIndex];
      const source: SourceRef = { file, documentIndex, line: span.line, itemIndex };
      const typed =
        itemKind !== undefined ? withListKind(item, itemKind, (value as JsonRecord).apiVersion) : item;
      addObject(typed, source, resources, errors, `items[${itemIndex}] of ${kind}`);
    }
    return;
  }
  // anything else is one object: the first share's
  if (share.part !== 0) return;
  if (!isRecord(value)) {
    const got = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    errors.push({
      file,
      line: span.line,
      message: `document is ${got}, not a Kubernetes object (a mapping); skipped`,
    });
    return;
  }
  addObject(value, { file, documentIndex, line: span.line }, resources, errors, 'document');
}

function addObject(
  value: unknown,
  source: SourceRef,
  resources: Resource[],
  errors: InputError[],
  what: string,
): void {
  if (!isRecord(value)) {
    errors.push({
      file: source.file,
      line: source.line,
      message: `${what} is not a Kubernetes object (a mapping); skipped`,
    });
    return;
  }
  const obj: JsonRecord = value;
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    errors.push({ file: source.file, line: source.line, message: `${what} has no "kind"; skipped` });
    return;
  }
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') {
    errors.push({
      file: source.file,
      line: source.line,
      message: `${what} (kind ${obj.kind}) has no "apiVersion"; skipped`,
    });
    return;
  }
  resources.push(makeResource(obj, source));
}
