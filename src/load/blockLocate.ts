/**
 * A fast locator for block-style YAML, the form nearly every manifest is written in.
 *
 * Re-parsing a document with `yaml` to find one field costs about as much as
 * parsing it with js-yaml fourteen times over (reference/stack.md §1a); a scan of a
 * large repository has findings in most workload documents, so that cost would
 * dominate. This walks the lines of the document instead: a block mapping is the run
 * of lines at its indentation, a block sequence the run of `-` lines at its own, and a
 * flow collection (`{drop: [ALL]}`) is read token by token.
 *
 * It gives the same offset as the `yaml`-based walk in locate.ts (the start of the
 * key, or of the sequence item's node) or declines, and the caller then asks `yaml`.
 * It declines whenever a line it passes leaves the simple subset: a flow collection or
 * quoted scalar whose continuation lines are not indented deeper than its key (js-yaml
 * accepts them, `yaml` does not, so neither structure can be trusted), anchors, tags,
 * aliases and merge keys on the way, complex or unusual keys, directives, tabs in
 * indentation. Keys are compared the way locate.ts compares them
 * (`String(key) === String(segment)`), so a key whose YAML 1.1 value is not its own
 * text (`yes`, `0x10`, `~`) declines too. blockLocate.test.ts checks that both walks
 * agree on every sampled path of the shared corpus.
 */
import type { FieldPath } from '../k8s/fieldPath.js';

/** Returned when the document needs a real YAML parser to answer. */
export const DECLINE = -1;
type Declined = typeof DECLINE;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const AMPERSAND = 0x26;
const STAR = 0x2a;
const BANG = 0x21;

/** Plain keys whose value under YAML 1.1 is their own text. */
const PLAIN_STRING_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Plain scalars YAML 1.1 reads as booleans or null, whose String() differs from the text. */
const NON_STRING_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL',
]); // prettier-ignore

/** A node on the way: a block collection (its indentation), or a flow collection. */
interface Node {
  readonly kind: 'map' | 'seq' | 'flow';
  readonly indent: number;
  /** Offset of the first key (map), the first `-` (seq), or the `{`/`[` (flow). */
  readonly first: number;
}

type Value = Node | 'leaf';

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c);
}

function skipSpaces(text: string, p: number, end: number): number {
  while (p < end && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
  return p;
}

/** `-` followed by a blank or the end of the line: a block sequence entry indicator. */
function isSeqEntry(text: string, pos: number, lineEnd: number): boolean {
  return (
    pos < lineEnd &&
    text.charCodeAt(pos) === DASH &&
    (pos + 1 >= lineEnd || isBlank(text.charCodeAt(pos + 1)))
  );
}

/** A cursor over the lines of one document, with the state the line walk needs. */
class Walk {
  /** The current line: start, end (before CR/LF), first non-space character, indentation. */
  start = 0;
  end = 0;
  content = 0;
  indent = 0;
  /**
   * While ≥ 0, lines indented deeper than this continue the scalar (or flow collection)
   * that the last structural line started: block scalar content, or continuation lines.
   */
  private continuedDeeperThan = -1;

  /**
   * The structural lines met so far, in document order from the root line on: start,
   * end, content and indentation of each, four numbers a line. Which structural line
   * follows another depends on nothing but the text, and every block collection on a
   * path walks the lines of its children again, so the walks after the first step
   * through this record instead of re-reading the lines.
   */
  private readonly seen: number[] = [];
  /** Record index of the current line; −1 when it is not (yet) recorded. */
  private current = -1;
  /** What `advance()` from the last recorded line gives, once known: false (the end) or DECLINE. */
  private afterLast: false | Declined | undefined;

  constructor(
    readonly text: string,
    readonly limit: number,
  ) {}

  /** Records the current line as the first structural line (the root's), when nothing is recorded yet. */
  recordRoot(): void {
    if (this.seen.length > 0) return;
    this.record();
  }

  private record(): void {
    this.current = this.seen.length / 4;
    this.seen.push(this.start, this.end, this.content, this.indent);
  }

  /**
   * Record index of the line starting at `lineStart`, or −1: a binary search, for lines
   * are recorded in document order (cheaper than a map entry per line).
   */
  private recorded(lineStart: number): number {
    const seen = this.seen;
    let lo = 0;
    let hi = seen.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = seen[mid * 4]!;
      if (at === lineStart) return mid;
      if (at < lineStart) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Moves to recorded line `i`. */
  private load(i: number): void {
    const seen = this.seen;
    this.start = seen[i * 4]!;
    this.end = seen[i * 4 + 1]!;
    this.content = seen[i * 4 + 2]!;
    this.indent = seen[i * 4 + 3]!;
    this.current = i;
  }

  /** Moves to the line that starts at `lineStart`. */
  setLine(lineStart: number): void {
    this.current = -1;
    const text = this.text;
    let end = text.indexOf('\n', lineStart);
    if (end === -1 || end > this.limit) end = this.limit;
    if (end > lineStart && text.charCodeAt(end - 1) === CR) end--;
    let content = lineStart;
    while (content < end && text.charCodeAt(content) === SPACE) content++;
    this.start = lineStart;
    this.end = end;
    this.content = content;
    this.indent = content - lineStart;
  }

  /** Moves to the line that contains `pos`. */
  setLineOf(pos: number): void {
    const lineStart = this.text.lastIndexOf('\n', pos - 1) + 1;
    const i = this.recorded(lineStart);
    if (i !== -1) this.load(i);
    else this.setLine(lineStart);
  }

  /** True when the current line holds nothing but spaces or a comment. */
  isEmpty(): boolean {
    return this.content >= this.end || this.text.charCodeAt(this.content) === HASH;
  }

  /**
   * Moves to the next line that is structure (not blank, a comment, or the rest of a
   * scalar) and inspects it: false at the end of the document, DECLINE when unsafe.
   */
  advance(): boolean | Declined {
    const from = this.current;
    if (from >= 0) {
      if ((from + 1) * 4 < this.seen.length) {
        this.load(from + 1);
        return true;
      }
      if (this.afterLast !== undefined) return this.afterLast;
      // the record ends here: read on, with the state this line's inspection sets
      this.inspect();
    }
    const next = this.readNext();
    if (from >= 0 && from * 4 === this.seen.length - 4) {
      if (next === true) this.record();
      else this.afterLast = next;
    } else if (next === true) {
      this.current = this.recorded(this.start);
    }
    return next;
  }

  /** `advance()` by reading the lines. */
  private readNext(): boolean | Declined {
    const text = this.text;
    let nl = text.indexOf('\n', this.end);
    while (nl !== -1 && nl + 1 < this.limit) {
      this.setLine(nl + 1);
      nl = text.indexOf('\n', this.end);
      if (this.isEmpty()) continue;
      if (this.continuedDeeperThan >= 0) {
        if (this.indent > this.continuedDeeperThan) continue;
        this.continuedDeeperThan = -1;
      }
      return this.inspect() ? true : DECLINE;
    }
    return false;
  }

  /**
   * Checks the current (structural) line: false when something on it may continue on
   * later lines in a way the indentation does not tell, for then js-yaml and `yaml` can
   * disagree on the structure. A value on the line makes deeper lines its continuation.
   */
  inspect(): boolean {
    const text = this.text;
    const end = this.end;
    let p = this.content;
    const c0 = text.charCodeAt(p);
    if (c0 === TAB) return false;
    if (this.indent === 0 && (c0 === DASH || c0 === 0x2e) && this.isDocumentMarker()) return false;
    this.continuedDeeperThan = -1;
    let owner = this.indent;
    while (isSeqEntry(text, p, end)) {
      owner = p - this.start;
      p = skipSpaces(text, p + 1, end);
    }
    if (p >= end) return true;
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = quoteEnd(text, p, end);
      if (close !== -1) {
        const after = skipSpaces(text, close + 1, end);
        if (text.charCodeAt(after) === COLON && (after + 1 >= end || isBlank(text.charCodeAt(after + 1)))) {
          return this.inspectValue(skipSpaces(text, after + 1, end), p - this.start);
        }
      }
      return this.inspectValue(p, owner);
    }
    if (c === 0x3f /* ? */) return false;
    if (
      c !== LBRACE &&
      c !== LBRACKET &&
      c !== 0x7c &&
      c !== 0x3e &&
      c !== AMPERSAND &&
      c !== BANG &&
      c !== STAR
    ) {
      const colon = keyColon(text, p, end);
      if (colon !== -1) return this.inspectValue(skipSpaces(text, colon + 1, end), p - this.start);
    }
    return this.inspectValue(p, owner);
  }

  /** Checks the value at `p` of a node indented `owner` (on the current line). */
  private inspectValue(p: number, owner: number): boolean {
    const text = this.text;
    if (p >= this.end || text.charCodeAt(p) === HASH) return true; // the value is on the next lines
    switch (text.charCodeAt(p)) {
      case DQUOTE:
      case SQUOTE:
      case LBRACE:
      case LBRACKET: {
        const close = closingOffset(text, p, this.limit, owner);
        if (close === -1) return false;
        if (close >= this.end) {
          // it spans lines: after the closing quote or bracket only a comment may follow
          const lineEnd = lineEndOf(text, close, this.limit);
          const rest = skipSpaces(text, close + 1, lineEnd);
          if (rest < lineEnd && text.charCodeAt(rest) !== HASH) return false;
        }
        break;
      }
      case 0x7c: // | block scalar
      case 0x3e: // > block scalar
        break;
      case AMPERSAND:
        // `key: &id001` with the anchored collection on the next lines (PyYAML, yq and
        // Go's yaml.v3 write shared maps so); an anchored scalar is left to `yaml`
        if (anchorAloneEnd(text, p, this.end) !== -1) return true;
        return false;
      case BANG:
      case 0x3f: // ? complex key
      case 0x25: // % directive
      case 0x40: // @ reserved
      case 0x60: // ` reserved
        return false;
    }
    this.continuedDeeperThan = owner;
    return true;
  }

  private isDocumentMarker(): boolean {
    const { text, start, end } = this;
    return (
      end - start >= 3 &&
      (text.startsWith('---', start) || text.startsWith('...', start)) &&
      (end - start === 3 || isBlank(text.charCodeAt(start + 3)))
    );
  }
}

function lineEndOf(text: string, pos: number, limit: number): number {
  let end = text.indexOf('\n', pos);
  if (end === -1 || end > limit) end = limit;
  if (end > pos && text.charCodeAt(end - 1) === CR) end--;
  return end;
}

/**
 * Offset of the quote or bracket that closes the quoted scalar or flow collection at
 * `pos`, which may span lines; -1 when it does not close, or when a line it spans is not
 * indented deeper than `owner` (valid YAML requires it; js-yaml does not).
 */
function closingOffset(text: string, pos: number, end: number, owner: number): number {
  let depth = 0;
  let quote = 0;
  for (let p = pos; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === LF) {
      let q = p + 1;
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      const next = text.charCodeAt(q);
      if (q < end && next !== LF && next !== CR && (q - (p + 1) <= owner || next === TAB)) return -1;
      continue;
    }
    if (quote !== 0) {
      if (quote === DQUOTE && c === BACKSLASH) p++;
      else if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) p++;
        else {
          quote = 0;
          if (depth === 0) return p;
        }
      }
    } else if (c === DQUOTE || c === SQUOTE) quote = c;
    else if (c === LBRACKET || c === LBRACE) depth++;
    else if (c === RBRACKET || c === RBRACE) {
      if (--depth === 0) return p;
    } else if (c === HASH && isBlank(text.charCodeAt(p - 1))) {
      const nl = text.indexOf('\n', p);
      if (nl === -1) return -1;
      p = nl - 1;
    }
  }
  return -1;
}

/** Offset of the closing quote of the quoted scalar at `pos`, or -1 when it does not close before `end`. */
function quoteEnd(text: string, pos: number, end: number): number {
  const quote = text.charCodeAt(pos);
  for (let p = pos + 1; p < end; p++) {
    const c = text.charCodeAt(p);
    if (quote === DQUOTE && c === BACKSLASH) p++;
    else if (c === quote) {
      if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) p++;
      else return p;
    }
  }
  return -1;
}

/** Offset of the `:` that ends a plain implicit key starting at `pos`, or -1 (a plain scalar, not a key). */
function keyColon(text: string, pos: number, end: number): number {
  for (let p = pos; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === COLON && (p + 1 >= end || isBlank(text.charCodeAt(p + 1)))) return p;
    if (c === HASH && p > pos && isBlank(text.charCodeAt(p - 1))) return -1;
  }
  return -1;
}

/** The string value of a simple key, or DECLINE: plain text that YAML 1.1 keeps as a string, or a quoted string without escapes. */
function keyValue(text: string, start: number, end: number): string | Declined {
  const c = text.charCodeAt(start);
  if (c === DQUOTE || c === SQUOTE) {
    const value = text.slice(start + 1, end - 1);
    // escapes (`\` in double quotes, `''` in single quotes) change the value; leave them to `yaml`
    return (c === DQUOTE ? value.includes('\\') : value.includes("'")) || value.includes('\n')
      ? DECLINE
      : value;
  }
  const value = text.slice(start, end);
  return PLAIN_STRING_KEY.test(value) && !NON_STRING_WORDS.has(value) ? value : DECLINE;
}

/** Set by `readKey`: the offset just after the key's `:`. */
let afterColon = 0;

/**
 * The key of a block mapping entry starting at `pos`: its value (and `afterColon`),
 * undefined when the line holds no key, DECLINE when the key is not simple.
 */
function readKey(text: string, pos: number, end: number): string | undefined | Declined {
  const c = text.charCodeAt(pos);
  if (c === DQUOTE || c === SQUOTE) {
    const close = quoteEnd(text, pos, end);
    if (close === -1) return DECLINE;
    const after = skipSpaces(text, close + 1, end);
    if (text.charCodeAt(after) !== COLON || !(after + 1 >= end || isBlank(text.charCodeAt(after + 1)))) {
      return undefined; // a quoted scalar
    }
    afterColon = after + 1;
    return keyValue(text, pos, close + 1);
  }
  const colon = keyColon(text, pos, end);
  if (colon === -1) return undefined;
  afterColon = colon + 1;
  return keyValue(text, pos, colon);
}

/** The entries of one block collection, found by one pass over its lines. */
interface BlockIndex {
  /** Map: offset of each key's first occurrence. */
  readonly keys: Map<string, number>;
  /** Seq: offset of each item's `-`. */
  readonly items: number[];
  /** A merge key (`<<`) was seen: an absent key may come from elsewhere. */
  merge: boolean;
  /** The pass reached the end of the collection; otherwise it stopped at something it could not read. */
  complete: boolean;
}

/** What a sequence's index has for keys, and a map's for items (never added to). */
const NO_KEYS: Map<string, number> = new Map();
const NO_ITEMS: number[] = [];

/**
 * One document of a file, walked line by line. Each block collection on a path is
 * indexed once (its keys or items, in one pass over its lines), so many findings in one
 * large document — a `List` of thousands of objects — cost one pass, not one per finding.
 */
export class BlockDocument {
  private readonly walk: Walk;
  private root: Node | Declined | undefined;
  private readonly indexes = new Map<number, BlockIndex>();

  constructor(
    private readonly text: string,
    private readonly start: number,
    end: number,
  ) {
    this.walk = new Walk(text, end);
  }

  /**
   * Offset in the text of `path`: the key of a map entry, or the start of a sequence
   * item; for a path that does not exist, the deepest ancestor that does (the root node
   * for none). DECLINE when it needs a YAML parser.
   */
  locate(path: FieldPath): number {
    this.root ??= this.findRoot();
    let node = this.root;
    if (node === DECLINE) return DECLINE;
    let best = node.first;
    for (let i = 0; i < path.length; i++) {
      if (node.kind === 'flow') return locateInFlow(this.text, node.first, path, i, best);
      const entry = this.entry(node, path[i]!, i === path.length - 1);
      if (entry === DECLINE) return DECLINE;
      if (entry === undefined) return best;
      best = entry.start;
      // a path that goes on into a scalar stops at it, as the `yaml` walk does
      if (entry.value === 'leaf') return best;
      node = entry.value;
    }
    return best;
  }

  private findRoot(): Node | Declined {
    const { text, start, walk } = this;
    if (text.charCodeAt(start) === 0xfeff) return DECLINE;
    walk.setLine(start);
    let found: boolean | Declined = true;
    if (text.startsWith('---', start)) {
      // the `---` that opens the document; content after it on the same line is unusual
      const p = skipSpaces(text, start + 3, walk.end);
      if (p === start + 3 && p < walk.end) return DECLINE;
      if (p < walk.end && text.charCodeAt(p) !== HASH) return DECLINE;
      found = walk.advance();
    } else if (walk.isEmpty()) {
      found = walk.advance();
    } else if (!walk.inspect()) {
      return DECLINE;
    }
    if (found !== true) return DECLINE;
    walk.recordRoot();
    if (isSeqEntry(text, walk.content, walk.end))
      return { kind: 'seq', indent: walk.indent, first: walk.content };
    const key = readKey(text, walk.content, walk.end);
    if (key === undefined || key === DECLINE) return DECLINE;
    return { kind: 'map', indent: walk.indent, first: walk.content };
  }

  /** One pass over the lines of `block`, recording its keys or items. */
  private index(block: Node): BlockIndex {
    const cached = this.indexes.get(block.first);
    if (cached) return cached;
    const { text, walk } = this;
    const index: BlockIndex =
      block.kind === 'map'
        ? { keys: new Map(), items: NO_ITEMS, merge: false, complete: false }
        : { keys: NO_KEYS, items: [], merge: false, complete: false };
    this.indexes.set(block.first, index);
    walk.setLineOf(block.first);
    if (!walk.inspect()) return index;
    let pos = block.first;
    for (;;) {
      if (block.kind === 'map') {
        // a `-` line at the map's indentation is an item of the previous key's compact sequence
        if (!isSeqEntry(text, pos, walk.end)) {
          const key = readKey(text, pos, walk.end);
          if (key === DECLINE || key === undefined) return index;
          if (key === '<<') index.merge = true;
          else if (!index.keys.has(key)) index.keys.set(key, pos);
        }
      } else {
        if (!isSeqEntry(text, pos, walk.end)) break; // the sequence ended: a key of the parent map
        index.items.push(pos);
      }
      // on to the next line at this collection's indentation
      let more: boolean | Declined;
      do more = walk.advance();
      while (more === true && walk.indent > block.indent);
      if (more === DECLINE) return index;
      if (!more || walk.indent < block.indent) break;
      pos = walk.content;
    }
    index.complete = true;
    return index;
  }

  /** The entry of `block` named by `seg`: its start offset and value, undefined when absent, or DECLINE. */
  private entry(
    block: Node,
    seg: string | number,
    last: boolean,
  ): { start: number; value: Value } | undefined | Declined {
    const { text, walk } = this;
    const index = this.index(block);
    if (block.kind === 'map') {
      const pos = index.keys.get(String(seg));
      if (pos === undefined) return index.complete && !index.merge ? undefined : DECLINE;
      if (last) return { start: pos, value: 'leaf' }; // the walk ends at the key, whatever its value
      walk.setLineOf(pos);
      if (readKey(text, pos, walk.end) === DECLINE) return DECLINE;
      const value = this.valueAfter(afterColon, block.indent, true);
      return value === DECLINE ? DECLINE : { start: pos, value };
    }
    if (typeof seg !== 'number') return undefined;
    const pos = index.items[seg];
    if (pos === undefined) return index.complete ? undefined : DECLINE;
    walk.setLineOf(pos);
    const p = skipSpaces(text, pos + 1, walk.end);
    if (last && p < walk.end && text.charCodeAt(p) !== HASH) {
      // the walk ends at the item: its node starts here, unless an anchor or tag comes first
      const c = text.charCodeAt(p);
      if (c === BANG || (c === AMPERSAND && anchorAloneEnd(text, p, walk.end) === -1)) return DECLINE;
      if (c !== AMPERSAND) return { start: p, value: 'leaf' };
    }
    const value = this.valueAfter(pos + 1, block.indent, false);
    if (value === DECLINE) return DECLINE;
    if (value !== 'leaf') return { start: value.first, value };
    // an empty item's node has no text of its own: leave it to `yaml`
    if (p >= walk.end || text.charCodeAt(p) === HASH) return DECLINE;
    return { start: p, value };
  }

  /**
   * The node after a `key:` (`inMap`) or a `- ` on the current line, from `pos`: a
   * collection to descend into, a leaf (scalar or empty) where the walk stops, or
   * DECLINE. In a map a sequence may sit at the key's own indentation (`key:\n- a`).
   */
  private valueAfter(pos: number, parentIndent: number, inMap: boolean): Value | Declined {
    const { text, walk } = this;
    const p = skipSpaces(text, pos, walk.end);
    if (p < walk.end && text.charCodeAt(p) !== HASH) {
      const c = text.charCodeAt(p);
      if (c === LBRACE || c === LBRACKET) return { kind: 'flow', indent: p - walk.start, first: p };
      // an alias is a node of its own: the `yaml` walk stops at it as at a scalar
      if (c === STAR) return inMap ? 'leaf' : aliasEnd(text, p, walk.end) !== -1 ? 'leaf' : DECLINE;
      if (c === AMPERSAND && anchorAloneEnd(text, p, walk.end) !== -1) {
        return this.valueOnLaterLines(parentIndent, inMap);
      }
      if (c === AMPERSAND || c === BANG) return DECLINE; // an anchored scalar or item, a tag
      if (inMap) return 'leaf';
      if (isSeqEntry(text, p, walk.end)) return DECLINE; // `- - a`
      const key = readKey(text, p, walk.end);
      if (key === DECLINE) return DECLINE;
      return key !== undefined ? { kind: 'map', indent: p - walk.start, first: p } : 'leaf';
    }
    return this.valueOnLaterLines(parentIndent, inMap);
  }

  /** The node after an indicator with nothing (a comment, an anchor) after it on its line. */
  private valueOnLaterLines(parentIndent: number, inMap: boolean): Value | Declined {
    const { text, walk } = this;
    if (!walk.inspect()) return DECLINE;
    const more = walk.advance();
    if (more === DECLINE) return DECLINE;
    if (!more) return 'leaf';
    const seqHere = isSeqEntry(text, walk.content, walk.end);
    if (walk.indent > parentIndent || (inMap && seqHere && walk.indent === parentIndent)) {
      if (seqHere) return { kind: 'seq', indent: walk.indent, first: walk.content };
      const key = readKey(text, walk.content, walk.end);
      if (key === DECLINE || key === undefined) return DECLINE; // a multi-line scalar, a flow collection…
      return { kind: 'map', indent: walk.indent, first: walk.content };
    }
    return 'leaf'; // empty value (null)
  }
}

/** Characters of an anchor or alias name (YAML 1.2 ns-anchor-char, narrowed to what emitters write). */
const ANCHOR_NAME = /[A-Za-z0-9_.-]/;

/** The end of the name of the anchor (`&`) or alias (`*`) at `p`, or -1 when it has none. */
function nameEnd(text: string, p: number, end: number): number {
  let q = p + 1;
  while (q < end && ANCHOR_NAME.test(text[q]!)) q++;
  return q > p + 1 ? q : -1;
}

/** The end of an anchor at `p` that is all there is on its line (but a comment), or -1. */
function anchorAloneEnd(text: string, p: number, end: number): number {
  const q = nameEnd(text, p, end);
  if (q === -1) return -1;
  const rest = skipSpaces(text, q, end);
  const c = text.charCodeAt(rest);
  return rest >= end || c === LF || c === CR || (c === HASH && rest > q) ? q : -1;
}

/** The end of an alias at `p` that is all there is on its line (but a comment), or -1. */
function aliasEnd(text: string, p: number, end: number): number {
  return anchorAloneEnd(text, p, end);
}

/** Skips spaces, line breaks and nothing else inside a flow collection; DECLINE at a comment. */
function skipFlowSpace(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === SPACE || c === TAB || c === LF || c === CR) p++;
    else return c === HASH ? DECLINE : p;
  }
}

/**
 * The end of the flow node at `p` (a quoted or plain scalar, or a nested collection),
 * or DECLINE for anything else (anchors, tags, aliases, empty nodes).
 */
function flowNodeEnd(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c === DQUOTE || c === SQUOTE) {
    const close = quoteEnd(text, p, text.length);
    return close === -1 ? DECLINE : close + 1;
  }
  if (c === LBRACE || c === LBRACKET) {
    const close = closingOffset(text, p, text.length, -1);
    return close === -1 ? DECLINE : close + 1;
  }
  if (
    c === AMPERSAND ||
    c === BANG ||
    c === STAR ||
    c === COMMA ||
    c === RBRACE ||
    c === RBRACKET ||
    c === 0x3f
  ) {
    return DECLINE;
  }
  // a plain scalar ends at `,`, a closing bracket, `: `, or ` #`
  let q = p;
  for (;;) {
    const d = text.charCodeAt(q);
    if (Number.isNaN(d) || d === COMMA || d === RBRACE || d === RBRACKET || d === LF || d === CR) break;
    if (d === COLON && isBlank(text.charCodeAt(q + 1))) break;
    if (d === HASH && isBlank(text.charCodeAt(q - 1))) return DECLINE;
    q++;
  }
  while (q > p && (text.charCodeAt(q - 1) === SPACE || text.charCodeAt(q - 1) === TAB)) q--;
  return q === p ? DECLINE : q;
}

/**
 * The walk through a flow collection starting at `open` (`{` or `[`), from `path[i]` on:
 * the offset of the key or item the path ends at, or of its deepest existing ancestor.
 */
function locateInFlow(text: string, open: number, path: FieldPath, i: number, best: number): number {
  let p = open;
  for (; i < path.length; i++) {
    const seg = path[i]!;
    const isMap = text.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    let index = 0;
    let found = -1;
    let valueAt = -1;
    p = skipFlowSpace(text, p + 1);
    while (p !== DECLINE && text.charCodeAt(p) !== close) {
      const start = p;
      const end = flowNodeEnd(text, p);
      if (end === DECLINE) return DECLINE;
      p = skipFlowSpace(text, end);
      if (p === DECLINE) return DECLINE;
      let value = -1;
      if (isMap) {
        // `key: value`; a key alone (`{a, b}`) or an unusual key needs `yaml`
        if (text.charCodeAt(p) !== COLON) return DECLINE;
        const key = keyValue(text, start, end);
        if (key === DECLINE) return DECLINE;
        p = skipFlowSpace(text, p + 1);
        if (p === DECLINE) return DECLINE;
        value = p;
        const valueEnd = flowNodeEnd(text, p);
        if (valueEnd === DECLINE) return DECLINE;
        p = skipFlowSpace(text, valueEnd);
        if (key === '<<') return DECLINE;
        if (found === -1 && key === String(seg)) {
          found = start;
          valueAt = value;
        }
      } else {
        if (text.charCodeAt(p) === COLON) return DECLINE; // `[a: b]`, a single-pair map
        if (found === -1 && index === seg) {
          found = start;
          valueAt = start;
        }
        index++;
      }
      if (p === DECLINE) return DECLINE;
      const c = text.charCodeAt(p);
      if (c === COMMA) p = skipFlowSpace(text, p + 1);
      else if (c !== close) return DECLINE;
    }
    if (p === DECLINE) return DECLINE;
    if (found === -1) return best;
    best = found;
    if (i === path.length - 1) return best;
    const v = text.charCodeAt(valueAt);
    if (v !== LBRACE && v !== LBRACKET) return best; // into a scalar
    p = valueAt;
  }
  return best;
}

/** `new BlockDocument(text, start, end).locate(path)`, for one path. */
export function locateInBlockYaml(text: string, start: number, end: number, path: FieldPath): number {
  return new BlockDocument(text, start, end).locate(path);
}
