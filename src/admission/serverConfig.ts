/**
 * The webhook server's configuration file (`kubeward serve --config FILE`): cluster
 * defaults and exemptions as Pod Security Admission's `PodSecurityConfiguration` has them,
 * what kubeward's catalog rules may decide, failure modes, limits and the decision log.
 * The rule selection, severities and exceptions stay in the scan's `.kubeward.yaml`, named
 * by `policy:`, so the webhook and the scanner read the same file. Every key is documented
 * in the README ("Deploy the webhook"); an unknown key is an error.
 */
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { isRecord } from '../k8s/shape.js';
import { yamlLib } from '../load/yamlLib.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { PssLevel } from '../pss/types.js';
import { parsePolicyVersion } from '../pss/version.js';
import { DEFAULT_MODE_POLICIES, MODES, type Mode, type ModePolicies, type ModePolicy } from './modes.js';

/** What kubeward answers when it cannot decide (a rule threw, the deadline passed): deny, or allow with a warning. */
export type FailureMode = 'Fail' | 'Ignore';

export interface Exemptions {
  readonly namespaces: readonly string[];
  /** Requesting users (as PSA: only pods they create directly, not those their controllers create). */
  readonly usernames: readonly string[];
  readonly runtimeClasses: readonly string[];
}

export interface DecisionLogConfig {
  readonly path: string;
  /** Rotate when the file would grow past this size. @default 10 MiB */
  readonly maxBytes: number;
  /** Rotated files kept (`log.1` … `log.N`). @default 3 */
  readonly keep: number;
  /** Log every decision, not only denials and failures. @default false */
  readonly all: boolean;
}

export interface ServerConfig {
  readonly defaults: ModePolicies;
  readonly exemptions: Exemptions;
  /** Findings of catalog rules at or above this severity deny (in every namespace not exempt). @default never */
  readonly denyOn?: Severity;
  /** Findings of catalog rules at or above this severity are returned as warnings. @default never */
  readonly warnOn?: Severity;
  readonly failurePolicy: FailureMode;
  /** The failure mode of single rules (rule id → mode); `pss` names the Pod Security evaluator. */
  readonly ruleFailurePolicy: Readonly<Record<string, FailureMode>>;
  /** The scan's configuration file (absolute), for rule selection, severities and exceptions. */
  readonly policy?: string;
  /** Mutate in every namespace (else only where labelled `kubeward.io/mutate: "true"`). @default false */
  readonly mutate: boolean;
  /** Internal deadline per request, below the webhook's `timeoutSeconds`. @default 2000 */
  readonly deadlineMs: number;
  /** Requests read or evaluated at once; more are refused with 503 (the API server's failurePolicy decides). @default 64 */
  readonly maxInFlight: number;
  readonly decisionLog?: DecisionLogConfig;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = Object.freeze({
  defaults: DEFAULT_MODE_POLICIES,
  exemptions: Object.freeze({ namespaces: [], usernames: [], runtimeClasses: [] }),
  failurePolicy: 'Ignore',
  ruleFailurePolicy: Object.freeze({}),
  mutate: false,
  deadlineMs: 2000,
  maxInFlight: 64,
});

const TOP_KEYS = [
  'defaults',
  'exemptions',
  'denyOn',
  'warnOn',
  'failurePolicy',
  'ruleFailurePolicy',
  'policy',
  'mutate',
  'deadlineMs',
  'maxInFlight',
  'decisionLog',
] as const;
const DEFAULT_KEYS = MODES.flatMap((m) => [m, `${m}-version`]);
const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

class Checker {
  constructor(readonly file: string) {}
  fail(message: string): never {
    throw new ConfigError(message, this.file);
  }
  map(v: unknown, what: string, allowed?: readonly string[]): Record<string, unknown> {
    if (!isRecord(v)) this.fail(`${what} must be a map`);
    if (allowed)
      for (const k of Object.keys(v))
        if (!allowed.includes(k)) this.fail(`unknown key "${k}" in ${what} (allowed: ${allowed.join(', ')})`);
    return v;
  }
  string(v: unknown, what: string): string {
    if (typeof v !== 'string') this.fail(`${what} must be a string`);
    return v;
  }
  strings(v: unknown, what: string): string[] {
    if (!Array.isArray(v)) this.fail(`${what} must be a list of strings`);
    return v.map((x, i) => this.string(x, `${what}[${i}]`));
  }
  bool(v: unknown, what: string): boolean {
    if (typeof v !== 'boolean') this.fail(`${what} must be true or false`);
    return v;
  }
  int(v: unknown, what: string, min: number): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
      this.fail(`${what} must be a whole number of at least ${min}`);
    return v;
  }
  severity(v: unknown, what: string): Severity {
    const s = this.string(v, what);
    if (!(SEVERITIES as readonly string[]).includes(s))
      this.fail(`${what} must be one of ${SEVERITIES.join(', ')}, not "${s}"`);
    return s as Severity;
  }
  failureMode(v: unknown, what: string): FailureMode {
    if (v !== 'Fail' && v !== 'Ignore') this.fail(`${what} must be Fail or Ignore, not ${JSON.stringify(v)}`);
    return v;
  }
}

function parseDefaults(c: Checker, v: unknown): ModePolicies {
  const m = c.map(v, 'defaults', DEFAULT_KEYS);
  const out: Record<Mode, ModePolicy> = { ...DEFAULT_MODE_POLICIES };
  for (const mode of MODES) {
    let { level, version } = out[mode];
    if (m[mode] !== undefined) {
      const text = c.string(m[mode], `defaults.${mode}`);
      if (!LEVELS.includes(text))
        c.fail(`defaults.${mode} must be privileged, baseline or restricted, not "${text}"`);
      level = text as PssLevel;
    }
    const versionKey = `${mode}-version`;
    if (m[versionKey] !== undefined) {
      const parsed = parsePolicyVersion(c.string(m[versionKey], `defaults.${versionKey}`));
      if ('error' in parsed) c.fail(`defaults.${versionKey}: ${parsed.error}`);
      version = parsed.version;
    }
    out[mode] = { level, version };
  }
  return out;
}

/** Parses and checks the server configuration's text; throws ConfigError naming the file and the key. */
export function parseServerConfig(text: string, file: string): ServerConfig {
  const c = new Checker(file);
  let doc: unknown;
  try {
    doc = yamlLib().parse(text, { version: '1.2' });
  } catch (e) {
    c.fail(`invalid YAML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return DEFAULT_SERVER_CONFIG;
  const top = c.map(doc, 'the server configuration', TOP_KEYS);
  const out: { -readonly [K in keyof ServerConfig]: ServerConfig[K] } = { ...DEFAULT_SERVER_CONFIG };
  for (const [key, v] of Object.entries(top)) {
    switch (key as (typeof TOP_KEYS)[number]) {
      case 'defaults':
        out.defaults = parseDefaults(c, v);
        break;
      case 'exemptions': {
        const m = c.map(v, 'exemptions', ['namespaces', 'usernames', 'runtimeClasses']);
        out.exemptions = {
          namespaces: m.namespaces === undefined ? [] : c.strings(m.namespaces, 'exemptions.namespaces'),
          usernames: m.usernames === undefined ? [] : c.strings(m.usernames, 'exemptions.usernames'),
          runtimeClasses:
            m.runtimeClasses === undefined ? [] : c.strings(m.runtimeClasses, 'exemptions.runtimeClasses'),
        };
        break;
      }
      case 'denyOn':
        out.denyOn = c.severity(v, 'denyOn');
        break;
      case 'warnOn':
        out.warnOn = c.severity(v, 'warnOn');
        break;
      case 'failurePolicy':
        out.failurePolicy = c.failureMode(v, 'failurePolicy');
        break;
      case 'ruleFailurePolicy': {
        const m = c.map(v, 'ruleFailurePolicy');
        out.ruleFailurePolicy = Object.fromEntries(
          Object.entries(m).map(([id, mode]) => [id, c.failureMode(mode, `ruleFailurePolicy.${id}`)]),
        );
        break;
      }
      case 'policy':
        out.policy = resolve(dirname(file), c.string(v, 'policy'));
        break;
      case 'mutate':
        out.mutate = c.bool(v, 'mutate');
        break;
      case 'deadlineMs':
        out.deadlineMs = c.int(v, 'deadlineMs', 1);
        break;
      case 'maxInFlight':
        out.maxInFlight = c.int(v, 'maxInFlight', 1);
        break;
      case 'decisionLog': {
        const m = c.map(v, 'decisionLog', ['path', 'maxBytes', 'keep', 'all']);
        out.decisionLog = {
          path: resolve(dirname(file), c.string(m.path, 'decisionLog.path')),
          maxBytes:
            m.maxBytes === undefined ? 10 * 1024 * 1024 : c.int(m.maxBytes, 'decisionLog.maxBytes', 1024),
          keep: m.keep === undefined ? 3 : c.int(m.keep, 'decisionLog.keep', 0),
          all: m.all === undefined ? false : c.bool(m.all, 'decisionLog.all'),
        };
        break;
      }
    }
  }
  return out;
}
