/**
 * How new text is written into a user's file: in the file's own line endings and indentation,
 * scalars quoted only where YAML 1.1 (what kubectl reads) or 1.2 would read them as something
 * else, lists and maps inside a line in flow style (`[ALL]`, `{type: RuntimeDefault}`), JSON
 * syntax in a JSON file.
 */
import type { FixValue } from './operations.js';

export interface TextStyle {
  readonly eol: '\n' | '\r\n';
  /** The file is JSON: keys and strings double-quoted, no comments. */
  readonly json: boolean;
  /** Spaces per nesting level of block maps. */
  readonly indentStep: number;
}

/** The style of a file's text: CRLF when it has any, JSON when it starts with `{` or `[`, its smallest indentation. */
export function textStyleOf(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const json = /^\s*[{[]/.test(text);
  let step = Infinity;
  for (const m of text.matchAll(/^( +)[^\s#]/gm)) step = Math.min(step, m[1]!.length);
  return { eol, json, indentStep: Number.isFinite(step) && step <= 8 ? step : 2 };
}

/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const SPECIAL = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(\.?\d[\d_.:]*([eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;
const PLAIN = /^[A-Za-z0-9_./][\w./@:-]*$/;

export function scalarText(value: string | number | boolean | null, style: TextStyle, flow: boolean): string {
  if (style.json || typeof value !== 'string') return JSON.stringify(value);
  const plain =
    PLAIN.test(value) && !SPECIAL.test(value) && !NUMBER_LIKE.test(value) && !(flow && value.includes(':'));
  return plain ? value : JSON.stringify(value);
}

/** A value on one line: `false`, `[ALL]`, `{type: RuntimeDefault}` (JSON in a JSON file). */
export function flowText(value: FixValue, style: TextStyle): string {
  if (Array.isArray(value)) return `[${value.map((v: FixValue) => flowText(v, style)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as { readonly [key: string]: FixValue });
    return `{${entries.map(([k, v]) => `${scalarText(k, style, true)}: ${flowText(v, style)}`).join(', ')}}`;
  }
  return scalarText(value, style, true);
}

/** `key: value` as block lines at `indent`; nested maps one indentation step deeper, each scalar line with `comment`. */
export function blockLines(
  key: string,
  value: FixValue,
  indent: number,
  style: TextStyle,
  comment?: string,
): string[] {
  const pad = ' '.repeat(indent);
  const name = scalarText(key, style, false);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as { readonly [key: string]: FixValue });
    if (entries.length > 0) {
      return [
        `${pad}${name}:`,
        ...entries.flatMap(([k, v]) => blockLines(k, v, indent + style.indentStep, style, comment)),
      ];
    }
  }
  return [`${pad}${name}: ${flowText(value, style)}${comment !== undefined ? ` # ${comment}` : ''}`];
}

/** A whole new document in block style, starting with its `---` line. */
export function documentText(value: { readonly [key: string]: FixValue }, style: TextStyle): string {
  const lines = Object.entries(value).flatMap(([k, v]) => blockLines(k, v, 0, style));
  return ['---', ...lines].join(style.eol) + style.eol;
}
