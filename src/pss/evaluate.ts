/**
 * `evaluatePodSecurity`: the verdict of Pod Security Admission for one pod (or pod
 * template) at a level and version — the same checks, the same order, the same reasons
 * and details as the API server (pod-security-admission policy/registry.go
 * `EvaluatePod` + policy/checks.go `AggregateCheckResults`).
 *
 * This is the admission webhook's hot path: the applicable checks are looked up from a
 * per-(level, version) cache, the pod is narrowed once, and an allowed pod costs no
 * allocation beyond that narrowing.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import { podView } from './podView.js';
import { applicableChecks } from './registry.js';
import type { PssLevel, PssViolation } from './types.js';
import { parsePolicyVersion, type PolicyVersion } from './version.js';

export interface PssPolicy {
  readonly level: PssLevel;
  /** A parsed version, or its text (`latest`, `v1.30`); bad text is a programmer error (parse first). */
  readonly version: PolicyVersion | string;
}

export interface EvaluateOptions extends PssPolicy {
  /** Path of the pod spec in the enclosing object, for field paths. @default ['spec'] */
  readonly specPath?: FieldPath;
  /** Path of the pod metadata in the enclosing object. @default ['metadata'] */
  readonly metadataPath?: FieldPath;
  /**
   * Apply the API server's Pod defaulting of `hostPort` in `hostNetwork` pods. True for
   * Pods; false for pod templates of workloads (the default is not applied to templates
   * since Kubernetes 1.28). @default true
   */
  readonly defaultHostPorts?: boolean;
}

export interface PssResult {
  readonly allowed: boolean;
  /** Violations in upstream's order: baseline check ids sorted, then restricted ones. */
  readonly violations: readonly PssViolation[];
}

const ALLOWED: PssResult = Object.freeze({ allowed: true, violations: Object.freeze([]) });

export function resolveVersion(version: PolicyVersion | string): PolicyVersion {
  if (typeof version !== 'string') return version;
  const parsed = parsePolicyVersion(version);
  if ('error' in parsed) throw new RangeError(parsed.error);
  return parsed.version;
}

/** Evaluates a pod's metadata and spec (decoded YAML/JSON) against a PSS level and version. */
export function evaluatePodSecurity(
  metadata: unknown,
  podSpec: unknown,
  options: EvaluateOptions,
): PssResult {
  if (options.level === 'privileged') return ALLOWED;
  const checks = applicableChecks(options.level, resolveVersion(options.version).effectiveMinor);
  const pod = podView(metadata, podSpec, options);
  let violations: PssViolation[] | undefined;
  for (const check of checks) {
    const outcome = check.evaluate(pod);
    if (outcome === undefined) continue;
    (violations ??= []).push({ checkId: check.id, checkLevel: check.level, ...outcome });
  }
  return violations === undefined ? ALLOWED : { allowed: false, violations };
}

/** `reason (detail), reason (detail)` — upstream `AggregateCheckResult.ForbiddenDetail()`. */
export function forbiddenDetail(violations: readonly { reason: string; detail: string }[]): string {
  return violations.map((v) => (v.detail !== '' ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}

/** `restricted:latest` — how PSA names a policy in its messages. */
export function policyName(level: PssLevel, version: PolicyVersion | string): string {
  return `${level}:${typeof version === 'string' ? version : version.text}`;
}

/** The API server's denial text: `violates PodSecurity "restricted:latest": reason (detail), …`. */
export function podSecurityMessage(policy: PssPolicy, violations: readonly PssViolation[]): string {
  return `violates PodSecurity "${policyName(policy.level, policy.version)}": ${forbiddenDetail(violations)}`;
}
