/**
 * The Pod Security Admission namespace labels (pod-security-admission api/constants.go)
 * and how PSA reads the enforce policy from them (api `PolicyToEvaluate`): the level label
 * alone gives version `latest`; an unparseable level is read as `restricted` and an
 * unparseable version as `latest` (PSA counts the error and uses the strictest policy).
 */
import type { PssLevel } from './types.js';
import { LATEST, parsePolicyVersion, type PolicyVersion } from './version.js';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

export interface LabelPolicy {
  readonly level: PssLevel;
  readonly version: PolicyVersion;
  /** What could not be parsed and how it was read, e.g. `enforce level "strict" read as restricted`. */
  readonly fallback?: string;
}

/** The enforce policy a Namespace's labels set, or undefined when it has no enforce label. */
export function enforcePolicyOf(labels: Readonly<Record<string, string>>): LabelPolicy | undefined {
  return modePolicyOf(labels, ENFORCE_LABEL, ENFORCE_VERSION_LABEL, 'enforce');
}

/**
 * The policy a mode's level and version labels set (PSA's reading for any prefix and mode:
 * the admission webhook reads `kubeward.io/warn` the way PSA reads its own labels), or
 * undefined when the level label is absent.
 */
export function modePolicyOf(
  labels: Readonly<Record<string, string>>,
  levelLabel: string,
  versionLabel: string,
  mode: string,
): LabelPolicy | undefined {
  const level = labels[levelLabel];
  if (level === undefined) return undefined;
  const problems: string[] = [];
  const validLevel = LEVELS.includes(level);
  // PSA fails closed for enforce and open for warn and audit (api/helpers.go PolicyToEvaluate)
  const fallbackLevel: PssLevel = mode === 'enforce' ? 'restricted' : 'privileged';
  if (!validLevel) problems.push(`${mode} level "${level}" read as ${fallbackLevel}`);
  const versionText = labels[versionLabel];
  let version = LATEST;
  if (versionText !== undefined) {
    const parsed = parsePolicyVersion(versionText);
    if ('version' in parsed) version = parsed.version;
    else problems.push(`${mode}-version "${versionText}" read as latest`);
  }
  return {
    level: validLevel ? (level as PssLevel) : fallbackLevel,
    version,
    ...(problems.length > 0 ? { fallback: problems.join('; ') } : {}),
  };
}
