/**
 * Pod Security Standards policy versions, parsed the way pod-security-admission's
 * `api.ParseVersion` does (k8s.io/pod-security-admission/api/helpers.go): only
 * `latest` and `v1.<minor>` (no leading zeros) are versions; anything else is an error.
 */

/** The newest policy version this code knows: upstream `newestMinorVersionToTest` at the pinned commit (v1.37). */
export const NEWEST_POLICY_MINOR = 37;

export interface PolicyVersion {
  /** The text as written (`latest`, `v1.30`, `v1.99`), for messages like `restricted:v1.30`. */
  readonly text: string;
  readonly latest: boolean;
  /** The minor version as written; for `latest`, the newest known. */
  readonly minor: number;
  /**
   * The minor whose rules apply: a version newer than the newest known is evaluated as
   * the newest (upstream `checkRegistry.EvaluatePod` clamps to `maxVersion`).
   */
  readonly effectiveMinor: number;
}

export type ParsedVersion = { readonly version: PolicyVersion } | { readonly error: string };

const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

export const LATEST: PolicyVersion = Object.freeze({
  text: 'latest',
  latest: true,
  minor: NEWEST_POLICY_MINOR,
  effectiveMinor: NEWEST_POLICY_MINOR,
});

const cache = new Map<string, ParsedVersion>();

/** `latest` or `v1.N`; an error message (naming the bad value) otherwise. */
export function parsePolicyVersion(text: string): ParsedVersion {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(text);
  // Only remember well-formed versions: the set is small, while bad input is unbounded.
  if ('version' in parsed) cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedVersion {
  if (text === 'latest') return { version: LATEST };
  const m = VERSION.exec(text);
  const minor = m?.[1] !== undefined ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(minor)) {
    return { error: `invalid version "${text}", must be "latest" or "v1.x"` };
  }
  return {
    version: Object.freeze({
      text,
      latest: false,
      minor,
      effectiveMinor: Math.min(minor, NEWEST_POLICY_MINOR),
    }),
  };
}

/** A version from a minor number (`v1.<minor>`). */
export function policyVersion(minor: number): PolicyVersion {
  const parsed = parsePolicyVersion(`v1.${minor}`);
  if ('error' in parsed) throw new RangeError(parsed.error);
  return parsed.version;
}
