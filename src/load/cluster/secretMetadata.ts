/**
 * Secret metadata as the reader keeps it. A Secret's metadata can carry its values too: client-side
 * `kubectl apply` copies the whole manifest, `data` and `stringData` included, into the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, other tools keep such copies
 * under their own keys, and people put tokens into annotations. So even a metadata-only read
 * (PartialObjectMetadataList) holds values. At read time, in memory, before anything else sees
 * the object, those annotations are dropped; what was dropped (annotation keys, and for copies
 * of the object the names of the keys that had a value — never a value) is recorded in the
 * `kubeward.io/redacted-annotations` annotation, which `last-applied-secret-leak` reports.
 */

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Set by the reader on a Secret whose annotations it dropped: JSON of `RedactedAnnotations`. */
export const REDACTED_ANNOTATION = 'kubeward.io/redacted-annotations';

/** Per dropped annotation: the keys of `data`/`stringData` a copy of the object had values for, or 'value' (a value-like string). */
export type RedactedAnnotations = Record<string, { data?: string[]; stringData?: string[] } | 'value'>;

/** Annotations that name things: never values, kept as they are. */
const NAMING_KEYS =
  /^(kubernetes\.io\/service-account\.(name|uid)|kubeward\.io\/|meta\.helm\.sh\/|cert-manager\.io\/)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bits per character of `s` (Shannon): tokens and keys are high, words and names low. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * A value that may be a credential: one token of 16 or more characters, no spaces, letters and
 * digits mixed, with the entropy of random text (a UUID, a hostname or a word does not count).
 */
function isValueLike(value: string): boolean {
  const v = value.trim();
  if (v.length < 16 || /\s/.test(v) || UUID.test(v)) return false;
  if (!/[A-Za-z]/.test(v) || !/\d/.test(v)) return false;
  return entropy(v) >= 3.5;
}

/** The keys with a non-empty value under `data` and `stringData` of a JSON copy of the object, or undefined when it is none. */
function copiedValueKeys(value: string): { data?: string[]; stringData?: string[] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const o = parsed as Record<string, unknown>;
  if (!('data' in o) && !('stringData' in o)) return undefined;
  const out: { data?: string[]; stringData?: string[] } = {};
  for (const field of ['data', 'stringData'] as const) {
    const values = o[field];
    if (values === null || typeof values !== 'object') continue;
    const keys = Object.entries(values as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([key]) => key);
    if (keys.length > 0) out[field] = keys;
  }
  return out;
}

/**
 * A Secret's metadata without the annotations that hold (or may hold) values; the dropped ones
 * are named in REDACTED_ANNOTATION. The input is not changed.
 */
export function redactSecretMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const annotations = metadata.annotations;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) return metadata;
  const kept: Record<string, unknown> = {};
  const redacted: RedactedAnnotations = {};
  for (const [key, value] of Object.entries(annotations as Record<string, unknown>)) {
    if (key === REDACTED_ANNOTATION) continue; // only the reader writes it
    if (typeof value !== 'string' || (NAMING_KEYS.test(key) && key !== LAST_APPLIED_ANNOTATION)) {
      kept[key] = value;
      continue;
    }
    const copied = copiedValueKeys(value);
    if (copied !== undefined || key === LAST_APPLIED_ANNOTATION) redacted[key] = copied ?? {};
    else if (isValueLike(value)) redacted[key] = 'value';
    else kept[key] = value;
  }
  if (Object.keys(redacted).length === 0) return metadata;
  return { ...metadata, annotations: { ...kept, [REDACTED_ANNOTATION]: JSON.stringify(redacted) } };
}

/** What the reader dropped from a Secret's annotations, from REDACTED_ANNOTATION (undefined: nothing, or not written by the reader). */
export function redactedAnnotationsOf(
  annotations: Readonly<Record<string, string>>,
): RedactedAnnotations | undefined {
  const text = annotations[REDACTED_ANNOTATION];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as RedactedAnnotations)
      : undefined;
  } catch {
    return undefined;
  }
}
