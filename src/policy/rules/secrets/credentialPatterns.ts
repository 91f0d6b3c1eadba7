/**
 * What a literal credential looks like, tuned for few false positives: the secret detectors of
 * `secret-literal-env` and `configmap-secret`. Two independent signals:
 *  - the VALUE has the shape of a well-known credential (PEM private key, AWS access key id,
 *    GitHub/GitLab/Slack/Stripe/Google/npm/SendGrid/DigitalOcean/OpenAI/Anthropic/Vault/Shopify
 *    tokens, Azure storage keys, JWT, Authorization headers, URLs and connection strings with a
 *    password) — the prefixes are fixed by the issuers, so a match is almost never an accident;
 *  - the NAME says it holds a secret (`DB_PASSWORD`, `apiKey`, `client-secret`) and the value is not
 *    obviously something else (a file path, a `$(VAR)` reference, a number, a boolean).
 * For fields whose values are not expected to be secrets at all (annotations, CRD fields),
 * `genericCredential` adds an entropy test to the name test: `looksRandom()`.
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

/**
 * The formats, after gitleaks' default rule list (config/gitleaks.toml: private-key,
 * aws-access-token, github-pat/-oauth/-app-token/-fine-grained-pat, gitlab-pat/-ptt/-deploy-token/
 * -runner-token, slack-*-token, slack-webhook-url, stripe-access-token, gcp-api-key, jwt,
 * npm-access-token, sendgrid-api-token, digitalocean-*, openai-api-key, anthropic-api-key,
 * vault-service-token/-batch-token, shopify-*, azure storage keys) and trufflehog's detectors of
 * the same issuers. Every quantifier is bounded or follows a look-behind that allows one start per
 * run of token characters, so no pattern backtracks more than linearly (credentialPatterns.test.ts
 * runs them on adversarial 1 MiB strings).
 */
const VALUE_PATTERNS: readonly ValuePattern[] = [
  {
    kind: 'a PEM private key',
    re: /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,4})PRIVATE KEY( BLOCK)?-----/,
    hint: (m) => `${m[0]} ****`,
  },
  {
    kind: 'an AWS access key id',
    re: /(?<![A-Z0-9])(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/,
    hint: (m) => `${m[1]}****`,
  },
  { kind: 'a GitHub token', re: /(?<![A-Za-z0-9_])(gh[pousr]_)[A-Za-z0-9]{36,}/, hint: (m) => `${m[1]}****` },
  {
    kind: 'a GitHub token',
    re: /(?<![A-Za-z0-9_])(github_pat_)[A-Za-z0-9_]{22,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a GitLab token',
    re: /(?<![A-Za-z0-9_])(gl(?:pat|ptt|dt|rt|soat)-)[A-Za-z0-9_-]{20,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a Slack token',
    re: /(?<![A-Za-z0-9])(xox[abposr]-)[A-Za-z0-9-]{10,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a Slack webhook URL',
    re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/,
    hint: () => 'https://hooks.slack.com/****',
  },
  {
    kind: 'a Stripe live key',
    re: /(?<![A-Za-z0-9])([sr]k_(?:live|prod)_)[0-9A-Za-z]{24,}/,
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
  {
    kind: 'an npm token',
    re: /(?<![A-Za-z0-9_])(npm_)[A-Za-z0-9]{36}(?![A-Za-z0-9])/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a SendGrid API key',
    re: /(?<![A-Za-z0-9_-])(SG\.)[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a DigitalOcean token',
    re: /(?<![A-Za-z0-9_])(do[opr]_v1_)[a-f0-9]{64}(?![a-f0-9])/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'an Anthropic API key',
    re: /(?<![A-Za-z0-9_-])(sk-ant-(?:api|admin)\d\d-)[A-Za-z0-9_-]{80,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'an OpenAI API key',
    re: /(?<![A-Za-z0-9_-])(sk-(?:proj-|svcacct-|admin-)?)[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a HashiCorp Vault token',
    re: /(?<![A-Za-z0-9_.-])(hv[sb]\.)[A-Za-z0-9_-]{90,}/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'a Shopify token',
    re: /(?<![A-Za-z0-9_])(shp(?:at|ca|pa|ss)_)[a-fA-F0-9]{32}(?![a-fA-F0-9])/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'an Azure storage account key',
    re: /(AccountKey=)[A-Za-z0-9+/]{86}==/,
    hint: (m) => `${m[1]}****`,
  },
  {
    kind: 'an HTTP Authorization header',
    re: /[Aa]uthorization["']?\s{0,4}[:=]\s{0,4}["']?(Basic|Bearer) [A-Za-z0-9._~+/-]{8,}/,
    hint: (m) => `${m[1]} ****`,
  },
];

/**
 * One literal of every format above, of URLs (`://`) and of connection strings (`assword`,
 * `PWD`): a value without any of them matches nothing, and this one test is far cheaper than
 * twenty (most strings of a manifest are names, images and numbers).
 */
const ANY_PATTERN_LITERAL =
  /-----BEGIN |AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|gl(?:pat|ptt|dt|rt|soat)-|xox[abposr]-|hooks\.slack\.com|k_live_|k_prod_|AIza|eyJ|npm_|SG\.|_v1_|sk-|hv[sb]\.|shp(?:at|ca|pa|ss)_|AccountKey=|uthorization|:\/\/|assword|ASSWORD|[Pp][Ww][Dd]/;

/** How far a URL's scheme, user and password may reach: bounds keep the URL scan linear. */
const MAX_SCHEME = 32;
const MAX_USERINFO = 512;
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const USERINFO = /^[^\s:/@]{1,256}:([^\s/@]{1,256})@/;

/**
 * `scheme://user:password@host` with a password that is not a placeholder, found from each
 * `://` with bounded look-back and look-ahead (a regex starting at every scheme character would
 * be quadratic on a long run of letters).
 */
function urlWithPassword(value: string): CredentialMatch | undefined {
  for (let at = value.indexOf('://'); at !== -1; at = value.indexOf('://', at + 3)) {
    let s = at;
    while (s > 0 && at - s < MAX_SCHEME && SCHEME_CHAR.test(value[s - 1]!)) s--;
    if (s === at || !/[a-z]/i.test(value[s]!)) continue;
    const m = USERINFO.exec(value.slice(at + 3, at + 3 + MAX_USERINFO));
    if (m && !isPlaceholder(m[1]!)) {
      return { kind: 'a URL with an embedded password', hint: `${value.slice(s, at)}://****:****@…` };
    }
  }
  return undefined;
}

/** `Server=db;User Id=sa;Password=…;` (ADO.NET, ODBC, JDBC properties), with a literal password. */
const CONNECTION_PASSWORD = /(?:^|;)\s{0,8}(password|pwd)\s{0,8}=\s{0,8}([^;]{1,256})/i;
const CONNECTION_OTHER_KEY =
  /(?:^|;)\s{0,8}(?:server|host|data source|user id|uid|user|database|initial catalog)\s{0,8}=/i;

function connectionStringPassword(value: string): CredentialMatch | undefined {
  if (!value.includes(';')) return undefined;
  const m = CONNECTION_PASSWORD.exec(value);
  if (!m || !CONNECTION_OTHER_KEY.test(value) || isInertValue(m[2]!)) return undefined;
  return { kind: 'a connection string with a password', hint: `${m[1]!}=****` };
}

/** The first well-known credential shape in the value. */
export function credentialInValue(value: string): CredentialMatch | undefined {
  if (!ANY_PATTERN_LITERAL.test(value)) return undefined;
  for (const p of VALUE_PATTERNS) {
    const m = p.re.exec(value);
    if (m) return { kind: p.kind, hint: p.hint(m) };
  }
  return urlWithPassword(value) ?? connectionStringPassword(value);
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

/**
 * The secret word a variable or key name contains (`PASSWORD`, `API_KEY`), or undefined;
 * remembered, since manifests repeat the same few hundred field names.
 */
export function secretNameWord(name: string): string | undefined {
  let w = nameWords.get(name);
  if (w === undefined) {
    w = secretNameWordOf(name) ?? null;
    if (nameWords.size < 10_000) nameWords.set(name, w);
  }
  return w ?? undefined;
}

const nameWords = new Map<string, string | null>();

function secretNameWordOf(name: string): string | undefined {
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

/** Shannon entropy of the value in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const c of counts.values()) bits -= (c / n) * Math.log2(c / n);
  return bits;
}

/** Kubernetes object names, label values or DNS names, alone or listed: `my-app-secret`, `default,google,amazon`. */
const NAME_LIKE = /^[a-z0-9][a-z0-9._-]*(?:[,;: ][a-z0-9][a-z0-9._-]*)*$/;
const HEX_ONLY = /^[a-f0-9]+$/i;

/**
 * Whether a value under a secret-sounding name is random enough to be a generated secret:
 * at least 8 characters without spaces, not lower-case names (`my-app-secret`, `a,b,c`), not a bare
 * hex digest (a hash or an id), two character classes or more and ≥ 3 bits per character
 * (trufflehog and gitleaks' generic rules use 3–3.5 bits; the name test already narrowed it).
 */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 4096 || /\s/.test(v) || NAME_LIKE.test(v) || HEX_ONLY.test(v)) return false;
  if (isInertValue(v) || /\{\{|\$\{|\$\(/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && shannonEntropy(v) >= 3;
}

/** A generic credential in a field: a secret-sounding name holding a random-looking literal. */
export function genericCredential(name: string, value: string): CredentialMatch | undefined {
  if (value.length < 8) return undefined;
  const word = secretNameWord(name);
  if (word === undefined || !looksRandom(value)) return undefined;
  return { kind: `a literal secret (name contains "${word}")`, hint: maskedLength(value.trim()) };
}
