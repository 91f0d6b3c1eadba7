/**
 * Planning the fixes of one file: each fix's operations applied in turn to the text of its
 * document (the document re-parsed after each, so two fixes that both create
 * `securityContext` make one), a fix whose any operation is declined left out whole, new
 * documents appended once each. Documents are the loader's (load/parse.ts `splitDocuments`;
 * a JSON file is one), so `documentIndex` of a finding's source names the same text here.
 */
import { splitDocuments, type DocumentSpan } from '../load/parse.js';
import type { FixOperation, NewDocument } from './operations.js';
import { applyOperation } from './yamlEdit.js';
import { documentText, textStyleOf, type TextStyle } from './yamlText.js';

export interface DocumentFix {
  readonly documentIndex: number;
  /** For an item of a `List` document: its index in `items`. */
  readonly itemIndex?: number;
  readonly operations: readonly FixOperation[];
  readonly newDocuments?: readonly NewDocument[];
}

export type FixOutcome =
  | { readonly status: 'applied' }
  /** Every operation held already: nothing to change. */
  | { readonly status: 'unchanged' }
  | { readonly status: 'declined'; readonly reason: string };

export interface FilePlan {
  readonly text: string;
  /** One per fix, in the order given. */
  readonly outcomes: readonly FixOutcome[];
}

/** The document spans of a file as the loader cuts them. */
function spansOf(text: string, style: TextStyle): DocumentSpan[] {
  return style.json ? [{ start: 0, end: text.length, line: 1 }] : splitDocuments(text);
}

export function planFile(text: string, fixes: readonly DocumentFix[]): FilePlan {
  const style = textStyleOf(text);
  const spans = spansOf(text, style);
  const chunks = spans.map((s) => text.slice(s.start, s.end));
  const appended = new Map<string, NewDocument>();
  const outcomes = fixes.map((fix): FixOutcome => {
    const before = chunks[fix.documentIndex];
    if (before === undefined) return { status: 'declined', reason: `no document ${fix.documentIndex}` };
    if (fix.newDocuments !== undefined && fix.newDocuments.length > 0 && style.json)
      return {
        status: 'declined',
        reason: 'a JSON file holds one object: add the new object in a file of its own',
      };
    let current = before;
    for (const op of fix.operations) {
      const prefixed: FixOperation =
        fix.itemIndex !== undefined ? { ...op, path: ['items', fix.itemIndex, ...op.path] } : op;
      if (style.json && op.kind === 'set' && op.comment !== undefined)
        return { status: 'declined', reason: `JSON has no comments to say: ${op.comment}` };
      const outcome = applyOperation(current, prefixed, style);
      if ('declined' in outcome) return { status: 'declined', reason: outcome.declined };
      current = outcome.text;
    }
    const newDocs = (fix.newDocuments ?? []).filter((d) => !appended.has(d.key));
    for (const d of newDocs) appended.set(d.key, d);
    chunks[fix.documentIndex] = current;
    return current !== before || newDocs.length > 0 ? { status: 'applied' } : { status: 'unchanged' };
  });
  let out = chunks.join('');
  if (appended.size > 0) {
    if (out.length > 0 && !out.endsWith('\n')) out += style.eol;
    for (const d of appended.values()) out += documentText(d.value, style);
  }
  return { text: out, outcomes };
}
