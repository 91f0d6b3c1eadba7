/**
 * The credential scan of every string value of a manifest, for `credential-in-field` and
 * `last-applied-secret-leak`. One walk, one mutable path (copied only for a finding): the scan
 * runs on every object of the input, so it allocates nothing per string that holds nothing.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import { credentialInValue, genericCredential, type CredentialMatch } from './credentialPatterns.js';

export interface FieldCredential {
  readonly path: FieldPath;
  /** The map key the value stands under, the `name` of a `{name, value}` pair, or a `--flag=` name. */
  readonly name: string | undefined;
  readonly match: CredentialMatch;
}

/** `--db-password=x`, `-token=x`: the flag name and its value. */
const FLAG = /^--?([A-Za-z][A-Za-z0-9_.-]{0,100})=/;

/** The credential in one string: a known format anywhere, or a random literal under a secret name. */
export function fieldCredential(name: string | undefined, value: string): CredentialMatch | undefined {
  // The shortest shape (`a://b:c@`) and the generic test both need 8 characters; most strings are shorter names.
  if (value.length < 8) return undefined;
  const known = credentialInValue(value);
  if (known !== undefined) return known;
  const flag = value.startsWith('-') ? FLAG.exec(value) : null;
  if (flag) return genericCredential(flag[1]!, value.slice(flag[0].length));
  return name !== undefined ? genericCredential(name, value) : undefined;
}

/**
 * Every string of `value` holding a credential, depth first. `skip(path)` prunes a subtree
 * (fields another rule reports); it sees the live path, which it must not keep.
 */
export function credentialsIn(
  value: unknown,
  skip: (path: FieldPath) => boolean = () => false,
): FieldCredential[] {
  const out: FieldCredential[] = [];
  const path: (string | number)[] = [];
  const walk = (v: unknown, name: string | undefined): void => {
    if (typeof v === 'string') {
      const match = fieldCredential(name, v);
      if (match !== undefined) out.push({ path: [...path], name, match });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        if (!skip(path)) walk(v[i], undefined);
        path.pop();
      }
      return;
    }
    const record = v as Record<string, unknown>;
    // `{name: DB_PASSWORD, value: …}` (env, params of many CRDs): the value stands under the name.
    const pairName =
      typeof record.name === 'string' && typeof record.value === 'string' ? record.name : undefined;
    for (const key in record) {
      path.push(key);
      if (!skip(path)) walk(record[key], key === 'value' && pairName !== undefined ? pairName : key);
      path.pop();
    }
  };
  walk(value, undefined);
  return out;
}
