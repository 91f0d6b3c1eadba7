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
import type { ClusterModelIndex } from '../model/modelIndex.js';
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
    t === 'workload' ? WORKLOAD_KINDS.has(kind) || extraWorkloadKinds.includes(kind) : t === kind || t === '*',
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
    for (const rule of kindRules) record(rule, run(rule));
  }
  if (options.dedupeControllers !== false) suppressRepeatedFindings(model, findings, suppressed);
  return { findings, suppressed, errors, warnings };
}

/**
 * Every finding has the same properties in the same order (absent ones `undefined`), so
 * they share one object shape: built with conditional spreads they did not, and on
 * large inputs the spreads alone cost ~2 µs a finding.
 */
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
