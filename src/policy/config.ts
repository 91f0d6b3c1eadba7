/**
 * `.kubeward.yaml`: which rules run and how severe they are, trusted registries,
 * exceptions with a reason and an optional expiry, the Pod Security Standards level.
 * Every key is documented in the README; an unknown key is an error, never silence.
 */
import { dirname, resolve } from 'node:path';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from '../load/yamlLib.js';
import { ConfigError } from '../errors.js';
import { IpSet } from '../netpol/ipSet.js';
import { parsePolicyVersion } from '../pss/version.js';
import { readCustomRules, type CustomRuleSpec } from './customRuleConfig.js';
import { SEVERITIES, type Severity } from './types.js';

export interface RuleOverride {
  readonly enabled?: boolean;
  readonly severity?: Severity;
}

export interface ExceptionMatch {
  readonly kind?: string;
  readonly namespace?: string;
  /** Exact name, or a glob with `*`. */
  readonly name?: string;
  readonly container?: string;
}

export interface ConfigException {
  /** Rule ids, or `*` for every rule. */
  readonly rules: readonly string[];
  readonly match: ExceptionMatch;
  readonly reason: string;
  /** ISO date (`2027-01-31`); after that day the exception no longer applies. */
  readonly expires?: string;
}

export interface KubewardConfig {
  readonly rules: Readonly<Record<string, RuleOverride>>;
  readonly trustedRegistries: readonly string[];
  readonly exceptions: readonly ConfigException[];
  readonly pss?: { readonly level?: 'baseline' | 'restricted'; readonly version?: string };
  readonly failOn?: Severity;
  /** Rules whose (configured) severity is below this do not run: their findings are not wanted. */
  readonly minSeverity?: Severity;
  readonly defaultNamespace?: string;
  /** When false, `kubeward.io/ignore` annotations are reported but not honoured (central waivers only). */
  readonly allowIgnoreAnnotations: boolean;
  /** Custom kinds carrying a pod template: kind → dotted path of the template (e.g. `Rollout: spec.template`). */
  readonly podTemplateKinds: Readonly<Record<string, string>>;
  /** The baseline file (absolute: the file names it relative to its own folder). */
  readonly baseline?: string;
  /**
   * Human users and the groups their authenticator puts them in (`alice: [shop-devs]`), for
   * `kubeward rbac`: manifests name groups in bindings, but only the identity provider knows
   * who is in them. `system:authenticated` is added to every user.
   */
  readonly users?: Readonly<Record<string, readonly string[]>>;
  /** The cluster's pod and node CIDRs, for netpol-ipblock-pod-cidr (manifests do not carry them). */
  readonly clusterCidrs?: readonly string[];
  /** Rules in CEL, with the shapes of a ValidatingAdmissionPolicy (policy/customRuleConfig.ts). */
  readonly customRules?: readonly CustomRuleSpec[];
}

/** The key of `rules` (and the entry of `exceptions[].rules`) that stands for every rule. */
export const ALL_RULES = '*';

export const DEFAULT_CONFIG: KubewardConfig = {
  rules: {},
  trustedRegistries: [],
  exceptions: [],
  allowIgnoreAnnotations: true,
  podTemplateKinds: {},
};

/** Top-level keys and what they hold (the README's configuration table mirrors this). */
export const CONFIG_KEYS = [
  'rules',
  'trustedRegistries',
  'exceptions',
  'pss',
  'failOn',
  'minSeverity',
  'defaultNamespace',
  'allowIgnoreAnnotations',
  'podTemplateKinds',
  'baseline',
  'users',
  'clusterCidrs',
  'customRules',
] as const;

export class Reader {
  readonly lines = new (yamlLib().LineCounter)();
  constructor(readonly file: string) {}

  fail(node: Node | null | undefined, message: string): never {
    const offset = node?.range?.[0];
    throw new ConfigError(
      message,
      this.file,
      offset !== undefined ? this.lines.linePos(offset).line : undefined,
    );
  }

  map(node: unknown, what: string): YAMLMap {
    if (!yamlLib().isMap(node)) this.fail(node as Node, `${what} must be a map`);
    return node;
  }

  string(node: unknown, what: string): string {
    if (!yamlLib().isScalar(node) || typeof node.value !== 'string')
      this.fail(node as Node, `${what} must be a string`);
    return node.value;
  }

  bool(node: unknown, what: string): boolean {
    if (!yamlLib().isScalar(node) || typeof node.value !== 'boolean')
      this.fail(node as Node, `${what} must be true or false`);
    return node.value;
  }

  strings(node: unknown, what: string): string[] {
    if (!yamlLib().isSeq(node)) this.fail(node as Node, `${what} must be a list of strings`);
    return node.items.map((item, i) => this.string(item, `${what}[${i}]`));
  }

  severity(node: unknown, what: string): Severity {
    const s = this.string(node, what);
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      this.fail(node as Node, `${what} must be one of ${SEVERITIES.join(', ')}, not "${s}"`);
    }
    return s as Severity;
  }

  entries(map: YAMLMap, allowed: readonly string[], what: string): [string, unknown, Node][] {
    return map.items.map((pair) => {
      const key = pair.key as Node;
      if (!yamlLib().isScalar(key) || typeof key.value !== 'string')
        this.fail(key, `${what}: keys must be strings`);
      const name = key.value;
      if (allowed.length > 0 && !allowed.includes(name)) {
        this.fail(key, `unknown key "${name}" in ${what} (allowed: ${allowed.join(', ')})`);
      }
      return [name, pair.value, key];
    });
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses and validates a configuration file's text. `knownRules` are the rule ids that
 * exist; naming another one is an error (a typo would otherwise silently disable nothing).
 */
export function parseConfig(text: string, file: string, knownRules: ReadonlySet<string>): KubewardConfig {
  const r: Reader = new Reader(file);
  const doc = yamlLib().parseDocument(text, { lineCounter: r.lines, version: '1.2', prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`invalid YAML: ${e.message.split('\n')[0]}`, file, e.linePos?.[0]?.line);
  }
  if (doc.contents === null) return DEFAULT_CONFIG;
  const top = r.map(doc.contents, 'the configuration');
  const config: {
    -readonly [K in keyof KubewardConfig]: KubewardConfig[K];
  } = { ...DEFAULT_CONFIG, rules: {}, exceptions: [], podTemplateKinds: {} };
  // Custom rules first: `rules` and `exceptions` may name their ids wherever they come in the file.
  const customNode = top.items.find((pair) => yamlLib().isScalar(pair.key) && pair.key.value === 'customRules');
  if (customNode) config.customRules = readCustomRules(r, customNode.value, knownRules);
  const customIds = new Set(config.customRules?.map((c) => c.id));
  const checkRule = (id: string, node: Node): void => {
    if (id !== ALL_RULES && !knownRules.has(id) && !customIds.has(id))
      r.fail(node, `unknown rule "${id}" (see \`kubeward rules\`)`);
  };

  for (const [key, value] of r.entries(top, CONFIG_KEYS, 'the configuration')) {
    switch (key) {
      case 'rules': {
        const rules: Record<string, RuleOverride> = {};
        for (const [id, v, keyNode] of r.entries(r.map(value, 'rules'), [], 'rules')) {
          checkRule(id, keyNode);
          const o: { enabled?: boolean; severity?: Severity } = {};
          for (const [k, vv] of r.entries(r.map(v, `rules.${id}`), ['enabled', 'severity'], `rules.${id}`)) {
            if (k === 'enabled') o.enabled = r.bool(vv, `rules.${id}.enabled`);
            else o.severity = r.severity(vv, `rules.${id}.severity`);
          }
          rules[id] = o;
        }
        config.rules = rules;
        break;
      }
      case 'trustedRegistries':
        config.trustedRegistries = r.strings(value, 'trustedRegistries');
        break;
      case 'exceptions': {
        if (!yamlLib().isSeq(value)) r.fail(value as Node, 'exceptions must be a list');
        const list: readonly unknown[] = value.items;
        config.exceptions = list.map((item, i) => {
          const what = `exceptions[${i}]`;
          const m = r.map(item, what);
          let rules: string[] | undefined;
          let reason: string | undefined;
          let expires: string | undefined;
          const match: { -readonly [K in keyof ExceptionMatch]: ExceptionMatch[K] } = {};
          for (const [k, v] of r.entries(
            m,
            ['rules', 'kind', 'namespace', 'name', 'container', 'reason', 'expires'],
            what,
          )) {
            if (k === 'rules') {
              rules = r.strings(v, `${what}.rules`);
              if (yamlLib().isSeq(v)) v.items.forEach((n, j) => checkRule(rules![j]!, n as Node));
            } else if (k === 'reason') reason = r.string(v, `${what}.reason`);
            else if (k === 'expires') {
              const raw = yamlLib().isScalar(v) ? String(v.value) : '';
              if (!ISO_DATE.test(raw) || Number.isNaN(Date.parse(raw))) {
                r.fail(v as Node, `${what}.expires must be a date like 2027-01-31`);
              }
              expires = raw;
            } else match[k as keyof ExceptionMatch] = r.string(v, `${what}.${k}`);
          }
          if (!rules || rules.length === 0)
            r.fail(item as Node, `${what} needs "rules" (a list of rule ids, or ["*"])`);
          if (!reason || reason.trim() === '') r.fail(item as Node, `${what} needs a "reason"`);
          return { rules, match, reason, ...(expires !== undefined ? { expires } : {}) };
        });
        break;
      }
      case 'pss': {
        const p: { level?: 'baseline' | 'restricted'; version?: string } = {};
        for (const [k, v] of r.entries(r.map(value, 'pss'), ['level', 'version'], 'pss')) {
          if (k === 'level') {
            const level = r.string(v, 'pss.level');
            if (level !== 'baseline' && level !== 'restricted') {
              r.fail(v as Node, `pss.level must be baseline or restricted, not "${level}"`);
            }
            p.level = level;
          } else {
            const version = r.string(v, 'pss.version');
            const parsed = parsePolicyVersion(version);
            if ('error' in parsed) r.fail(v as Node, `pss.version: ${parsed.error}`);
            p.version = version;
          }
        }
        config.pss = p;
        break;
      }
      case 'failOn':
        config.failOn = r.severity(value, 'failOn');
        break;
      case 'minSeverity':
        config.minSeverity = r.severity(value, 'minSeverity');
        break;
      case 'defaultNamespace':
        config.defaultNamespace = r.string(value, 'defaultNamespace');
        break;
      case 'baseline':
        config.baseline = resolve(dirname(file), r.string(value, 'baseline'));
        break;
      case 'allowIgnoreAnnotations':
        config.allowIgnoreAnnotations = r.bool(value, 'allowIgnoreAnnotations');
        break;
      case 'podTemplateKinds': {
        const kinds: Record<string, string> = {};
        for (const [k, v] of r.entries(r.map(value, 'podTemplateKinds'), [], 'podTemplateKinds')) {
          kinds[k] = r.string(v, `podTemplateKinds.${k}`);
        }
        config.podTemplateKinds = kinds;
        break;
      }
      case 'users': {
        const users: Record<string, readonly string[]> = {};
        for (const [name, v] of r.entries(r.map(value, 'users'), [], 'users')) {
          users[name] = r.strings(v, `users.${name}`);
        }
        config.users = users;
        break;
      }
      case 'clusterCidrs': {
        const cidrs = r.strings(value, 'clusterCidrs');
        cidrs.forEach((cidr, i) => {
          if (IpSet.fromCidr(cidr) === undefined)
            r.fail((value as YAMLSeq).items[i] as Node, `clusterCidrs[${i}] is not a CIDR: "${cidr}"`);
        });
        config.clusterCidrs = cidrs;
        break;
      }
      case 'customRules':
        break; // read before the loop
    }
  }
  return config;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Whether an exception covers a finding's resource and container. */
export function exceptionMatches(
  ex: ConfigException,
  ruleId: string,
  resource: { kind: string; namespace?: string; name: string },
  container: string | undefined,
): boolean {
  if (!ex.rules.includes(ALL_RULES) && !ex.rules.includes(ruleId)) return false;
  const m = ex.match;
  if (m.kind !== undefined && m.kind !== resource.kind) return false;
  if (m.namespace !== undefined && !globToRegExp(m.namespace).test(resource.namespace ?? '')) return false;
  if (m.name !== undefined && !globToRegExp(m.name).test(resource.name)) return false;
  if (m.container !== undefined && m.container !== container) return false;
  return true;
}

/** True once the day after `expires` has begun (UTC): an exception is valid through its expiry date. */
export function isExpired(ex: ConfigException, now: Date): boolean {
  if (ex.expires === undefined) return false;
  return now.getTime() >= Date.parse(`${ex.expires}T00:00:00Z`) + 86_400_000;
}
