/**
 * Frameworks: the standards the rules cite (CIS Kubernetes Benchmark, NSA/CISA hardening
 * guidance, MITRE ATT&CK for Containers, Pod Security Standards), and a scan's result per
 * control of one of them — what `kubescape scan framework nsa` or `trivy --compliance`
 * give: which controls fail, on how many resources, through which rules.
 *
 * A control passes when its rules checked resources and found nothing; it is "not
 * applicable" when the input had nothing its rules look at. Passing here means passing the
 * checks kubeward can make from manifests, not the whole control (many CIS controls are
 * about the API server's flags, which no manifest shows).
 */
import { sourceKey, type ResourceRef, type SourceRef } from '../k8s/resource.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { ClusterModelIndex } from '../model/modelIndex.js';
import { EVERY_KIND, type Finding, type Rule, type SuppressedFinding } from './types.js';

/** What a control result needs of each resource of the input: who it is and where it was read. */
export interface CheckedResource {
  readonly ref: ResourceRef;
  readonly source: SourceRef;
}

export const FRAMEWORKS = {
  cis: 'CIS Kubernetes Benchmark',
  nsa: 'NSA/CISA Kubernetes Hardening Guidance',
  mitre: 'MITRE ATT&CK for Containers',
  pss: 'Pod Security Standards',
} as const;
export type Framework = keyof typeof FRAMEWORKS;
export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as Framework[];

export interface ControlResult {
  /** `5.2.2`, `T1611`, a guide's section, a PSS control. */
  readonly id: string;
  readonly status: 'fail' | 'pass' | 'not applicable';
  /** The rules that ran for it. */
  readonly rules: readonly string[];
  readonly findings: number;
  /** Resources with at least one finding. */
  readonly failedResources: number;
  /** Resources its rules looked at. */
  readonly checkedResources: number;
  /**
   * Findings of its rules accepted by a suppression annotation, a config exception or the
   * baseline: they do not fail the control, and are counted so that a pass says so.
   */
  readonly accepted: number;
}

/**
 * The controls of a framework a rule cites. A PSS reference names the control and where it
 * applies (`Seccomp (baseline; restricted v1.19+)`): one control per level, as the
 * standard lists them (`Seccomp (baseline)`, `Seccomp (restricted)`).
 */
export function controlsOf(rule: Rule, framework: Framework): readonly string[] {
  const refs = rule.references;
  if (framework !== 'pss') return refs[framework] ?? [];
  if (refs.pss === undefined) return [];
  const m = /^(.*?) \((.*)\)$/.exec(refs.pss);
  const levels = (m?.[2] ?? '')
    .split(';')
    .map((part) => part.trim().split(/[ ,]/)[0])
    .filter((level) => level === 'baseline' || level === 'restricted');
  return m !== null && levels.length > 0 ? levels.map((level) => `${m[1]} (${level})`) : [refs.pss];
}

/** Orders `5.2.10` after `5.2.9`, and `T1552.001` after `T1552`. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The controls of `framework` that `rules` cite, in control order, each with its rules. */
export function controlIndex(framework: Framework, rules: readonly Rule[]): [string, Rule[]][] {
  const byControl = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const id of controlsOf(rule, framework)) {
      const list = byControl.get(id);
      if (list) list.push(rule);
      else byControl.set(id, [rule]);
    }
  }
  return [...byControl].sort(([a], [b]) => compareIds(a, b));
}

/**
 * Each control of `framework` that one of `rules` (those that ran) cites, with the findings
 * of its rules, in control order. `resources` is every resource of the input; the model says
 * which of them are workloads (the `workload` target).
 */
export function controlResults(
  framework: Framework,
  rules: readonly Rule[],
  findings: readonly Finding[],
  resources: readonly CheckedResource[],
  model: ClusterModel | ClusterModelIndex,
  suppressed: readonly SuppressedFinding[] = [],
): ControlResult[] {
  const findingsOf = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = findingsOf.get(f.ruleId);
    if (list) list.push(f);
    else findingsOf.set(f.ruleId, [f]);
  }
  // a finding repeated from a workload's controller is counted on the controller, not accepted
  const acceptedOf = new Map<string, number>();
  for (const s of suppressed) {
    if (s.by !== 'controller') acceptedOf.set(s.finding.ruleId, (acceptedOf.get(s.finding.ruleId) ?? 0) + 1);
  }
  // resources by source key, of each kind and of the workloads
  let byKind: Map<string, string[]> | undefined;
  let workloads: string[] | undefined;
  const resourcesOfTarget = (target: string): readonly string[] => {
    if (target === EVERY_KIND) return resources.map((r) => sourceKey(r.source));
    if (target === 'workload') {
      const all = model instanceof ClusterModelIndex ? model.model.workloads : model.workloads;
      return (workloads ??= all.map((w) => sourceKey(w.source)));
    }
    if (byKind === undefined) {
      byKind = new Map();
      for (const r of resources) {
        const list = byKind.get(r.ref.kind);
        if (list) list.push(sourceKey(r.source));
        else byKind.set(r.ref.kind, [sourceKey(r.source)]);
      }
    }
    return byKind.get(target) ?? [];
  };
  const identity = (f: Finding): string =>
    `${f.resource.kind}\u0000${f.resource.namespace ?? ''}\u0000${f.resource.name}\u0000${sourceKey(f.source)}`;

  return controlIndex(framework, rules).map(([id, controlRules]) => {
    const checked = new Set<string>();
    for (const rule of controlRules)
      for (const t of rule.targets) for (const r of resourcesOfTarget(t)) checked.add(r);
    const own = controlRules.flatMap((r) => findingsOf.get(r.id) ?? []);
    const failed = new Set(own.map(identity));
    return {
      id,
      status: own.length > 0 ? 'fail' : checked.size > 0 ? 'pass' : 'not applicable',
      rules: controlRules.map((r) => r.id),
      findings: own.length,
      failedResources: failed.size,
      checkedResources: Math.max(checked.size, failed.size),
      accepted: controlRules.reduce((n, r) => n + (acceptedOf.get(r.id) ?? 0), 0),
    };
  });
}
