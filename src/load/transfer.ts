/**
 * How a parse worker hands a parsed file to the main thread.
 *
 * Structured cloning of decoded documents costs more on the receiving side than
 * parsing their JSON text (measured on the 100,000-object benchmark corpus: clone
 * 1.5–2.3 s, `JSON.stringify` 0.7 s in the worker plus `JSON.parse` 1.3 s on the main
 * thread). So objects travel as one JSON string per file, and their sources and the
 * document spans as typed arrays that are transferred, not copied.
 *
 * JSON cannot carry every value YAML can: `.inf`, `.nan`, numbers that overflow to
 * infinity, and negative zero. A cheap test of the text (which can only over-report)
 * picks the files that might hold one; for those the values are checked exactly, and
 * if one is there the objects are sent by structured clone instead, which keeps them.
 */
import { makeResource, type Resource, type SourceRef } from '../k8s/resource.js';
import { isRecord } from '../k8s/shape.js';
import type { InputError } from './inputError.js';
import type { DocumentSpan, ParsedFile } from './parse.js';

/** A parsed file as it crosses the thread boundary. */
export interface EncodedFile {
  /** The objects as a JSON array, when JSON can carry them. */
  readonly json?: string;
  /** The objects themselves (structured clone), when it cannot. */
  readonly objects?: unknown[];
  /** Per resource: document index, line, item index (−1 for none). */
  readonly sources: Int32Array<ArrayBuffer>;
  /** Per document: start, end, line. */
  readonly documents: Int32Array<ArrayBuffer>;
  readonly errors: InputError[];
}

/**
 * Text that might decode to a number JSON cannot hold: a YAML `.inf`/`.nan`, a plain
 * scalar starting with `-0` or `-.` (negative zero), a three-digit exponent, or a run
 * of 250 digits (overflow). Over-reports (`-0.5` matches); never misses one.
 */
const MAYBE_NOT_JSON_NUMBER =
  /\.(?:inf|Inf|INF|nan|NaN|NAN)|(?:^|[\s[{,:])(?:-[0.]|[-+]?[\d._]*[eE][-+]?\d{3})|[\da-fA-F_]{250}/m;

function hasNonJsonNumber(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (isRecord(v)) {
      for (const k in v) stack.push(v[k]);
    }
  }
  return false;
}

/** Packs a parsed file for `postMessage`; the typed arrays' buffers can be transferred. */
export function encodeParsedFile(parsed: ParsedFile, text: string): EncodedFile {
  const n = parsed.resources.length;
  const objects: unknown[] = new Array<unknown>(n);
  const sources = new Int32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const r = parsed.resources[i]!;
    objects[i] = r.object;
    sources[i * 3] = r.source.documentIndex;
    sources[i * 3 + 1] = r.source.line;
    sources[i * 3 + 2] = r.source.itemIndex ?? -1;
  }
  const documents = new Int32Array(parsed.documents.length * 3);
  parsed.documents.forEach((d, i) => {
    documents[i * 3] = d.start;
    documents[i * 3 + 1] = d.end;
    documents[i * 3 + 2] = d.line;
  });
  const cloneNeeded = MAYBE_NOT_JSON_NUMBER.test(text) && hasNonJsonNumber(objects);
  return {
    ...(cloneNeeded ? { objects } : { json: JSON.stringify(objects) }),
    sources,
    documents,
    errors: parsed.errors,
  };
}

/** Rebuilds the parsed file on the receiving side: the same resources, errors and spans. */
export function decodeParsedFile(encoded: EncodedFile, file: string): ParsedFile {
  const objects = encoded.objects ?? (JSON.parse(encoded.json ?? '[]') as unknown[]);
  const resources: Resource[] = new Array<Resource>(objects.length);
  const s = encoded.sources;
  for (let i = 0; i < objects.length; i++) {
    const item = s[i * 3 + 2]!;
    const source: SourceRef =
      item >= 0
        ? { file, documentIndex: s[i * 3]!, line: s[i * 3 + 1]!, itemIndex: item }
        : { file, documentIndex: s[i * 3]!, line: s[i * 3 + 1]! };
    resources[i] = makeResource(objects[i] as Record<string, unknown>, source);
  }
  const d = encoded.documents;
  const documents: DocumentSpan[] = new Array<DocumentSpan>(d.length / 3);
  for (let i = 0; i < documents.length; i++) {
    documents[i] = { start: d[i * 3]!, end: d[i * 3 + 1]!, line: d[i * 3 + 2]! };
  }
  return { resources, errors: encoded.errors, documents };
}
