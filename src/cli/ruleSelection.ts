/**
 * Which rules a scan runs, from the command line: `--only`, `--enable` and `--disable`
 * (each repeatable, comma-separated rule ids) laid over the configuration file's `rules`,
 * the way kube-linter's `--include`/`--exclude` and checkov's `--check`/`--skip-check` are.
 * The command line wins over the file; an unknown id is a usage error, never ignored.
 */
import { UsageError } from '../errors.js';
import { ALL_RULES, type KubewardConfig, type RuleOverride } from '../policy/config.js';
import { controlsOf, FRAMEWORK_IDS, type Framework } from '../policy/frameworks.js';
import { BUILTIN_RULES, ruleById } from '../policy/registry.js';

export interface RuleSelectionFlags {
  readonly framework?: string;
  readonly only?: readonly string[];
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The message for an id that names no rule, with the ids it may have meant (a typo, or part of an id). */
export function unknownRuleMessage(id: string): string {
  const near = BUILTIN_RULES.filter(
    (r) => (id.length >= 3 && (r.id.includes(id) || id.includes(r.id))) || distance(id, r.id) <= 2,
  ).map((r) => r.id);
  return `no rule "${id}"${near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; \`kubeward rules\` lists them`;
}

/** The rule ids of a repeatable, comma-separated flag; undefined when the flag was not given. */
function ruleIds(values: readonly string[] | undefined, flag: string): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((id) => id.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) {
    throw new UsageError(
      `${flag} takes rule ids separated by commas, e.g. ${flag} privileged-container,host-pid`,
    );
  }
  for (const id of ids)
    if (ruleById(id) === undefined) throw new UsageError(`${flag}: ${unknownRuleMessage(id)}`);
  return ids;
}

/** The value of `--framework`. */
export function parseFramework(value: string): Framework {
  if (!(FRAMEWORK_IDS as readonly string[]).includes(value)) {
    throw new UsageError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')}, not "${value}"`);
  }
  return value as Framework;
}

/**
 * The configuration with the command line's rule selection applied (the same object when
 * there is none). `--framework` runs the rules that cite the framework, as `--only` would.
 */
export function applyRuleSelection(config: KubewardConfig, flags: RuleSelectionFlags): KubewardConfig {
  if (flags.framework !== undefined && flags.only !== undefined) {
    throw new UsageError('--framework and --only both say which rules run: give one of them');
  }
  const framework = flags.framework !== undefined ? parseFramework(flags.framework) : undefined;
  const only =
    framework !== undefined
      ? BUILTIN_RULES.filter((r) => controlsOf(r, framework).length > 0).map((r) => r.id)
      : ruleIds(flags.only, '--only');
  const enable = ruleIds(flags.enable, '--enable');
  const disable = ruleIds(flags.disable, '--disable');
  if (only === undefined && enable === undefined && disable === undefined) return config;
  const both = enable?.find((id) => disable?.includes(id));
  if (both !== undefined) throw new UsageError(`rule "${both}" is given to both --enable and --disable`);

  const rules: Record<string, RuleOverride> = { ...config.rules };
  const set = (id: string, enabled: boolean): void => {
    rules[id] = { ...rules[id], enabled };
  };
  if (only !== undefined) {
    // exactly these: every other rule off, including those the file turned on
    for (const id of Object.keys(rules)) set(id, false);
    set(ALL_RULES, false);
    for (const id of only) set(id, true);
  }
  for (const id of enable ?? []) set(id, true);
  for (const id of disable ?? []) set(id, false);
  return { ...config, rules };
}
