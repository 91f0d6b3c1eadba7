/**
 * A fast locator for JSON documents: `kubectl get -o json` dumps (one List of every object),
 * JSON manifests, and YAML flow documents that happen to be JSON.
 *
 * The `yaml` library reads a large JSON List at about 2 MB/s (a 100,000-object dump takes
 * over a minute), though `JSON.parse` reads it in under a second. This answers a field path
 * by scanning tokens instead: an object is the run of its `"key": value` entries, each
 * value skipped by bracket matching that respects strings. Containers with many entries (a
 * List's `items`) are indexed once and kept; small ones are indexed again as they are met,
 * with the last few kept, since findings arrive resource by resource.
 *
 * It gives the same offset as the `yaml`-based walk in locate.ts — the start of the key
 * (its opening quote) for a map entry, the start of the item for a list entry, the deepest
 * existing ancestor for a path that goes on past the document — or declines (anything that
 * is not strict JSON), and the caller then asks `yaml`. Duplicate keys resolve to the first,
 * as that walk does. jsonLocate.test.ts checks both walks agree on every path of the
 * shared corpus written as JSON.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import { DECLINE } from './blockLocate.js';

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** Containers with at least this many entries stay indexed for the document's lifetime. */
const KEEP_LARGE = 64;
/** Smaller containers: how many recently indexed ones are kept. */
const KEEP_RECENT = 256;

type ObjectIndex = Map<string, { readonly key: number; readonly value: number }>;
type ArrayIndex = number[];

export class JsonDocument {
  private readonly large = new Map<number, ObjectIndex | ArrayIndex>();
  private readonly recent = new Map<number, ObjectIndex | ArrayIndex>();
  /** The line break `lineBreakAfter` found last, and from where it looked. */
  private nextBreak = -1;
  private nextBreakFrom = Infinity;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** Offset of the key or item at the end of `path` (or of its deepest existing ancestor), or DECLINE. */
  locate(path: FieldPath): number {
    let node = this.skipSpace(this.start);
    if (node >= this.end) return DECLINE;
    let best = node;
    for (const seg of path) {
      const c = this.text.charCodeAt(node);
      if (c === LBRACE) {
        const index = this.indexOf(node, 'object');
        if (index === DECLINE) return DECLINE;
        const entry = (index as ObjectIndex).get(String(seg));
        if (entry === undefined) return best;
        best = entry.key;
        node = entry.value;
      } else if (c === LBRACKET && typeof seg === 'number') {
        const index = this.indexOf(node, 'array');
        if (index === DECLINE) return DECLINE;
        const item = (index as ArrayIndex)[seg];
        if (item === undefined) return best;
        best = item;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  }

  private indexOf(open: number, kind: 'object' | 'array'): ObjectIndex | ArrayIndex | typeof DECLINE {
    const large = this.large.get(open);
    if (large !== undefined) return large;
    const recent = this.recent.get(open);
    if (recent !== undefined) {
      // most recently used last: the containers on the way to the current finding stay
      this.recent.delete(open);
      this.recent.set(open, recent);
      return recent;
    }
    const index = kind === 'object' ? this.indexObject(open) : this.indexArray(open);
    if (index === DECLINE) return DECLINE;
    const size = index instanceof Map ? index.size : index.length;
    if (size >= KEEP_LARGE) this.large.set(open, index);
    else {
      this.recent.set(open, index);
      if (this.recent.size > KEEP_RECENT) this.recent.delete(this.recent.keys().next().value!);
    }
    return index;
  }

  private indexObject(open: number): ObjectIndex | typeof DECLINE {
    const { text } = this;
    const index: ObjectIndex = new Map();
    let p = this.skipSpace(open + 1);
    if (text.charCodeAt(p) === RBRACE) return index;
    for (;;) {
      if (text.charCodeAt(p) !== DQUOTE) return DECLINE;
      const keyAt = p;
      const keyEnd = this.stringEnd(p);
      if (keyEnd === DECLINE) return DECLINE;
      const key = this.stringValue(p, keyEnd);
      if (key === undefined) return DECLINE;
      p = this.skipSpace(keyEnd);
      if (text.charCodeAt(p) !== COLON) return DECLINE;
      const value = this.skipSpace(p + 1);
      const valueEnd = this.valueEnd(value);
      if (valueEnd === DECLINE) return DECLINE;
      if (!index.has(key)) index.set(key, { key: keyAt, value });
      p = this.skipSpace(valueEnd);
      const c = text.charCodeAt(p);
      if (c === RBRACE) return index;
      if (c !== COMMA) return DECLINE;
      p = this.skipSpace(p + 1);
    }
  }

  private escaped(quote: number): boolean {
    let n = 0;
    for (let i = quote - 1; i >= this.start && this.text.charCodeAt(i) === BACKSLASH; i--) n++;
    return n % 2 === 1;
  }

  private indexArray(open: number): ArrayIndex | typeof DECLINE {
    const index: ArrayIndex = [];
    let p = this.skipSpace(open + 1);
    if (this.text.charCodeAt(p) === RBRACKET) return index;
    for (;;) {
      const valueEnd = this.valueEnd(p);
      if (valueEnd === DECLINE) return DECLINE;
      index.push(p);
      p = this.skipSpace(valueEnd);
      const c = this.text.charCodeAt(p);
      if (c === RBRACKET) return index;
      if (c !== COMMA) return DECLINE;
      p = this.skipSpace(p + 1);
    }
  }

  /** The offset just past the value starting at `p`, or DECLINE. */
  private valueEnd(p: number): number {
    const { text, end } = this;
    const c = text.charCodeAt(p);
    if (c === DQUOTE) return this.stringEnd(p);
    if (c === LBRACE || c === LBRACKET) {
      let depth = 0;
      for (let i = p; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d === DQUOTE) {
          const close = this.stringEnd(i);
          if (close === DECLINE) return DECLINE;
          i = close - 1;
        } else if (d === LBRACE || d === LBRACKET) depth++;
        else if (d === RBRACE || d === RBRACKET) {
          if (--depth === 0) return i + 1;
        }
      }
      return DECLINE;
    }
    // a number, true, false or null: up to the next delimiter
    let i = p;
    while (i < end) {
      const d = text.charCodeAt(i);
      if (d === COMMA || d === RBRACE || d === RBRACKET || d === SPACE || d === LF || d === CR || d === TAB)
        break;
      i++;
    }
    return i > p ? i : DECLINE;
  }

  /** The offset just past the closing quote of the string opening at `p`, or DECLINE. */
  private stringEnd(p: number): number {
    const { text } = this;
    let i = p + 1;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q === -1 || q >= this.end) return DECLINE;
      // JSON strings hold no raw line breaks (YAML's flow scalars may)
      if (this.lineBreakAfter(i) < q) return DECLINE;
      if (!this.escaped(q)) return q + 1;
      i = q + 1;
    }
  }

  /** Where the first line break at or after `from` is (Infinity: none); remembered, as the walk mostly moves forward. */
  private lineBreakAfter(from: number): number {
    if (this.nextBreakFrom > from || this.nextBreak < from) {
      const at = this.text.indexOf('\n', from);
      this.nextBreak = at === -1 ? Infinity : at;
    }
    this.nextBreakFrom = from;
    return this.nextBreak;
  }

  private stringValue(open: number, close: number): string | undefined {
    const raw = this.text.slice(open + 1, close - 1);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(this.text.slice(open, close)) as string;
    } catch {
      return undefined;
    }
  }

  private skipSpace(p: number): number {
    const { text, end } = this;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
      p++;
    }
    return p;
  }
}
