/**
 * Resolves a field path of one resource to a line and column in its source file,
 * lazily: only documents that have a finding are re-parsed, with the `yaml` library
 * (which keeps positions), once each. Bulk parsing stays on the fast parser
 * (reference/stack.md §1a: this lazy approach agreed with a full `yaml` parse in
 * 421 of 421 checks).
 *
 * A path that does not exist in the document (a finding about a missing field)
 * resolves to the deepest ancestor that does exist.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FieldPath } from '../k8s/fieldPath.js';
import type { SourceRef } from '../k8s/resource.js';
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

/** Locates fields in the files of one scan. Keeps each file's text and the documents it re-parsed. */
export class SourceLocator {
  private readonly texts = new Map<string, { text: string; documents: readonly DocumentSpan[] }>();
  private readonly parsed = new Map<string, ParsedSpan | null>();

  addFile(file: string, text: string, documents: readonly DocumentSpan[]): void {
    this.texts.set(file, { text, documents });
  }

  /** Line and column (1-based) of `path` in the resource at `source`; the document start when nothing closer is found. */
  locate(source: SourceRef, path: FieldPath): Position {
    const fallback = { line: source.line, column: 1 };
    const parsed = this.parse(source);
    if (!parsed) return fallback;
    const full: FieldPath = source.itemIndex !== undefined ? ['items', source.itemIndex, ...path] : path;
    const offset = offsetOf(parsed.doc.contents, full);
    if (offset === undefined) return fallback;
    const pos = parsed.lines.linePos(offset);
    return { line: parsed.span.line + pos.line - 1, column: pos.col };
  }

  private parse(source: SourceRef): ParsedSpan | null {
    const key = `${source.file}\u0000${source.documentIndex}`;
    const cached = this.parsed.get(key);
    if (cached !== undefined) return cached;
    const entry = this.texts.get(source.file);
    const span = entry?.documents[source.documentIndex];
    let result: ParsedSpan | null = null;
    if (entry && span) {
      const lines = new LineCounter();
      try {
        const doc = parseDocument(entry.text.slice(span.start, span.end), {
          version: '1.1',
          lineCounter: lines,
          uniqueKeys: false,
          prettyErrors: false,
        });
        result = { doc, lines, span };
      } catch {
        result = null;
      }
    }
    this.parsed.set(key, result);
    return result;
  }
}

/** Offset of the key (for a map entry) or the item (for a list entry) at the end of `path`, or of its deepest existing ancestor. */
function offsetOf(root: unknown, path: FieldPath): number | undefined {
  let node: unknown = root;
  let best = nodeStart(root);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      best = nodeStart(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
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
