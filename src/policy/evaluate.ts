/**
 * The one evaluation path: every caller (scan, the admission webhook, the cluster
 * audit) runs rules through `evaluate()`, so a rule gives the same answer everywhere.
 */
import { formatFieldPath } from '../k8s/fieldPath.js';
import type { Inventory, Workload } from '../k8s/inventory.js';
import { WORKLOAD_KINDS } from '../k8s/podSpec.js';
import type { Resource } from '../k8s/resource.js';
import type { InputError } from '../load/inputError.js';
import { buildModelIndex } from '../model/build.js';
import { mergeFragments } from '../model/merge.js';
import { ClusterModelIndex } from '../model/modelIndex.js';
import { ALL_RULES, exceptionMatches, isExpired, type KubewardConfig } from './config.js';
import { suppressRepeatedFindings } from './controlled.js';
import { findSuppression, IGNORE_ANNOTATION, parseSuppressions, type Suppression } from './suppression.js';
import {
  severityRank,
  type Finding,
  type Report,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type RuleSettings,
  type Severity,
  type SuppressedFinding,
} from './types.js';

export interface EvaluateOptions {
  readonly rules: readonly Rule[];
  readonly config: KubewardConfig;
  readonly settings: RuleSettings;
  /** The clock, for exception expiry. */
  readonly now: Date;
  /** Extra kinds that carry pod templates (they count as `workload` targets). */
  readonly extraWorkloadKinds?: readonly string[];
  /** Reports `precomputeReports()` already produced (per file, as files were parsed). */
  readonly precomputed?: ReadonlyMap<Resource, PrecomputedReports>;
  /**
   * The cluster model of the whole input, which the rules read for every object but their
   * own; the inventory passed to `evaluate()` may then be a share of the input (one thread's
   * files). Absent, it is built from the inventory's resources: the inventory is the input.
   */
  readonly model?: ClusterModelIndex;
  /**
   * Whether to end with the controller de-duplication (`suppressRepeatedFindings`).
   * A caller that evaluates the input in shares passes false and runs it once, on the
   * findings of every share, against the same model. @default true
   */
  readonly dedupeControllers?: boolean;
}

export interface EvaluationResult {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  /** Problems found while evaluating (a suppression annotation without a reason, a rule that failed). */
  readonly errors: InputError[];
  /** Notices that change nothing but deserve a line (an expired exception). */
  readonly warnings: string[];
}

/** What `precomputeReports()` gives for one resource. */
export interface PrecomputedReports {
  /** The rules computed (the resource's kind may not be among their targets). */
  readonly rules: ReadonlySet<string>;
  /** Reports by rule id; a rule that reported nothing is absent. */
  readonly reports: ReadonlyMap<string, readonly Report[]>;
  /** Rules it left out (they read the model all the same, or threw): `evaluate()` runs them. */
  readonly leftOut: readonly string[];
}

const NO_REPORTS: readonly Report[] = Object.freeze([]);

/**
 * The rules that run under a configuration, with their configured severity (none below
 * `minSeverity`). A rule's own entry in `rules` wins over the `*` entry, which wins over
 * the rule's defaults.
 */
export function activeRules(rules: readonly Rule[], config: KubewardConfig): Rule[] {
  const out: Rule[] = [];
  const floor = config.minSeverity !== undefined ? severityRank(config.minSeverity) : -Infinity;
  const every = config.rules[ALL_RULES];
  for (const rule of rules) {
    const own = config.rules[rule.id];
    const enabled = own?.enabled ?? every?.enabled ?? !rule.optIn;
    const severity = own?.severity ?? every?.severity ?? rule.severity;
    if (!enabled || severityRank(severity) < floor) continue;
    out.push(severity !== rule.severity ? { ...rule, severity, check: rule.check } : rule);
  }
  return out;
}

/**
 * Whether a rule runs on resources of a kind: the kind is among its targets, or it targets
 * `workload` and the kind carries a pod template (a built-in workload kind, or one of
 * `extraWorkloadKinds`). The one dispatch decision: evaluation and the JUnit report ask here.
 */
export function ruleAppliesTo(rule: RuleMeta, kind: string, extraWorkloadKinds: readonly string[]): boolean {
  return rule.targets.some((t) =>
    t === 'workload' ? WORKLOAD_KINDS.has(kind) || extraWorkloadKinds.includes(kind) : t === kind,
  );
}

/** The rules that apply to each kind of the resources, in rule order; kinds no rule applies to are absent. */
function indexByKind(
  rules: readonly Rule[],
  resources: readonly Resource[],
  extraWorkloadKinds: readonly string[],
): Map<string, Rule[]> {
  const byKind = new Map<string, Rule[]>();
  const seen = new Set<string>();
  for (const { ref } of resources) {
    if (seen.has(ref.kind)) continue;
    seen.add(ref.kind);
    const kindRules = rules.filter((rule) => ruleAppliesTo(rule, ref.kind, extraWorkloadKinds));
    if (kindRules.length > 0) byKind.set(ref.kind, kindRules);
  }
  return byKind;
}

function suppressionsOf(
  resource: Resource,
  templateAnnotations: Readonly<Record<string, string>> | undefined,
  errors: InputError[],
): Suppression[] {
  const out: Suppression[] = [];
  for (const value of [resource.annotations[IGNORE_ANNOTATION], templateAnnotations?.[IGNORE_ANNOTATION]]) {
    if (value === undefined) continue;
    const parsed = parseSuppressions(value);
    out.push(...parsed.suppressions);
    for (const message of parsed.errors) {
      errors.push({
        file: resource.source.file,
        line: resource.source.line,
        message: `${resource.ref.kind} ${resource.ref.name}: ${message}`,
      });
    }
  }
  return out;
}

/**
 * Evaluates the rules against every resource of the inventory (the resources being evaluated),
 * with `options.model` (else the model of the inventory's resources) for what rules read of
 * other objects.
 */
export function evaluate(inventory: Inventory, options: EvaluateOptions): EvaluationResult {
  const { config, settings, now } = options;
  const model =
    options.model ??
    buildModelIndex(inventory.resources, {
      ...inventory.options,
      defaultNamespace: inventory.defaultNamespace,
    });
  const rules = activeRules(options.rules, config);
  const byKind = indexByKind(rules, inventory.resources, options.extraWorkloadKinds ?? []);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const errors: InputError[] = [];
  const warnings: string[] = [];
  const liveExceptions = config.exceptions.filter((ex, i) => {
    if (!isExpired(ex, now)) return true;
    warnings.push(
      `exceptions[${i}] (${ex.rules.join(', ')}) expired on ${ex.expires}; its findings are reported again — renew it with a new date or fix them`,
    );
    return false;
  });

  const scratch: Report[] = [];
  // Per set of precomputed rules (one per file, in practice one per scan) and kind: which
  // of the kind's rules are left to run here, and where each precomputed one stands.
  const plans = new Map<ReadonlySet<string>, Map<Rule[], KindPlan>>();
  const planFor = (computed: ReadonlySet<string>, kindRules: Rule[]): KindPlan => {
    let byRules = plans.get(computed);
    if (byRules === undefined) plans.set(computed, (byRules = new Map<Rule[], KindPlan>()));
    let plan = byRules.get(kindRules);
    if (plan === undefined) byRules.set(kindRules, (plan = kindPlan(computed, kindRules)));
    return plan;
  };

  // the resource being evaluated, and what its findings need
  let resource: Resource;
  let workload: Workload | undefined;
  let ctx: RuleContext;
  let suppressions: Suppression[] | undefined;
  let refForMatch: { kind: string; name: string; namespace?: string } | undefined;

  /** Runs one rule on the resource; its reports, or undefined when it threw (reported as an error). */
  const run = (rule: Rule): readonly Report[] | undefined => {
    try {
      // One scratch array for every rule call: most calls report nothing, and a fresh
      // array per (rule, resource) is millions of allocations on large inputs.
      scratch.length = 0;
      for (const report of rule.check(ctx)) scratch.push(report);
      return scratch;
    } catch (e) {
      errors.push({
        file: resource.source.file,
        line: resource.source.line,
        message: `internal error in rule ${rule.id} on ${resource.ref.kind} ${resource.ref.name}: ${e instanceof Error ? e.message : String(e)}`,
      });
      return undefined;
    }
  };

  /** Turns a rule's reports on the resource into findings, suppressed or not. */
  const record = (rule: Rule, reports: readonly Report[] | undefined): void => {
    if (reports === undefined) return;
    for (const report of reports) {
      const finding = makeFinding(rule, rule.severity, resource, report);
      suppressions ??= suppressionsOf(resource, workload?.template.annotations, errors);
      const byAnnotation =
        suppressions.length > 0 ? findSuppression(suppressions, rule.id, report.container) : undefined;
      if (byAnnotation && config.allowIgnoreAnnotations) {
        suppressed.push({ finding, reason: byAnnotation.reason, by: 'annotation' });
        continue;
      }
      if (liveExceptions.length === 0) {
        findings.push(finding);
        continue;
      }
      if (refForMatch === undefined) {
        const namespace = inventory.namespaceOf(resource);
        refForMatch = {
          kind: resource.ref.kind,
          name: resource.ref.name,
          ...(namespace !== undefined ? { namespace } : {}),
        };
      }
      const match = refForMatch;
      const ex = liveExceptions.find((e) => exceptionMatches(e, rule.id, match, report.container));
      if (ex) {
        suppressed.push({ finding, reason: ex.reason, by: 'config' });
        continue;
      }
      findings.push(finding);
    }
  };

  for (const r of inventory.resources) {
    const kindRules = byKind.get(r.ref.kind);
    if (kindRules === undefined) continue;
    resource = r;
    workload = inventory.workloadOf(r);
    ctx = workload ? { resource: r, settings, workload, model } : { resource: r, settings, model };
    suppressions = undefined;
    refForMatch = undefined;
    const known = options.precomputed?.get(r);
    if (known === undefined) {
      for (const rule of kindRules) record(rule, run(rule));
      continue;
    }
    const plan = planFor(known.rules, kindRules);
    if (known.leftOut.length > 0) {
      for (let i = 0; i < kindRules.length; i++) {
        const rule = kindRules[i]!;
        record(
          rule,
          plan.precomputed[i] === true && !known.leftOut.includes(rule.id)
            ? (known.reports.get(rule.id) ?? NO_REPORTS)
            : run(rule),
        );
      }
      continue;
    }
    // In rule order: the rules left to run here, merged with the precomputed ones that
    // reported something (most reported nothing, and cost nothing here).
    const { pending, indexOf } = plan;
    let p = 0;
    for (const [id, reports] of known.reports) {
      const at = indexOf.get(id);
      if (at === undefined) continue;
      while (p < pending.length && pending[p]! < at) {
        const rule = kindRules[pending[p++]!]!;
        record(rule, run(rule));
      }
      record(kindRules[at]!, reports);
    }
    while (p < pending.length) {
      const rule = kindRules[pending[p++]!]!;
      record(rule, run(rule));
    }
  }
  if (options.dedupeControllers !== false) suppressRepeatedFindings(model, findings, suppressed);
  return { findings, suppressed, errors, warnings };
}

/** What a rule may ask the model about its own resource and still be precomputed. */
const RESOURCE_LOCAL: ReadonlySet<string | symbol> = new Set(['namespaceOf', 'defaultNamespace']);

/**
 * The reports of the rules that read nothing but the resource (not the model), for the
 * resources of one file (`local`, the inventory of that file alone): exactly what
 * `evaluate()` would get from them. Parse workers run it while other files are still being
 * read, so these rules run on every core; `evaluate()` then takes the reports (`precomputed`)
 * and applies suppressions, exceptions and severities as always. A rule that touches the
 * model all the same, or throws, is left out, and `evaluate()` runs it.
 */
export function precomputeReports(
  local: Inventory,
  rules: readonly Rule[],
  settings: RuleSettings,
  extraWorkloadKinds: readonly string[],
): Map<Resource, PrecomputedReports> {
  let touched = false;
  // The workload view is per resource, and a resource's namespace depends on nothing but
  // it and the default namespace (the same in every thread); anything else a rule asks of
  // the model needs all files. So the rules get an empty model that trips when touched.
  const empty = new ClusterModelIndex(mergeFragments([], local.defaultNamespace));
  const tripwire = new Proxy(empty, {
    get(target, property, receiver) {
      if (!RESOURCE_LOCAL.has(property)) touched = true;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const runnable = rules.filter((r) => r.needsModel !== true);
  const byKind = indexByKind(runnable, local.resources, extraWorkloadKinds);
  const out = new Map<Resource, PrecomputedReports>();
  const computed = new Set(runnable.map((r) => r.id));
  // as in evaluate(): one scratch array for the many rule calls that report nothing
  const scratch: Report[] = [];
  for (const resource of local.resources) {
    const kindRules = byKind.get(resource.ref.kind) ?? [];
    const workload = local.workloadOf(resource);
    const ctx: RuleContext = workload
      ? { resource, settings, workload, model: tripwire }
      : { resource, settings, model: tripwire };
    const reports = new Map<string, Report[]>();
    const leftOut: string[] = [];
    for (const rule of kindRules) {
      touched = false;
      scratch.length = 0;
      try {
        for (const report of rule.check(ctx)) scratch.push(report);
      } catch {
        leftOut.push(rule.id);
        continue;
      }
      if (touched) leftOut.push(rule.id);
      else if (scratch.length > 0) reports.set(rule.id, scratch.slice());
    }
    out.set(resource, { rules: computed, reports, leftOut });
  }
  return out;
}

/**
 * Every finding has the same properties in the same order (absent ones `undefined`), so
 * they share one object shape: built with conditional spreads they did not, and on
 * large inputs the spreads alone cost ~2 µs a finding.
 */
/** For one kind's rules and one set of precomputed rules: which were precomputed, and which are left. */
interface KindPlan {
  /** By position in the kind's rules: precomputed. */
  readonly precomputed: readonly boolean[];
  /** Positions of the rules left to run, ascending. */
  readonly pending: readonly number[];
  /** Position of each precomputed rule by id. */
  readonly indexOf: ReadonlyMap<string, number>;
}

function kindPlan(computed: ReadonlySet<string>, kindRules: readonly Rule[]): KindPlan {
  const precomputed = kindRules.map((r) => computed.has(r.id));
  const pending: number[] = [];
  const indexOf = new Map<string, number>();
  precomputed.forEach((done, i) => {
    if (done) indexOf.set(kindRules[i]!.id, i);
    else pending.push(i);
  });
  return { precomputed, pending, indexOf };
}

function makeFinding(rule: Rule, severity: Severity, resource: Resource, report: Report): Finding {
  const { position } = report;
  return {
    ruleId: rule.id,
    title: rule.title,
    category: rule.category,
    severity,
    message: report.message,
    path: formatFieldPath(report.path),
    pathSegments: report.path,
    resource: resource.ref,
    source: resource.source,
    container: report.container,
    remediation: report.remediation ?? rule.remediation,
    references: rule.references,
    location:
      position !== undefined
        ? { file: resource.source.file, line: position.line, column: position.column }
        : undefined,
  };
}
