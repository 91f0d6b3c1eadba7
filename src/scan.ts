/**
 * The scan pipeline as a library call: load → inventory → rules → located findings.
 * `kubeward scan` is a thin shell over `scan()`; so will be the cluster audit.
 */
import { lstat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FieldPath } from './k8s/fieldPath.js';
import { Inventory } from './k8s/inventory.js';
import { readNamedFile } from './load/errno.js';
import { clusterInput, CLUSTER_SOURCE_PREFIX } from './load/cluster/clusterSource.js';
import type { ClusterRead } from './load/cluster/read.js';
import { oneCluster, snapshotReads } from './load/cluster/snapshot.js';
import { loadInputs, loadInputsShared, type LoadResult } from './load/files.js';
import type { LoadedFile, ParallelParseStats, SharedFile } from './load/parallelParse.js';
import type { HelmOptions } from './load/render.js';
import type { InputError } from './load/inputError.js';
import { buildClusterModel } from './model/build.js';
import type { ClusterModel } from './model/clusterModel.js';
import { mergeFragments } from './model/merge.js';
import { applyBaseline, parseBaseline, type Baseline } from './policy/baseline.js';
import { DEFAULT_CONFIG, parseConfig, type KubewardConfig } from './policy/config.js';
import { suppressRepeatedFindings } from './policy/controlled.js';
import { controlResults, type ControlResult, type Framework } from './policy/frameworks.js';
import { activeRules, evaluate } from './policy/evaluate.js';
import { applyRuleSelection, type RuleSelection } from './policy/ruleSelection.js';
import { nothingScanned } from './policy/verdict.js';
import { UsageError } from './errors.js';
import { planPodSecurity, type LineOf, type PssPlan } from './pss/plan.js';
import { parsePolicyVersion } from './pss/version.js';
import { catalogRules, customRulesOf, ruleForId } from './policy/customRules.js';
import { BUILTIN_RULE_IDS, knownKinds } from './policy/registry.js';
import { EVERY_KIND, type PssSetting, type Rule, type RuleSettings } from './policy/types.js';
import {
  findingFromWire,
  modelIndexOf,
  openScanSession,
  type FinishInput,
  ScanSession,
  type FileFindings,
  type FileSummary,
  type LocatedFinding,
  type LocatedSuppressedFinding,
  type ResourceHead,
  type ScanThreadSpec,
} from './scanThread.js';

export type { Location } from './policy/types.js';

export type { LocatedFinding, LocatedSuppressedFinding, ResourceHead } from './scanThread.js';

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
   * Worker threads besides the main thread; each reads its share of the files and runs every
   * rule on them. They start only for inputs large enough to repay them. 0: the main thread alone.
   * @default available cores − 1
   */
  readonly workers?: number;
  /** When workers are worth starting (tests and the benchmark set it; load/parallelParse.ts). */
  readonly parseTuning?: {
    readonly startAfterMs?: number;
    readonly minRemainingMs?: number;
    readonly shareBytes?: number;
    readonly mainWaitsForWorker?: boolean;
  };
  /** Filled with how the files were shared out between the threads (tests, the benchmark). */
  readonly parseStats?: ParallelParseStats;
  /** Told what the scan is doing, as files come in and at each phase (the CLI's progress line). */
  readonly onProgress?: (progress: ScanProgress) => void;
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

/** Where a scan is: reading (files and objects so far), merging the model, running the rules, reporting. */
export interface ScanProgress {
  readonly phase: 'read' | 'model' | 'rules' | 'done';
  readonly files: number;
  readonly totalFiles: number;
  readonly objects: number;
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
  /** Configuration errors found while scanning (custom rules that do not compile; also in `errors`): the CLI exits 2. */
  readonly configErrors: readonly InputError[];
  readonly warnings: string[];
  readonly stats: ScanStats;
  /** The rules that ran, with configured severities (SARIF lists them). */
  readonly rules: readonly Rule[];
  /** Per control of the framework asked for (`ScanOptions.framework`). */
  readonly controls?: { readonly framework: Framework; readonly results: readonly ControlResult[] };
  /** The cluster model of the input (what the engines take; DESIGN.md "Architecture"). */
  readonly model: ClusterModel;
  /** Every resource read, in input order: who it is and where (the objects stayed in their threads). */
  readonly resources: readonly ResourceHead[];
  /** Namespace of namespaced objects that name none. */
  readonly defaultNamespace: string;
  /** Custom kinds that carry a pod template (configuration), with the template's path. */
  readonly podTemplateKinds: Readonly<Record<string, FieldPath>>;
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

function parseTemplatePaths(kinds: Readonly<Record<string, string>>): Record<string, FieldPath> {
  const out: Record<string, FieldPath> = {};
  for (const [kind, dotted] of Object.entries(kinds)) out[kind] = dotted.split('.').filter((s) => s !== '');
  return out;
}

/** What the rules run with, from the options and configuration (the same in every thread). */
function ruleSettings(options: ScanOptions, config: KubewardConfig): RuleSettings {
  return {
    trustedRegistries: config.trustedRegistries,
    pss: pssSetting(options, config),
    ...(config.clusterCidrs !== undefined ? { clusterCidrs: config.clusterCidrs } : {}),
  };
}

/**
 * How every thread scans. Built-in rules travel by id; rule objects of the caller's own
 * (`options.rules` with checks not in the registry) cannot cross threads, so such a scan runs
 * on the main thread alone (`inProcessOnly`).
 */
function threadSpec(
  options: ScanOptions,
  config: KubewardConfig,
): { spec: ScanThreadSpec; inProcessOnly: boolean } {
  const rules = options.rules ?? catalogRules(config);
  const custom = rules.some((r) => ruleForId(r.id, config)?.check !== r.check);
  const base = {
    ruleIds: custom ? [] : rules.map((r) => r.id),
    config,
    settings: ruleSettings(options, config),
    podTemplateKinds: parseTemplatePaths(config.podTemplateKinds),
    now: (options.now ?? new Date()).toISOString(),
    locate: options.locate ?? true,
  };
  return { spec: custom ? { ...base, rules } : base, inProcessOnly: custom };
}

/**
 * Kinds no rule of their own checks: one warning per kind, at its first resource (the rest is
 * still scanned), naming the rules that check every kind when some are active.
 */
function unknownKindWarnings(
  heads: readonly ResourceHead[],
  known: ReadonlySet<string>,
  everyKind: readonly string[],
): string[] {
  const unknown = new Map<string, { count: number; first: ResourceHead }>();
  for (const r of heads) {
    if (known.has(r.ref.kind)) continue;
    const key = `${r.ref.apiVersion}/${r.ref.kind}`;
    const u = unknown.get(key);
    if (u) u.count++;
    else unknown.set(key, { count: 1, first: r });
  }
  return [...unknown].map(
    ([key, { count, first }]) =>
      `${first.source.file}:${first.source.line}: kind ${key} has no kubeward rules` +
      (everyKind.length > 0 ? ` but those for every kind (${everyKind.join(', ')})` : '') +
      `; ${count} resource${count === 1 ? '' : 's'} of it kept` +
      (everyKind.length > 0 ? '' : ' but not checked'),
  );
}

/** The configuration a scan runs with: `options.config` with the options' rule selection applied. */
export function selectedConfig(options: ScanOptions): KubewardConfig {
  return applyRuleSelection(options.config ?? DEFAULT_CONFIG, options);
}

/** What the threads gave, in input order: phase 1 per input, then phase 3 per input. */
interface ThreadResults {
  readonly loadErrors: readonly InputError[];
  readonly sourcesRead: number;
  readonly summaries: readonly FileSummary[];
  readonly model: ClusterModel;
  readonly findings: readonly FileFindings[];
}

/** Phase 2: the fragments of every input, merged in input order. */
function mergeSummaries(summaries: readonly FileSummary[], config: KubewardConfig): ClusterModel {
  return mergeFragments(
    summaries.map((s) => s.fragment),
    config.defaultNamespace ?? 'default',
  );
}

/**
 * The main thread's part after phase 3: the threads' findings joined in input order (a
 * concatenation: each thread gave its files' findings in file order), the findings that
 * controlled workloads repeat moved to their controllers (it needs the whole input), the
 * baseline, the framework's controls.
 */
function assemble(threads: ThreadResults, options: ScanOptions, config: KubewardConfig): ScanResult {
  const rules = options.rules ?? catalogRules(config);
  const podTemplateKinds = parseTemplatePaths(config.podTemplateKinds);
  const known = knownKinds(rules);
  for (const k of Object.keys(podTemplateKinds)) known.add(k);
  const resources = threads.summaries.flatMap((s) => s.heads);
  const ran = activeRules(rules, config);
  const byId = new Map(ran.map((r) => [r.id, r]));
  const findings: LocatedFinding[] = [];
  const suppressed: LocatedSuppressedFinding[] = [];
  threads.findings.forEach((f, i) => {
    const heads = threads.summaries[i]!.heads;
    for (const x of f.findings) findings.push(findingFromWire(x, byId, heads));
    for (const [x, reason, by] of f.suppressed)
      suppressed.push({ finding: findingFromWire(x, byId, heads), reason, by });
  });
  const model = modelIndexOf(threads.model);
  suppressRepeatedFindings(model, findings, suppressed);
  const now = options.now ?? new Date();
  // the expired exceptions, said once (no rule runs on an empty inventory)
  const expired = evaluate(new Inventory([]), {
    rules: [],
    config,
    settings: ruleSettings(options, config),
    now,
  }).warnings;
  const defaultNamespace = threads.model.defaultNamespace;
  const accepted = options.baseline
    ? applyBaseline(findings, suppressed, options.baseline, defaultNamespace)
    : undefined;
  const everyKind = ran.filter((r) => r.targets.includes(EVERY_KIND)).map((r) => r.id);
  const warnings = [...unknownKindWarnings(resources, known, everyKind), ...expired];
  if (accepted !== undefined && accepted.unmatched > 0) {
    const n = accepted.unmatched;
    warnings.push(
      `baseline ${options.baseline!.file}: ${n} accepted finding${n === 1 ? ' is' : 's are'} no longer found (fixed, or changed); write the baseline again (--write-baseline) to drop ${n === 1 ? 'it' : 'them'}`,
    );
  }
  const reported = (accepted?.findings ?? findings) as LocatedFinding[];
  const kept = (accepted?.suppressed ?? suppressed) as LocatedSuppressedFinding[];
  const configErrors = customRulesOf(config).errors;
  return {
    findings: reported,
    suppressed: kept,
    configErrors,
    errors: [
      ...configErrors,
      ...threads.loadErrors,
      ...threads.summaries.flatMap((s) => s.shapeErrors),
      ...threads.summaries.flatMap((s) => s.templateErrors),
      ...threads.findings.flatMap((f) => f.errors),
    ],
    warnings,
    stats: {
      sources: threads.sourcesRead,
      resources: resources.length,
      workloads: threads.model.workloads.length,
      rules: ran.length,
    },
    rules: ran,
    ...(options.framework !== undefined
      ? {
          controls: {
            framework: options.framework,
            results: controlResults(options.framework, ran, reported, resources, model, kept),
          },
        }
      : {}),
    model: threads.model,
    resources,
    defaultNamespace,
    podTemplateKinds,
  };
}

/**
 * Evaluates resources loaded already (the webhook and the cluster audit feed it): the same
 * phases as `scan()`, in one session on this thread.
 */
export function scanLoaded(loaded: LoadResult, options: ScanOptions = {}): ScanResult {
  const config = selectedConfig(options);
  const session = new ScanSession(threadSpec(options, config).spec, loaded.locator);
  const summary = session.resources(0, loaded.resources);
  const model = mergeSummaries([summary], config);
  const [[, findings] = [0, { findings: [], suppressed: [], errors: [] }]] = session.finish({ model });
  return assemble(
    {
      loadErrors: loaded.errors,
      sourcesRead: loaded.sourcesRead,
      summaries: [summary],
      model,
      findings: [findings],
    },
    options,
    config,
  );
}

/**
 * Scans one cluster read: the same phases and rules as `scan()` of the same objects as files.
 * Kinds with no rules are not warned about: the reader chose them (for the model).
 */
export function scanCluster(read: ClusterRead, options: ScanOptions = {}): ScanResult {
  const { loaded, warnings } = clusterInput(read);
  const result = scanLoaded(loaded, options);
  return {
    ...result,
    warnings: [...warnings, ...result.warnings.filter((w) => !w.startsWith(CLUSTER_SOURCE_PREFIX))],
  };
}

/** Scans files, folders and stdin (`-`), or snapshot files. Bad input is reported in `errors`; nothing throws for it. */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const snapshot = await snapshotReads(paths);
  if (snapshot !== undefined) return scanCluster(oneCluster(snapshot), options);
  const config = selectedConfig(options);
  const { spec, inProcessOnly } = threadSpec(options, config);
  const workers = inProcessOnly ? 0 : options.workers;
  const progress = options.onProgress ? progressOf(options.onProgress) : undefined;
  const loaded = await loadInputsShared(
    paths,
    { module: SCAN_THREAD_MODULE, exportName: 'openScanSession', data: spec, open: openScanSession },
    {
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      ...(options.helm ? { helm: options.helm } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(options.parseTuning ? { parseTuning: options.parseTuning } : {}),
      ...(options.parseStats ? { parseStats: options.parseStats } : {}),
      ...(progress ? { onFile: progress.onFile } : {}),
    },
  );
  const summaries = loaded.summaries as FileSummary[];
  progress?.phase('model');
  const model = mergeSummaries(summaries, config);
  progress?.phase('rules');
  const findings = (await loaded.finish({ model }, (held, order) => {
    const input: FinishInput = {
      order,
      fragments: JSON.stringify(summaries.map((s, i) => (held.has(i) ? null : s.fragment))),
      defaultNamespace: model.defaultNamespace,
    };
    return input;
  })) as FileFindings[];
  progress?.phase('done');
  return assemble(
    { loadErrors: loaded.errors, sourcesRead: loaded.sourcesRead, summaries, model, findings },
    options,
    config,
  );
}

/** Counts files and objects as they come in, for `ScanOptions.onProgress`. */
function progressOf(report: (p: ScanProgress) => void) {
  let files = 0;
  let totalFiles = 0;
  let objects = 0;
  return {
    onFile: (file: SharedFile | LoadedFile, done: number, total: number): void => {
      files = done;
      totalFiles = total;
      if ('summary' in file) objects += (file.summary as FileSummary).heads.length;
      report({ phase: 'read', files, totalFiles, objects });
    },
    phase: (phase: ScanProgress['phase']): void => {
      report({ phase, files, totalFiles, objects });
    },
  };
}

/** The compiled module the workers open their sessions from (beside this one in dist/). */
const SCAN_THREAD_MODULE = new URL('./scanThread.js', import.meta.url).href;

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
  const config = options.config ?? DEFAULT_CONFIG;
  const inventory = new Inventory(loaded.resources, {
    ...(config.defaultNamespace !== undefined ? { defaultNamespace: config.defaultNamespace } : {}),
    podTemplateKinds: parseTemplatePaths(config.podTemplateKinds),
  });
  return {
    plan: planPodSecurity(inventory, parsed.version),
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
  /** A cluster read (live or from a snapshot: load/cluster/) to model instead of `paths`. */
  readonly cluster?: ClusterRead;
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
  /** What a cluster read could not see (kinds the credentials may not list). */
  readonly warnings: string[];
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
  const reads = options.cluster !== undefined ? [options.cluster] : await snapshotReads(paths);
  const fromCluster = reads !== undefined ? clusterInput(oneCluster(reads)) : undefined;
  const loaded =
    fromCluster?.loaded ??
    (await loadInputs(paths, {
      ...(options.readStdin ? { readStdin: options.readStdin } : {}),
      ...(options.helm ? { helm: options.helm } : {}),
    }));
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
    warnings: fromCluster?.warnings ?? [],
  };
}
