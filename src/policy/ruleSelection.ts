/**
 * Which rules a scan runs beyond the configuration file: `only`, `enable` and `disable`
 * (rule ids; each entry may be a comma-separated list, as the repeatable `--only`,
 * `--enable` and `--disable` flags give them), `framework` and `minSeverity`, laid over the
 * file's `rules` the way kube-linter's `--include`/`--exclude` and checkov's
 * `--check`/`--skip-check` are. The selection wins over the file; an unknown id is a usage
 * error, never ignored. `scan()` applies it, so the library and `kubeward scan` run the
 * same rules for the same selection.
 */
import { UsageError } from '../errors.js';
import { ALL_RULES, type KubewardConfig, type RuleOverride } from './config.js';
import { controlsOf, FRAMEWORK_IDS, type Framework } from './frameworks.js';
import { BUILTIN_RULES, ruleById } from './registry.js';
import { SEVERITIES, type Severity } from './types.js';

/** The rule selection of a scan; messages name the command-line flag of each field. */
export interface RuleSelection {
  /** `--framework` (a Framework id): the rules that cite this framework (and `controls` in the result). */
  readonly framework?: string;
  /** `--only`: exactly these rules. */
  readonly only?: readonly string[];
  /** `--enable`: these rules too, opt-in ones included. */
  readonly enable?: readonly string[];
  /** `--disable`: not these rules. */
  readonly disable?: readonly string[];
  /** `--min-severity` (a Severity): only rules of this (configured) severity or above; wins over the file's. */
  readonly minSeverity?: string;
}

/** The name the selection had when it lived in `cli/`. */
export type RuleSelectionFlags = RuleSelection;

/** A severity flag's value; `alternatives` names other accepted words in the error. */
export function parseSeverity(value: string, flag: string, alternatives = ''): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new UsageError(`${flag} must be one of ${SEVERITIES.join(', ')}${alternatives}, not "${value}"`);
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
function ruleIds(values: readonly string[] | undefined, flag: string, custom: ReadonlySet<string>): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = values.flatMap((v) => v.split(',')).map((id) => id.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) {
    throw new UsageError(
      `${flag} takes rule ids separated by commas, e.g. ${flag} privileged-container,host-pid`,
    );
  }
  for (const id of ids)
    if (ruleById(id) === undefined && !custom.has(id)) throw new UsageError(`${flag}: ${unknownRuleMessage(id)}`);
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
 * The configuration with the rule selection applied (the same object when there is none).
 * `framework` runs the rules that cite the framework, as `only` would. Applying it twice
 * gives what applying it once does.
 */
export function applyRuleSelection(loaded: KubewardConfig, flags: RuleSelection): KubewardConfig {
  const config =
    flags.minSeverity !== undefined
      ? { ...loaded, minSeverity: parseSeverity(flags.minSeverity, '--min-severity') }
      : loaded;
  if (flags.framework !== undefined && flags.only !== undefined) {
    throw new UsageError('--framework and --only both say which rules run: give one of them');
  }
  const framework = flags.framework !== undefined ? parseFramework(flags.framework) : undefined;
  // the configuration's custom rules (customRules:) may be named too
  const custom = new Set(config.customRules?.map((c) => c.id));
  const only =
    framework !== undefined
      ? BUILTIN_RULES.filter((r) => controlsOf(r, framework).length > 0).map((r) => r.id)
      : ruleIds(flags.only, '--only', custom);
  const enable = ruleIds(flags.enable, '--enable', custom);
  const disable = ruleIds(flags.disable, '--disable', custom);
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
