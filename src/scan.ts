/**
 * The scan pipeline as a library call: load → inventory → rules → located findings.
 * `kubeward scan` is a thin shell over `scan()`; so will be the cluster audit.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FieldPath } from './k8s/fieldPath.js';
import { Inventory } from './k8s/inventory.js';
import { metadataShapeIssues, podTemplateShapeIssues } from './k8s/podShape.js';
import type { Resource } from './k8s/resource.js';
import { loadInputs, type LoadResult } from './load/files.js';
import type { ParsedFile } from './load/parse.js';
import type { InputError } from './load/inputError.js';
import type { SourceLocator } from './load/locate.js';
import { DEFAULT_CONFIG, parseConfig, type KubewardConfig } from './policy/config.js';
import { activeRules, evaluate, precomputeReports } from './policy/evaluate.js';
import { BUILTIN_RULE_IDS, BUILTIN_RULES, knownKinds, ruleById } from './policy/registry.js';
import type { Finding, PssSetting, Report, Rule, RuleSettings, SuppressedFinding } from './policy/types.js';

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface LocatedFinding extends Finding {
  readonly location: Location;
}

export interface LocatedSuppressedFinding extends SuppressedFinding {
  readonly finding: LocatedFinding;
}

export interface ScanOptions {
  readonly config?: KubewardConfig;
  /** Pod Security Standards level/version from the command line (wins over namespace labels). */
  readonly pss?: { level: 'baseline' | 'restricted'; version: string };
  readonly readStdin?: () => Promise<string>;
  readonly helmValues?: readonly string[];
  /**
   * Threads that parse files (and run the rules that need only the resource) besides the
   * main thread; they start only for inputs large enough to repay them. 0: none.
   * @default available cores − 1
   */
  readonly workers?: number;
  /** The clock (exception expiry). @default new Date() */
  readonly now?: Date;
  /** Resolve line/column for each finding. @default true */
  readonly locate?: boolean;
  readonly rules?: readonly Rule[];
}

export interface ScanStats {
  readonly sources: number;
  readonly resources: number;
  readonly workloads: number;
  readonly rules: number;
}

export interface ScanResult {
  readonly findings: LocatedFinding[];
  readonly suppressed: LocatedSuppressedFinding[];
  readonly errors: InputError[];
  readonly warnings: string[];
  readonly stats: ScanStats;
  /** The rules that ran, with configured severities (SARIF lists them). */
  readonly rules: readonly Rule[];
  readonly inventory: Inventory;
}

export const CONFIG_FILE_NAME = '.kubeward.yaml';

/** Finds `.kubeward.yaml` in `dir` or the nearest parent folder. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  let cur = resolve(dir);
  for (;;) {
    const candidate = join(cur, CONFIG_FILE_NAME);
    try {
      await readFile(candidate);
      return candidate;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return undefined;
      cur = parent;
    }
  }
}

/** Reads and validates a configuration file; throws ConfigError with file and line. */
export async function loadConfigFile(
  file: string,
  knownRules: ReadonlySet<string> = BUILTIN_RULE_IDS,
): Promise<KubewardConfig> {
  const text = await readFile(file, 'utf8');
  return parseConfig(text, file, knownRules);
}

/** The PSS setting rules use: the command line wins, then the config file, then restricted:latest. */
export function pssSetting(options: ScanOptions, config: KubewardConfig): PssSetting {
  if (options.pss) return { ...options.pss, explicit: true, checkUnlabelled: true };
  return {
    level: config.pss?.level ?? 'restricted',
    version: config.pss?.version ?? 'latest',
    explicit: config.pss !== undefined,
    checkUnlabelled: config.pss !== undefined,
  };
}

/** Wrong field types and unknown kinds: reported, never fatal, the rest still scanned. */
function validateResources(
  resources: readonly Resource[],
  inventory: Inventory,
  locator: SourceLocator,
  known: ReadonlySet<string>,
): { errors: InputError[]; warnings: string[] } {
  const errors: InputError[] = [];
  const unknown = new Map<string, { count: number; first: Resource }>();
  const report = (r: Resource, path: FieldPath, message: string): void => {
    const pos = locator.locate(r.source, path);
    errors.push({
      file: r.source.file,
      line: pos.line,
      column: pos.column,
      message: `${r.ref.kind} ${r.ref.name}: ${message}`,
    });
  };
  for (const r of resources) {
    const w = inventory.workloadOf(r);
    const issues = metadataShapeIssues(r.object);
    if (w) issues.push(...podTemplateShapeIssues(w.template));
    if (issues.length > 0) {
      const first = errors.length;
      for (const issue of issues) report(r, issue.path, issue.message);
      // in file order, as a reader meets them
      const mine = errors
        .splice(first)
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      errors.push(...mine);
    }
    if (!known.has(r.ref.kind)) {
      const key = `${r.ref.apiVersion}/${r.ref.kind}`;
      const u = unknown.get(key);
      if (u) u.count++;
      else unknown.set(key, { count: 1, first: r });
    }
  }
  const warnings: string[] = [];
  for (const [key, { count, first }] of unknown) {
    warnings.push(
      `${first.source.file}:${first.source.line}: kind ${key} has no kubeward rules; ${count} resource${count === 1 ? '' : 's'} of it kept but not checked`,
    );
  }
  for (const w of inventory.workloads()) {
    if (w.containers.length === 0) {
      report(w.resource, w.template.specPath, 'the pod template has no containers');
    }
  }
  return { errors, warnings };
}

function parseTemplatePaths(kinds: Readonly<Record<string, string>>): Record<string, FieldPath> {
  const out: Record<string, FieldPath> = {};
  for (const [kind, dotted] of Object.entries(kinds)) out[kind] = dotted.split('.').filter((s) => s !== '');
  return out;
}

/** What the rules run with, from the options and configuration (the same in every thread). */
function ruleSettings(options: ScanOptions, config: KubewardConfig): RuleSettings {
  return { trustedRegistries: config.trustedRegistries, pss: pssSetting(options, config) };
}

/** What a parse worker needs to run the rules that read nothing but the resource. */
interface WorkerRules {
  readonly ruleIds: readonly string[];
  readonly settings: RuleSettings;
  readonly defaultNamespace?: string;
  readonly podTemplateKinds: Record<string, FieldPath>;
}

/** Reports of one file, as `precomputeObjectRules` returns them: [document, item (−1: none), rule id, reports]. */
type PrecomputedEntry = [number, number, string, Report[]];

/**
 * Run by the parse workers on each file (load/parallelParse.ts `FileHook`): the reports
 * of the built-in rules that do not read the inventory, so they run on every core while
 * files are still being parsed. `scanLoaded()` hands them to `evaluate()`.
 */
export function precomputeObjectRules(parsed: ParsedFile, _text: string, data: unknown): string {
  const spec = data as WorkerRules;
  const rules = spec.ruleIds.flatMap((id) => ruleById(id) ?? []);
  const reports = precomputeReports(parsed.resources, rules, spec.settings, {
    ...(spec.defaultNamespace !== undefined ? { defaultNamespace: spec.defaultNamespace } : {}),
    podTemplateKinds: spec.podTemplateKinds,
  });
  const out: PrecomputedEntry[] = [];
  for (const [resource, byRule] of reports) {
    for (const [id, list] of byRule)
      out.push([resource.source.documentIndex, resource.source.itemIndex ?? -1, id, list]);
  }
  return JSON.stringify(out);
}

/** The built-in rules a worker can run for this scan (custom rule objects cannot cross threads). */
function workerRules(options: ScanOptions): WorkerRules | undefined {
  const config = options.config ?? DEFAULT_CONFIG;
  const ruleIds = activeRules(options.rules ?? BUILTIN_RULES, config)
    .filter((r) => r.needsInventory !== true && ruleById(r.id)?.check === r.check)
    .map((r) => r.id);
  if (ruleIds.length === 0) return undefined;
  return {
    ruleIds,
    settings: ruleSettings(options, config),
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds: parseTemplatePaths(config.podTemplateKinds),
  };
}

/** The workers' reports, keyed by the resources they were computed for. */
function precomputedReports(loaded: LoadResult): Map<Resource, Map<string, Report[]>> | undefined {
  if (!loaded.hooked || loaded.hooked.size === 0) return undefined;
  const byFile = new Map<string, Map<string, Map<string, Report[]>>>();
  for (const [file, json] of loaded.hooked) {
    const byResource = new Map<string, Map<string, Report[]>>();
    for (const [doc, item, id, reports] of JSON.parse(json as string) as PrecomputedEntry[]) {
      const key = `${doc}:${item}`;
      let byRule = byResource.get(key);
      if (!byRule) byResource.set(key, (byRule = new Map<string, Report[]>()));
      byRule.set(id, reports);
    }
    byFile.set(file, byResource);
  }
  const out = new Map<Resource, Map<string, Report[]>>();
  for (const r of loaded.resources) {
    const byRule = byFile.get(r.source.file)?.get(`${r.source.documentIndex}:${r.source.itemIndex ?? -1}`);
    if (byRule) out.set(r, byRule);
  }
  return out;
}

/** Evaluates loaded resources (the part of `scan()` after loading; the webhook and cluster audit feed it too). */
export function scanLoaded(loaded: LoadResult, options: ScanOptions = {}): ScanResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const rules = options.rules ?? BUILTIN_RULES;
  const podTemplateKinds = parseTemplatePaths(config.podTemplateKinds);
  const inventory = new Inventory(loaded.resources, {
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds,
  });
  const known = knownKinds(rules);
  for (const k of Object.keys(podTemplateKinds)) known.add(k);
  const validation = validateResources(loaded.resources, inventory, loaded.locator, known);
  const settings = ruleSettings(options, config);
  const precomputed = precomputedReports(loaded);
  const result = evaluate(inventory, {
    rules,
    config,
    settings,
    now: options.now ?? new Date(),
    extraWorkloadKinds: Object.keys(podTemplateKinds),
    ...(precomputed ? { precomputed } : {}),
  });
  const locate = options.locate ?? true;
  // evaluate() made these finding objects for this scan alone: each gets its location in
  // place, rather than a copy of every finding (100,000s on large inputs).
  const place = (f: Finding): LocatedFinding => {
    const located = f as Finding & { location: Location };
    located.location = locate
      ? locateFinding(loaded.locator, f)
      : { file: f.source.file, line: f.source.line, column: 1 };
    return located;
  };
  const findings = result.findings.map(place);
  const suppressed = result.suppressed.map((s) => ({ ...s, finding: place(s.finding) }));
  let workloads = 0;
  for (const _ of inventory.workloads()) workloads++;
  return {
    findings,
    suppressed,
    errors: [...loaded.errors, ...validation.errors, ...result.errors],
    warnings: [...validation.warnings, ...result.warnings],
    stats: {
      sources: loaded.sourcesRead,
      resources: loaded.resources.length,
      workloads,
      rules: activeRules(rules, config).length,
    },
    rules: activeRules(rules, config),
    inventory,
  };
}

function locateFinding(locator: SourceLocator, f: Finding): Location {
  const pos = locator.locate(f.source, f.pathSegments);
  return { file: f.source.file, line: pos.line, column: pos.column };
}

/** Scans files, folders and stdin (`-`). Bad input is reported in `errors`; nothing throws for it. */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const forWorkers = options.workers === 0 ? undefined : workerRules(options);
  const loaded = await loadInputs(paths, {
    ...(options.readStdin ? { readStdin: options.readStdin } : {}),
    ...(options.helmValues ? { helmValues: options.helmValues } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(forWorkers
      ? {
          fileHook: {
            module: import.meta.url,
            exportName: 'precomputeObjectRules',
            data: forWorkers,
          },
        }
      : {}),
  });
  return scanLoaded(loaded, options);
}
