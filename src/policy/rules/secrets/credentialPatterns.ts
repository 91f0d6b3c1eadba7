/**
 * What a literal credential looks like, tuned for few false positives: the secret detectors of
 * `secret-literal-env` and `configmap-secret`. Two independent signals:
 *  - the VALUE has the shape of a well-known credential (PEM private key, AWS access key id,
 *    GitHub/GitLab/Slack/Stripe/Google API tokens, JWT, URL with a password) — the prefixes are
 *    fixed by the issuers, so a match is almost never an accident;
 *  - the NAME says it holds a secret (`DB_PASSWORD`, `apiKey`, `client-secret`) and the value is not
 *    obviously something else (a file path, a `$(VAR)` reference, a number, a boolean).
 * No generic entropy test: random-looking IDs, hashes and base64 blobs are too common in config.
 * Nothing here returns the secret; hints keep only the issuer's type prefix.
 */

export interface CredentialMatch {
  /** `a PEM private key`, `an AWS access key id`. */
  readonly kind: string;
  /** Printable: the type marker and a mask (`ghp_****`), never the secret part. */
  readonly hint: string;
}

interface ValuePattern {
  readonly kind: string;
  readonly re: RegExp;
  readonly hint: (m: RegExpExecArray) => string;
}

const VALUE_PATTERNS: readonly ValuePattern[] = [
  {
    kind: 'a PEM private key',
    re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/,
    hint: (m) => `${m[0]} ****`,
  },
  {
    kind: 'an AWS access key id',
    re: /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/,
    hint: (m) => `${m[1]}****`,
  },
  { kind: 'a GitHub token', re: /(?<![A-Za-z0-9_])(gh[pousr]_)[A-Za-z0-9]{36,}/, hint: (m) => `${m[1]}****` },
  {
    kind: 'a GitHub token',
    re: /(?<![A-Za-z0-9_])(github_pat_)[A-Za-z0-9_]{22,}/,
    hint: (m) => `${m[1]}****`,
  },
  { kind: 'a GitLab token', re: /(?<![A-Za-z0-9_])(glpat-)[A-Za-z0-9_-]{20,}/, hint: (m) => `${m[1]}****` },
  {
    kind: 'a Slack token',
    re: /(?<![A-Za-z0-9])(xox[abposr]-)[A-Za-z0-9-]{10,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a Stripe live key',
    re: /(?<![A-Za-z0-9])([sr]k_live_)[0-9A-Za-z]{24,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a Google API key',
    re: /(?<![A-Za-z0-9_-])(AIza)[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a JSON Web Token',
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
    hint: () => 'eyJ****',
  },
];

/** `scheme://user:password@host` with a password that is not a placeholder. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*):\/\/[^\s:/@]+:([^\s/@]+)@/i;

/**
 * A literal every pattern above (and URL_CREDENTIALS) contains: a value without any of them
 * matches none, and one test of this is much cheaper than ten (config files are mostly such lines).
 */
const ANY_PATTERN_LITERAL =
  /-----BEGIN |AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|k_live_|AIza|eyJ|:\/\//;

/** The first well-known credential shape in the value. */
export function credentialInValue(value: string): CredentialMatch | undefined {
  if (!ANY_PATTERN_LITERAL.test(value)) return undefined;
  for (const p of VALUE_PATTERNS) {
    const m = p.re.exec(value);
    if (m) return { kind: p.kind, hint: p.hint(m) };
  }
  const url = URL_CREDENTIALS.exec(value);
  if (url && !isPlaceholder(url[2]!)) {
    return { kind: 'a URL with an embedded password', hint: `${url[1]!}://****:****@…` };
  }
  return undefined;
}

/** Names (single tokens) that say "this is a secret" anywhere in the name. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASSPHRASE',
  'TOKEN',
  'TOKENS',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'PRIVATEKEY',
  'ACCESSKEY',
  'SECRETKEY',
]);
/** Glued forms: `DBPASSWORD`, `clientsecret`, `githubtoken`. */
const SECRET_SUFFIXES = ['PASSWORD', 'PASSWD', 'SECRET', 'APIKEY', 'TOKEN'];
/** Words that mean a secret only as the last word: `DB_PASS` but not `PASS_THROUGH`; `BASIC_AUTH` but not `AUTH_URL`. */
const SECRET_LAST_WORDS: ReadonlySet<string> = new Set(['PASS', 'PWD', 'AUTH']);
/** `<qualifier>_KEY` is a secret key; a bare `KEY` (`CACHE_KEY`) is not. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'ENCRYPTION',
  'DECRYPTION',
  'SIGNING',
  'MASTER',
  'ACCOUNT',
  'STORAGE',
  'CLIENT',
  'LICENSE',
  'SHARED',
  'HMAC',
  'SESSION',
  'SSH',
  'TLS',
  'JWT',
]);
/** A last word that makes the name describe the secret's metadata, not hold it: `TOKEN_TTL`, `SECRET_NAME`. */
const METADATA_LAST_WORDS: ReadonlySet<string> = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'NAME',
  'NAMES',
  'REF',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'DISABLE',
  'REQUIRED',
  'TTL',
  'LENGTH',
  'LEN',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'LIFETIME',
  'SECONDS',
  'SECS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'AGE',
  'INTERVAL',
  'PERIOD',
  'TYPE',
  'KIND',
  'HEADER',
  'ENDPOINT',
  'URL',
  'URI',
  'HOST',
  'PORT',
  'MODE',
  'POLICY',
  'MIN',
  'MAX',
  'COUNT',
  'LIMIT',
  'SIZE',
  'VERSION',
  'ALGORITHM',
  'ALG',
  'FORMAT',
  'PREFIX',
  'SUFFIX',
  'FIELD',
  'PARAM',
  'PROVIDER',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'ID',
  'LOCATION',
  'MOUNT',
  'STRATEGY',
  'METHOD',
  'RETRIES',
  'ATTEMPTS',
  'ROTATION',
  'CACHE',
  'ENV',
  'VAR',
]);

/** `dbPassword` → `DB PASSWORD`; `client-secret.v2` → `CLIENT SECRET V2`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/** The secret word a variable or key name contains (`PASSWORD`, `API_KEY`), or undefined. */
export function secretNameWord(name: string): string | undefined {
  const w = words(name);
  const last = w[w.length - 1];
  if (last === undefined || METADATA_LAST_WORDS.has(last)) return undefined;
  for (let i = 0; i < w.length; i++) {
    const word = w[i]!;
    if (SECRET_WORDS.has(word)) return word;
    if (word === 'KEY' && i > 0 && KEY_QUALIFIERS.has(w[i - 1]!)) return `${w[i - 1]!}_KEY`;
    const glued = SECRET_SUFFIXES.find((s) => word.length > s.length && word.endsWith(s));
    if (glued !== undefined) return glued;
  }
  if (SECRET_LAST_WORDS.has(last) && w.length > 1) return last;
  return undefined;
}

/** `$(VAR)`, `${VAR}`, `$VAR`, `{{ .Values.x }}`, `<password>`, `%(pw)s`, `****`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\([^)]*\)$/.test(v) ||
    /^\$\{[^}]*\}$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^\{\{.*\}\}$/.test(v) ||
    /^<[^>]*>$/.test(v) ||
    /^%\([^)]*\)s$/.test(v) ||
    /^\*+$/.test(v)
  );
}

const INERT_WORDS: ReadonlySet<string> = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'none',
  '~',
  'enabled',
  'disabled',
  '|',
  '|-',
  '>',
  '>-',
]);

/**
 * A value that cannot be a literal secret even under a secret-sounding name: empty, a placeholder,
 * a boolean or number or duration, a file path, or a URL without credentials.
 */
export function isInertValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || isPlaceholder(v) || INERT_WORDS.has(v.toLowerCase())) return true;
  if (/^-?\d+(\.\d+)?(ms|s|m|h|d)?$/i.test(v)) return true;
  if (/^(\/|\.\.?\/|~\/|file:)/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(v)) return true;
  return false;
}

/** `value masked, 12 characters`. */
export function maskedLength(value: string): string {
  const n = [...value].length;
  return `value masked, ${n} character${n === 1 ? '' : 's'}`;
}
