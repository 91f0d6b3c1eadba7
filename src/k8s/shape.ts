/**
 * Narrowing of untyped decoded YAML/JSON. Manifests arrive as `unknown`; these
 * guards are the one place that turns them into records and arrays, so rules
 * never crash on a string where a list belongs.
 */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a record, otherwise undefined. */
export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value if it is an array, otherwise an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string-to-string map (labels, annotations); non-string values are dropped. */
export function asStringMap(value: unknown): Readonly<Record<string, string>> {
  if (!isRecord(value)) return EMPTY_MAP;
  let clean = true;
  for (const v of Object.values(value)) {
    if (typeof v !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return value as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

const EMPTY_MAP: Readonly<Record<string, string>> = Object.freeze({});

/** Follows a path of keys/indexes through records and arrays; undefined when any step is missing or of the wrong type. */
export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}
