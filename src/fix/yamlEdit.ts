/**
 * One fix operation as a minimal text edit of one YAML (or JSON) document. The document is
 * parsed with the `yaml` package's Document API only to find where things are (node ranges);
 * the edit is spliced into the original text, so comments, key order, anchors, quoting and
 * flow style everywhere else stay byte for byte. Nothing is ever re-serialised.
 *
 * Declined, with the reason, rather than guessed: a path through an alias or a `<<` merge key
 * (the change would reach every place sharing the node), an edit inside a node whose anchor
 * is aliased elsewhere, a value of an unexpected type.
 */
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { FieldPath } from '../k8s/fieldPath.js';
import { formatFieldPath } from '../k8s/fieldPath.js';
import { yamlLib } from '../load/yamlLib.js';
import type { FixOperation, FixValue } from './operations.js';
import { blockLines, flowText, scalarText, type TextStyle } from './yamlText.js';

export type EditOutcome =
  { readonly text: string; readonly changed: boolean } | { readonly declined: string };

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Found =
  /** `inFlow`: the node sits in a flow collection (`{…}`, `[…]`), where `:` and `,` need quotes. */
  | { readonly kind: 'node'; readonly node: Node; readonly inFlow: boolean }
  | { readonly kind: 'missing'; readonly map: YAMLMap; readonly rest: FieldPath }
  | { readonly kind: 'declined'; readonly reason: string };

/** Applies one operation to the text of one document; `text` is returned unchanged when it holds already. */
export function applyOperation(text: string, op: FixOperation, style: TextStyle): EditOutcome {
  const y = yamlLib();
  const doc = y.parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { declined: `the document does not parse: ${doc.errors[0]!.message}` };
  const found = locate(doc, op.path);
  if (found.kind === 'declined') return { declined: found.reason };
  let splice: Splice | undefined | { declined: string };
  if (op.kind === 'set') {
    splice =
      found.kind === 'missing'
        ? insertPair(text, found.map, found.rest, op.value, style, op.comment)
        : replaceValue(found.node, op.value, style, found.inFlow, op.comment);
  } else {
    const list: FixValue = [op.item];
    if (found.kind === 'missing') splice = insertPair(text, found.map, found.rest, list, style);
    else if (y.isSeq(found.node)) splice = appendItem(text, found.node, op.item, style);
    else if (y.isScalar(found.node) && found.node.value === null)
      splice = replaceValue(found.node, list, style, found.inFlow);
    else return { declined: `${formatFieldPath(op.path)} is not a list` };
  }
  if (splice === undefined) return { text, changed: false };
  if ('declined' in splice) return splice;
  return {
    text: text.slice(0, splice.start) + splice.text + text.slice(splice.end),
    changed: true,
  };
}

/** Finds the node at `path`, or the deepest map that exists on the way. */
function locate(doc: Document, path: FieldPath): Found {
  const y = yamlLib();
  const aliased = aliasedAnchors(doc);
  let node: Node | null | undefined = doc.contents;
  let inFlow = false;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const where = formatFieldPath(path.slice(0, i)) || 'the document';
    if (node === null || node === undefined) return { kind: 'declined', reason: `${where} is empty` };
    if (y.isAlias(node))
      return { kind: 'declined', reason: `${where} is the alias *${node.source}: edit its anchor yourself` };
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined && aliased.has(anchor))
      return {
        kind: 'declined',
        reason: `${where} is shared through the anchor &${anchor}: the change would reach every *${anchor}`,
      };
    if (typeof seg === 'number') {
      if (!y.isSeq(node)) return { kind: 'declined', reason: `${where} is not a list` };
      inFlow = node.flow === true;
      node = node.items[seg] as Node | undefined;
      if (node === undefined) return { kind: 'declined', reason: `${where} has no item ${seg}` };
      continue;
    }
    if (!y.isMap(node)) return { kind: 'declined', reason: `${where} is not a map` };
    const own = node.items.find((p) => keyOf(p) === seg);
    if (own === undefined) {
      if (mergedKeys(doc, node).has(seg) && i < path.length - 1)
        return {
          kind: 'declined',
          reason: `${formatFieldPath(path.slice(0, i + 1))} comes from a merge key (<<): edit the merged map yourself`,
        };
      return { kind: 'missing', map: node, rest: path.slice(i) };
    }
    inFlow = node.flow === true;
    const value = own.value as Node | null;
    if (value === null || (y.isScalar(value) && value.value === null && i < path.length - 1)) {
      return {
        kind: 'declined',
        reason: `${formatFieldPath(path.slice(0, i + 1))} is empty: give it a value ({}) or remove it`,
      };
    }
    node = value;
  }
  if (node === null || node === undefined) return { kind: 'declined', reason: 'nothing at the path' };
  const leafAnchor = (node as { anchor?: string }).anchor;
  if (leafAnchor !== undefined && aliased.has(leafAnchor))
    return {
      kind: 'declined',
      reason: `${formatFieldPath(path)} is shared through the anchor &${leafAnchor}: the change would reach every *${leafAnchor}`,
    };
  return { kind: 'node', node, inFlow };
}

function keyOf(pair: Pair): unknown {
  const y = yamlLib();
  return y.isScalar(pair.key) ? pair.key.value : pair.key;
}

/** Keys a map gets from `<<: *anchor` merge keys (YAML 1.1, which kubectl reads). */
function mergedKeys(doc: Document, map: YAMLMap): Set<unknown> {
  const y = yamlLib();
  const out = new Set<unknown>();
  for (const p of map.items) {
    if (keyOf(p) !== '<<') continue;
    const sources = y.isSeq(p.value) ? p.value.items : [p.value];
    for (const s of sources) {
      const resolved = y.isAlias(s) ? s.resolve(doc) : s;
      if (y.isMap(resolved)) for (const q of resolved.items) out.add(keyOf(q));
    }
  }
  return out;
}

/** Anchors that some alias of the document refers to. */
function aliasedAnchors(doc: Document): Set<string> {
  const y = yamlLib();
  const out = new Set<string>();
  y.visit(doc, {
    Alias(_, a) {
      out.add(a.source);
    },
  });
  return out;
}

/** Where the content of a node ends: its last scalar, not the comments or blank lines after it. */
function contentEnd(node: Node | null | undefined, fallback: number): number {
  const y = yamlLib();
  if (node === null || node === undefined) return fallback;
  if ((y.isMap(node) || y.isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1]!;
    if (y.isPair(last)) {
      const key = last.key as Node | null;
      return contentEnd(last.value as Node | null, key?.range?.[1] ?? fallback);
    }
    return contentEnd(last as Node, fallback);
  }
  return node.range?.[1] ?? fallback;
}

/** Offset of the start of the line after `offset` (the text's end when there is none). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function insertPair(
  text: string,
  map: YAMLMap,
  rest: FieldPath,
  value: FixValue,
  style: TextStyle,
  comment?: string,
): Splice | { declined: string } {
  if (rest.some((s) => typeof s === 'number'))
    return { declined: `cannot create the list item ${formatFieldPath(rest)}` };
  const nested = nest(rest as readonly string[], value);
  const [key, inner] = Object.entries(nested)[0]!;
  const [start, valueEnd] = map.range ?? [0, 0];
  if (map.flow || style.json) {
    const pairText = `${scalarText(key, style, true)}: ${flowText(inner, style)}`;
    if (map.items.length === 0) {
      const close = text.lastIndexOf('}', valueEnd);
      return { start: close, end: close, text: pairText };
    }
    const last = map.items[map.items.length - 1]!;
    const end = contentEnd(last.value as Node | null, (last.key as Node).range![1]);
    const firstKey = (map.items[0]!.key as Node).range![0];
    const multiLine = text.slice(start, firstKey).includes('\n');
    const sep = multiLine ? `,${style.eol}${' '.repeat(columnOf(text, firstKey))}` : ', ';
    return { start: end, end, text: sep + pairText };
  }
  if (map.items.length === 0) return { declined: 'an empty block map' };
  const firstKey = (map.items[0]!.key as Node).range![0];
  const indent = columnOf(text, firstKey);
  const last = map.items[map.items.length - 1]!;
  const end = contentEnd(last.value as Node | null, (last.key as Node).range![1]);
  const at = nextLineStart(text, end);
  const lead = at === text.length && !text.endsWith('\n') ? style.eol : '';
  const lines = blockLines(key, inner, indent, style, comment);
  return { start: at, end: at, text: lead + lines.join(style.eol) + style.eol };
}

function nest(path: readonly string[], value: FixValue): { readonly [key: string]: FixValue } {
  let out: FixValue = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]!]: out };
  return out as { readonly [key: string]: FixValue };
}

function sameValue(node: Node, value: FixValue): boolean {
  return JSON.stringify(node.toJSON()) === JSON.stringify(value);
}

function replaceValue(
  node: Node,
  value: FixValue,
  style: TextStyle,
  inFlow: boolean,
  comment?: string,
): Splice | undefined | { declined: string } {
  const y = yamlLib();
  if (sameValue(node, value)) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return { declined: 'would replace a whole map' };
  const [start, end] = node.range ?? [0, 0];
  if (y.isAlias(node)) return { start, end, text: flowText(value, style) };
  const quote = y.isScalar(node) ? node.type : undefined;
  const text =
    typeof value === 'string' && quote === 'QUOTE_SINGLE' && !value.includes("'")
      ? `'${value}'`
      : typeof value === 'string' && quote === 'QUOTE_DOUBLE'
        ? JSON.stringify(value)
        : typeof value === 'string'
          ? scalarText(value, style, inFlow)
          : flowText(value, style);
  return { start, end, text: text + (comment !== undefined && !style.json ? ` # ${comment}` : '') };
}

function appendItem(text: string, seq: YAMLSeq, item: string, style: TextStyle): Splice | undefined {
  const y = yamlLib();
  if (seq.items.some((i) => y.isScalar(i) && i.value === item)) return undefined;
  const [start, valueEnd] = seq.range ?? [0, 0];
  if (seq.flow || style.json) {
    if (seq.items.length === 0) {
      const close = text.lastIndexOf(']', valueEnd);
      return { start: close, end: close, text: scalarText(item, style, true) };
    }
    const end = contentEnd(seq.items[seq.items.length - 1] as Node, start);
    return { start: end, end, text: `, ${scalarText(item, style, true)}` };
  }
  const dash = columnOf(text, start);
  const end = contentEnd(seq, start);
  const at = nextLineStart(text, end);
  const lead = at === text.length && !text.endsWith('\n') ? style.eol : '';
  return {
    start: at,
    end: at,
    text: `${lead}${' '.repeat(dash)}- ${scalarText(item, style, false)}${style.eol}`,
  };
}
