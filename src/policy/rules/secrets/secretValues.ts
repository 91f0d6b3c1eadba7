/**
 * What counts as a value written into a Secret manifest: shared by `secret-in-source` (the
 * Secret itself) and `last-applied-secret-leak` (the copy in its annotation).
 */
import { asRecord } from '../../../k8s/shape.js';
import { isPlaceholder } from './credentialPatterns.js';

/** SOPS writes every encrypted value as `ENC[AES256_GCM,data:…,type:str]` (getsops/sops, aes/cipher.go). */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:/;

/** A value that holds nothing to leak: empty, a placeholder (`${X}`, `{{ .Values.x }}`, `<password>`), SOPS-encrypted. */
function isNoValue(raw: string, base64: boolean): boolean {
  const v = raw.trim();
  if (v === '' || isPlaceholder(v) || v.includes('{{') || SOPS_VALUE.test(v)) return true;
  if (!base64) return false;
  const decoded = Buffer.from(v, 'base64').toString('utf8').trim();
  return decoded === '' || isPlaceholder(decoded);
}

export interface SecretValueKeys {
  readonly field: 'data' | 'stringData';
  readonly keys: readonly string[];
}

/**
 * The keys of `data` and `stringData` with a real value, per field (fields without one left
 * out). A SOPS document (top-level `sops:` metadata) has none: its values are ciphertext.
 */
export function secretValueKeys(secret: Readonly<Record<string, unknown>>): SecretValueKeys[] {
  if (asRecord(secret.sops) !== undefined) return [];
  const out: SecretValueKeys[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const values = asRecord(secret[field]);
    if (values === undefined) continue;
    const keys = Object.entries(values)
      .filter(([, v]) => typeof v === 'string' && !isNoValue(v, field === 'data'))
      .map(([k]) => k);
    if (keys.length > 0) out.push({ field, keys });
  }
  return out;
}

/** `"a", "b" and 2 more`: key names for a message (never values). */
export function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
  return keys.length > 5 ? `${shown.join(', ')} and ${keys.length - 5} more` : shown.join(', ');
}

/** Fields the API server sets: an object that has them was read from a cluster, not written by hand. */
export function isFromCluster(object: Readonly<Record<string, unknown>>): boolean {
  const meta = asRecord(object.metadata);
  return (
    meta !== undefined &&
    (meta.uid !== undefined || meta.resourceVersion !== undefined || meta.managedFields !== undefined)
  );
}
