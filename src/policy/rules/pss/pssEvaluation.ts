/**
 * What the `pss-*` rules share: which PSS level and version apply to a workload, and
 * one evaluation of the workload per (level, version) whose violations every pss rule
 * reads its own checks from.
 *
 * Which policy applies:
 * 1. `settings.pss` when the user chose it (`--pss` or the config file): it wins.
 * 2. Otherwise the `pod-security.kubernetes.io/enforce` label (and `enforce-version`,
 *    default `latest`) of the workload's Namespace object, when it is in the input — what
 *    the API server would enforce (`enforcePolicyOf`, with PSA's fallbacks for bad
 *    values). `privileged` means no findings.
 * 3. Otherwise `settings.pss` (default restricted:latest) — only when
 *    `settings.pss.checkUnlabelled` is set. `kubeward scan` leaves it off, so a plain scan
 *    does not report each control twice (the pod-security rules cover them with kubeward's
 *    own severities); PSS verdicts come from `--pss`, the config, or namespace labels.
 */
import type { Workload } from '../../../k8s/inventory.js';
import { evaluatePodSecurity, policyName, type PssResult } from '../../../pss/evaluate.js';
import { enforcePolicyOf } from '../../../pss/namespaceLabels.js';
import type { CheckId, PssLevel } from '../../../pss/types.js';
import { LATEST, parsePolicyVersion, type PolicyVersion } from '../../../pss/version.js';
import type { Report, RuleContext, RuleSettings, WorkloadRuleContext } from '../../types.js';

export type PolicySource = 'settings' | 'namespace' | 'default';

export interface AppliedPolicy {
  readonly level: PssLevel;
  readonly version: PolicyVersion;
  readonly source: PolicySource;
  /** Set when a label or setting could not be parsed and PSA's fallback was used. */
  readonly fallback?: string;
}

/** The policy PSA would apply to this workload (see the module comment for the order). */
export function policyFor(workload: Workload, ctx: Pick<RuleContext, 'model' | 'settings'>): AppliedPolicy {
  const { settings, model } = ctx;
  if (!settings.pss.explicit) {
    const ns = model.namespace(workload.namespace);
    const fromLabels = ns?.declared === true ? enforcePolicyOf(ns.labels) : undefined;
    if (fromLabels !== undefined) return { ...fromLabels, source: 'namespace' };
  }
  const parsed = parsePolicyVersion(settings.pss.version);
  return {
    level: settings.pss.level,
    version: 'version' in parsed ? parsed.version : LATEST,
    source: settings.pss.explicit ? 'settings' : 'default',
    ...('error' in parsed ? { fallback: `pss.version "${settings.pss.version}" read as latest` } : {}),
  };
}

const SUFFIX: Record<PolicySource, string> = {
  settings: 'level from --pss or config',
  namespace: 'level from namespace label',
  default: 'default level',
};

/** ` [level from namespace label]` — where the level came from, appended to each message. */
export function sourceSuffix(policy: AppliedPolicy): string {
  return ` [${SUFFIX[policy.source]}${policy.fallback !== undefined ? `; ${policy.fallback}` : ''}]`;
}

interface CacheEntry {
  readonly settings: RuleSettings;
  readonly policy: AppliedPolicy;
  readonly result: PssResult;
}

/**
 * One evaluation per workload, shared by all pss rules of a run. The entry is reused
 * while the settings object is the same one (one `evaluate()` run); a run with other
 * settings re-evaluates.
 */
const cache = new WeakMap<Workload, CacheEntry>();

/** True when no PSS level applies: no enforce label, and the settings do not check unlabelled namespaces. */
function unchecked(policy: AppliedPolicy, settings: RuleSettings): boolean {
  return policy.source === 'default' && !settings.pss.checkUnlabelled;
}

/** Stands in for the evaluation of a workload no PSS level applies to. */
const NOT_EVALUATED: PssResult = Object.freeze({ allowed: true, violations: Object.freeze([]) });

export function podSecurityOf(
  workload: Workload,
  ctx: Pick<RuleContext, 'model' | 'settings' | 'resource'>,
): CacheEntry {
  const hit = cache.get(workload);
  if (hit !== undefined && hit.settings === ctx.settings) return hit;
  const policy = policyFor(workload, ctx);
  // A plain scan reports PSS only under an enforce label: no label, nothing to evaluate.
  const result = unchecked(policy, ctx.settings)
    ? NOT_EVALUATED
    : evaluatePodSecurity(workload.template.metadata, workload.template.spec, {
        level: policy.level,
        version: policy.version,
        specPath: workload.template.specPath,
        metadataPath: workload.template.metadataPath,
        // The API server defaults hostPort in hostNetwork Pods only, not in templates (README rule 7).
        defaultHostPorts: ctx.resource.ref.kind === 'Pod',
      });
  const entry = { settings: ctx.settings, policy, result };
  cache.set(workload, entry);
  return entry;
}

/** The reports of the given checks for a workload: one per violation item (pod, container or annotation). */
export function* pssReports(ctx: WorkloadRuleContext, checks: readonly CheckId[]): Iterable<Report> {
  const { workload } = ctx;
  const { policy, result } = podSecurityOf(workload, ctx);
  if (result.allowed || unchecked(policy, ctx.settings)) return;
  const prefix = `violates PodSecurity "${policyName(policy.level, policy.version)}": `;
  const suffix = sourceSuffix(policy);
  for (const v of result.violations) {
    if (!checks.includes(v.checkId)) continue;
    for (const item of v.items) {
      yield {
        message: `${prefix}${item.reason} (${item.detail})${suffix}`,
        path: item.path,
        ...(item.container !== undefined ? { container: item.container } : {}),
      };
    }
  }
}

/** The `check` of a pss rule that reports the given upstream checks. */
export function pssCheck(checks: readonly CheckId[]): (ctx: WorkloadRuleContext) => Iterable<Report> {
  return (ctx) => pssReports(ctx, checks);
}
