/**
 * The scan pipeline as a library call: load → inventory → rules → located findings.
 * `kubeward scan` is a thin shell over `scan()`; so will be the cluster audit.
 */
import { lstat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FieldPath } from './k8s/fieldPath.js';
import { Inventory, type Workload } from './k8s/inventory.js';
import { metadataShapeIssues, podTemplateShapeIssues } from './k8s/podShape.js';
import type { Resource } from './k8s/resource.js';
import { readNamedFile } from './load/errno.js';
import { loadInputs, type LoadResult } from './load/files.js';
import type { HelmOptions } from './load/render.js';
import type { ParsedFile } from './load/parse.js';
import { buildClusterModel, buildModelIndex } from './model/build.js';
import type { ClusterModel } from './model/clusterModel.js';
import type { InputError } from './load/inputError.js';
import { SourceLocator } from './load/locate.js';
import { applyBaseline, parseBaseline, type Baseline } from './policy/baseline.js';
import { DEFAULT_CONFIG, parseConfig, type KubewardConfig } from './policy/config.js';
import { controlResults, type ControlResult, type Framework } from './policy/frameworks.js';
import { activeRules, evaluate, precomputeReports, type PrecomputedReports } from './policy/evaluate.js';
import { applyRuleSelection, type RuleSelection } from './policy/ruleSelection.js';
import { nothingScanned } from './policy/verdict.js';
import { UsageError } from './errors.js';
import { planPodSecurity, type LineOf, type PssPlan } from './pss/plan.js';
import { parsePolicyVersion } from './pss/version.js';
import { BUILTIN_RULE_IDS, BUILTIN_RULES, knownKinds, ruleById } from './policy/registry.js';
import type {
  Finding,
  Location,
  PssSetting,
  Report,
  Rule,
  RuleSettings,
  SuppressedFinding,
} from './policy/types.js';

export type { Location } from './policy/types.js';

export interface LocatedFinding extends Finding {
  readonly location: Location;
}

export interface LocatedSuppressedFinding extends SuppressedFinding {
  readonly finding: LocatedFinding;
}

/**
 * How to scan. The rule selection (`framework`, `only`, `enable`, `disable`, `minSeverity`:
 * policy/ruleSelection.ts) is laid over `config` as `kubeward scan`'s flags are, so the
 * same options give the CLI's answer; a bad rule id is a UsageError.
 */
export interface ScanOptions extends RuleSelection {
  readonly config?: KubewardConfig;
  /** Pod Security Standards level/version from the command line (wins over namespace labels). */
  readonly pss?: { level: 'baseline' | 'restricted'; version: string };
  readonly readStdin?: () => Promise<string>;
  /** How Helm charts are rendered (values files, `--set`, release name and namespace). */
  readonly helm?: HelmOptions;
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
  /** Findings accepted for now (policy/baseline.ts): reported as suppressed, `by: 'baseline'`. */
  readonly baseline?: Baseline;
  /** Run the rules that cite this framework, and add the result per control (policy/frameworks.ts). */
  readonly framework?: Framework;
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
  /** Per control of the framework asked for (`ScanOptions.framework`). */
  readonly controls?: { readonly framework: Framework; readonly results: readonly ControlResult[] };
  readonly inventory: Inventory;
}

export const CONFIG_FILE_NAME = '.kubeward.yaml';

/**
 * Finds `.kubeward.yaml` in `dir` or the nearest parent folder. Anything there by that
 * name counts, even one that cannot be read: reading it then says why (`loadConfigFile`),
 * rather than a configuration the user wrote being skipped in silence.
 */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  let cur = resolve(dir);
  for (;;) {
    const candidate = join(cur, CONFIG_FILE_NAME);
    try {
      await lstat(candidate);
      return candidate;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return undefined;
      cur = parent;
    }
  }
}

/**
 * Reads a baseline file (`file` as the user named it, resolved from `cwd`) for a scan whose
 * default namespace is `defaultNamespace`; throws ConfigError with file and line.
 */
export async function loadBaselineFile(
  file: string,
  cwd = process.cwd(),
  defaultNamespace = 'default',
): Promise<Baseline> {
  return parseBaseline(await readNamedFile(file, 'baseline', cwd), file, defaultNamespace);
}

/**
 * Reads and validates a configuration file (`file` as the user named it, resolved from
 * `cwd`); throws ConfigError with file and line, also when the file cannot be read.
 */
export async function loadConfigFile(
  file: string,
  knownRules: ReadonlySet<string> = BUILTIN_RULE_IDS,
  cwd = process.cwd(),
): Promise<KubewardConfig> {
  return parseConfig(await readNamedFile(file, 'configuration', cwd), file, knownRules);
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

/** An input error about a field of a resource, at the field's line and column. */
function locatedError(r: Resource, path: FieldPath, message: string, locator: SourceLocator): InputError {
  const pos = locator.locate(r.source, path);
  return {
    file: r.source.file,
    line: pos.line,
    column: pos.column,
    message: `${r.ref.kind} ${r.ref.name}: ${message}`,
  };
}

/** Wrong field types of a resource (metadata, and the pod template of a workload), in file order as a reader meets them. */
function shapeErrors(r: Resource, w: Workload | undefined, locator: SourceLocator, out: InputError[]): void {
  const issues = metadataShapeIssues(r.object);
  if (w) issues.push(...podTemplateShapeIssues(w.template));
  if (issues.length === 0) return;
  const mine = issues
    .map((issue) => locatedError(r, issue.path, issue.message, locator))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  out.push(...mine);
}

/** Wrong field types and unknown kinds: reported, never fatal, the rest still scanned. */
function validateResources(
  resources: readonly Resource[],
  inventory: Inventory,
  locator: SourceLocator,
  known: ReadonlySet<string>,
  precomputedShapeErrors: ReadonlyMap<Resource, readonly InputError[]> | undefined,
): { errors: InputError[]; warnings: string[] } {
  const errors: InputError[] = [];
  const unknown = new Map<string, { count: number; first: Resource }>();
  for (const r of resources) {
    const found = precomputedShapeErrors?.get(r);
    if (found !== undefined) errors.push(...found);
    else shapeErrors(r, inventory.workloadOf(r), locator, errors);
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
      errors.push(
        locatedError(w.resource, w.template.specPath, 'the pod template has no containers', locator),
      );
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

/** What the file hook needs (in any thread) to run the rules that read nothing but the resource. */
interface PerFileRules {
  readonly ruleIds: readonly string[];
  readonly settings: RuleSettings;
  readonly defaultNamespace?: string;
  readonly podTemplateKinds: Record<string, FieldPath>;
}

/**
 * One resource of a file as `precomputeObjectRules` returns it: document, item (−1: none),
 * shape errors, reports by rule id (rules that reported nothing left out), rules left to `evaluate()`.
 */
type PrecomputedResource = [number, number, InputError[], [string, Report[]][], string[]];

/** What `precomputeObjectRules` returns for a file: the rule ids it ran, and each resource's results in file order. */
interface PrecomputedFile {
  readonly rules: readonly string[];
  readonly resources: readonly PrecomputedResource[];
}

/**
 * The file hook of a scan (load/parallelParse.ts `FileHook`), run on each file by the
 * thread that parsed it — on every core while other files are still being read: the
 * wrong field types of each resource, and the reports of the built-in rules that do not
 * read the inventory, each with its line and column resolved from this file's text
 * already. `scanLoaded()` hands them on (validation, `evaluate()`).
 */
export function precomputeObjectRules(parsed: ParsedFile, text: string, data: unknown): PrecomputedFile {
  const spec = data as PerFileRules;
  const rules = spec.ruleIds.flatMap((id) => ruleById(id) ?? []);
  const inventoryOptions = {
    ...(spec.defaultNamespace !== undefined ? { defaultNamespace: spec.defaultNamespace } : {}),
    podTemplateKinds: spec.podTemplateKinds,
  };
  const local = new Inventory(parsed.resources, inventoryOptions);
  const reports = precomputeReports(local, rules, spec.settings, Object.keys(spec.podTemplateKinds));
  const locator = new SourceLocator();
  locator.addFile(parsed.resources[0]?.source.file ?? '', text, parsed.documents);
  const out: PrecomputedResource[] = [];
  for (const resource of parsed.resources) {
    const pre = reports.get(resource);
    const byRule: [string, Report[]][] = [];
    for (const [id, list] of pre?.reports ?? []) {
      byRule.push([id, list.map((r) => ({ ...r, position: locator.locate(resource.source, r.path) }))]);
    }
    const errors: InputError[] = [];
    shapeErrors(resource, local.workloadOf(resource), locator, errors);
    out.push([
      resource.source.documentIndex,
      resource.source.itemIndex ?? -1,
      errors,
      byRule,
      [...(pre?.leftOut ?? [])],
    ]);
  }
  // every resource's entry names the same set of rules run (none when the file has no resources)
  return { rules: [...(reports.values().next().value?.rules ?? [])], resources: out };
}

/** The built-in rules the file hook can run for this scan (custom rule objects cannot cross threads). */
function perFileRules(options: ScanOptions, config: KubewardConfig): PerFileRules | undefined {
  const ruleIds = activeRules(options.rules ?? BUILTIN_RULES, config)
    .filter((r) => r.needsModel !== true && ruleById(r.id)?.check === r.check)
    .map((r) => r.id);
  if (ruleIds.length === 0) return undefined;
  return {
    ruleIds,
    settings: ruleSettings(options, config),
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds: parseTemplatePaths(config.podTemplateKinds),
  };
}

/** What the file hook computed (`precomputeObjectRules`), keyed by the resources it was computed for. */
interface HookResults {
  readonly reports: Map<Resource, PrecomputedReports>;
  readonly shapeErrors: Map<Resource, InputError[]>;
}

function hookResults(loaded: LoadResult): HookResults | undefined {
  if (!loaded.hooked || loaded.hooked.size === 0) return undefined;
  const out: HookResults = { reports: new Map(), shapeErrors: new Map() };
  // A file's resources are consecutive in `loaded.resources` and in the hook's result,
  // in the same order; the document and item indexes make sure of it.
  let file: string | undefined;
  let entries: readonly PrecomputedResource[] | undefined;
  let rules: ReadonlySet<string> = new Set();
  let next = 0;
  for (const r of loaded.resources) {
    if (r.source.file !== file) {
      file = r.source.file;
      const hooked = loaded.hooked.get(file) as PrecomputedFile | undefined;
      entries = hooked?.resources;
      rules = new Set(hooked?.rules);
      next = 0;
    }
    const entry = entries?.[next++];
    if (entry === undefined || entry[0] !== r.source.documentIndex || entry[1] !== (r.source.itemIndex ?? -1))
      continue;
    out.shapeErrors.set(r, entry[2]);
    out.reports.set(r, { rules, reports: new Map(entry[3]), leftOut: entry[4] });
  }
  return out;
}

/** The configuration a scan runs with: `options.config` with the options' rule selection applied. */
export function selectedConfig(options: ScanOptions): KubewardConfig {
  return applyRuleSelection(options.config ?? DEFAULT_CONFIG, options);
}

/** Evaluates loaded resources (the part of `scan()` after loading; the webhook and cluster audit feed it too). */
export function scanLoaded(loaded: LoadResult, options: ScanOptions = {}): ScanResult {
  return evaluateLoaded(loaded, options, selectedConfig(options));
}

function evaluateLoaded(loaded: LoadResult, options: ScanOptions, config: KubewardConfig): ScanResult {
  const rules = options.rules ?? BUILTIN_RULES;
  const podTemplateKinds = parseTemplatePaths(config.podTemplateKinds);
  const inventory = new Inventory(loaded.resources, {
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds,
  });
  const known = knownKinds(rules);
  for (const k of Object.keys(podTemplateKinds)) known.add(k);
  const pre = hookResults(loaded);
  const validation = validateResources(loaded.resources, inventory, loaded.locator, known, pre?.shapeErrors);
  const settings = ruleSettings(options, config);
  const model = buildModelIndex(loaded.resources, inventory.options);
  const result = evaluate(inventory, {
    model,
    rules,
    config,
    settings,
    now: options.now ?? new Date(),
    extraWorkloadKinds: Object.keys(podTemplateKinds),
    ...(pre ? { precomputed: pre.reports } : {}),
  });
  const accepted = options.baseline
    ? applyBaseline(result.findings, result.suppressed, options.baseline, inventory.defaultNamespace)
    : undefined;
  const warnings = [...validation.warnings, ...result.warnings];
  if (accepted !== undefined && accepted.unmatched > 0) {
    const n = accepted.unmatched;
    warnings.push(
      `baseline ${options.baseline!.file}: ${n} accepted finding${n === 1 ? ' is' : 's are'} no longer found (fixed, or changed); write the baseline again (--write-baseline) to drop ${n === 1 ? 'it' : 'them'}`,
    );
  }
  const locate = options.locate ?? true;
  // evaluate() made these finding objects for this scan alone: each gets its location in
  // place, rather than a copy of every finding (100,000s on large inputs).
  const place = (f: Finding): LocatedFinding => {
    f.location ??= locate
      ? locateFinding(loaded.locator, f)
      : { file: f.source.file, line: f.source.line, column: 1 };
    return f as LocatedFinding;
  };
  const findings = (accepted?.findings ?? result.findings).map(place);
  const suppressed = (accepted?.suppressed ?? result.suppressed).map((s) => ({
    ...s,
    finding: place(s.finding),
  }));
  let workloads = 0;
  for (const _ of inventory.workloads()) workloads++;
  const ran = activeRules(rules, config);
  return {
    findings,
    suppressed,
    errors: [...loaded.errors, ...validation.errors, ...result.errors],
    warnings,
    stats: {
      sources: loaded.sourcesRead,
      resources: loaded.resources.length,
      workloads,
      rules: ran.length,
    },
    rules: ran,
    ...(options.framework !== undefined
      ? {
          controls: {
            framework: options.framework,
            results: controlResults(options.framework, ran, findings, inventory.resources, model, suppressed),
          },
        }
      : {}),
    inventory,
  };
}

function locateFinding(locator: SourceLocator, f: Finding): Location {
  const pos = locator.locate(f.source, f.pathSegments);
  return { file: f.source.file, line: pos.line, column: pos.column };
}

/** Scans files, folders and stdin (`-`). Bad input is reported in `errors`; nothing throws for it. */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const config = selectedConfig(options);
  const perFile = perFileRules(options, config);
  const loaded = await loadInputs(paths, {
    ...(options.readStdin ? { readStdin: options.readStdin } : {}),
    ...(options.helm ? { helm: options.helm } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(perFile
      ? {
          fileHook: {
            module: import.meta.url,
            exportName: 'precomputeObjectRules',
            data: perFile,
          },
        }
      : {}),
  });
  return evaluateLoaded(loaded, options, config);
}

export interface PssPlanOptions {
  /** The configuration (default namespace, custom pod-template kinds). */
  readonly config?: KubewardConfig;
  /** The policy version to plan for, `v1.N` or `latest`; another value is a UsageError. @default 'latest' */
  readonly version?: string;
  readonly readStdin?: () => Promise<string>;
  readonly now?: Date;
}

export interface PssPlanResult {
  readonly plan: PssPlan;
  /** Input problems (wrong field types included), as a scan reports them. */
  readonly errors: InputError[];
  /** The line of `kind:` of each blocking workload; `planJson(plan, errors, lineOf)` is `pss plan -f json`. */
  readonly lineOf: LineOf;
  /** No resource was read and errors say why (`kubeward pss plan` exits 2). */
  readonly nothingScanned: boolean;
}

/** `kubeward pss plan` as a library call: the Pod Security Admission roll-out plan of the inputs. */
export async function pssPlan(
  paths: readonly string[],
  options: PssPlanOptions = {},
): Promise<PssPlanResult> {
  const parsed = parsePolicyVersion(options.version ?? 'latest');
  if ('error' in parsed) throw new UsageError(`--pss-version: ${parsed.error}`);
  const loaded = await loadInputs(paths, options.readStdin ? { readStdin: options.readStdin } : {});
  // No rules: scanLoaded only builds the inventory (config's default namespace and custom
  // pod-template kinds applied) and reports wrong field types.
  const scanned = scanLoaded(loaded, {
    ...(options.config ? { config: options.config } : {}),
    rules: [],
    locate: false,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    plan: planPodSecurity(scanned.inventory, parsed.version),
    errors: scanned.errors,
    lineOf: (b) => loaded.locator.locate(b.source, ['kind']).line,
    nothingScanned: nothingScanned(scanned),
  };
}

export interface LoadModelOptions {
  /** The configuration (default namespace, custom pod-template kinds). */
  readonly config?: KubewardConfig;
  readonly readStdin?: () => Promise<string>;
  readonly helm?: HelmOptions;
}

export interface LoadModelResult {
  /** The cluster model of every resource read (DESIGN.md "Architecture", `model/`). */
  readonly model: ClusterModel;
  /** Input problems (unreadable files, malformed YAML), each with file and line. */
  readonly errors: InputError[];
  readonly resources: number;
  readonly sourcesRead: number;
  /** No resource was read and errors say why (the commands exit 2). */
  readonly nothingScanned: boolean;
}

/**
 * Loads inputs as `scan()` does and returns their cluster model alone: what `kubeward rbac`
 * and `kubeward netpol` (and any engine run on manifests) take as input.
 */
export async function loadModel(
  paths: readonly string[],
  options: LoadModelOptions = {},
): Promise<LoadModelResult> {
  const config = options.config ?? DEFAULT_CONFIG;
  const loaded = await loadInputs(paths, {
    ...(options.readStdin ? { readStdin: options.readStdin } : {}),
    ...(options.helm ? { helm: options.helm } : {}),
  });
  const model = buildClusterModel(loaded.resources, {
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds: parseTemplatePaths(config.podTemplateKinds),
  });
  return {
    model,
    errors: loaded.errors,
    resources: loaded.resources.length,
    sourcesRead: loaded.sourcesRead,
    nothingScanned: loaded.resources.length === 0 && loaded.errors.length > 0,
  };
}
