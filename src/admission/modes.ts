/**
 * Which Pod Security Standards policy each admission mode applies in a namespace: the
 * namespace's `kubeward.io/{enforce,warn,audit}` labels (each with `-version`), read the way
 * Pod Security Admission reads `pod-security.kubernetes.io/*` (pod-security-admission
 * api/helpers.go `PolicyToEvaluate`: the level and the version labels are read
 * independently, a missing one takes the default, an unparseable level is read as
 * `restricted` and an unparseable version as `latest`), else the server's defaults.
 */
import { modePolicyOf } from '../pss/namespaceLabels.js';
import type { PssLevel } from '../pss/types.js';
import { LATEST, parsePolicyVersion, type PolicyVersion } from '../pss/version.js';

export const MODES = ['enforce', 'warn', 'audit'] as const;
export type Mode = (typeof MODES)[number];

export const LABEL_PREFIX = 'kubeward.io/';
/** Namespace label that opts a namespace into mutation (`"true"`). */
export const MUTATE_LABEL = `${LABEL_PREFIX}mutate`;

export interface ModePolicy {
  readonly level: PssLevel;
  readonly version: PolicyVersion;
  /** What could not be parsed and how it was read (PSA's fallbacks). */
  readonly fallback?: string;
}

export type ModePolicies = Readonly<Record<Mode, ModePolicy>>;

/** Without any configuration or label: enforce baseline, warn and audit restricted, all at `latest`. */
export const DEFAULT_MODE_POLICIES: ModePolicies = Object.freeze({
  enforce: { level: 'baseline', version: LATEST },
  warn: { level: 'restricted', version: LATEST },
  audit: { level: 'restricted', version: LATEST },
});

/** The policy of every mode in a namespace with these labels (undefined: the namespace is unknown). */
export function modePolicies(
  labels: Readonly<Record<string, string>> | undefined,
  defaults: ModePolicies,
): ModePolicies {
  if (labels === undefined) return defaults;
  let changed = false;
  const out: Record<Mode, ModePolicy> = { ...defaults };
  for (const mode of MODES) {
    const levelLabel = `${LABEL_PREFIX}${mode}`;
    const versionLabel = `${levelLabel}-version`;
    if (labels[levelLabel] === undefined && labels[versionLabel] === undefined) continue;
    const fallbackLevel = defaults[mode].level;
    // A version label alone keeps the default level (PSA reads the two labels independently).
    const policy = modePolicyOf(
      labels[levelLabel] !== undefined ? labels : { ...labels, [levelLabel]: fallbackLevel },
      levelLabel,
      versionLabel,
      mode,
    );
    if (policy === undefined) continue;
    out[mode] = labels[versionLabel] === undefined ? { ...policy, version: defaults[mode].version } : policy;
    changed = true;
  }
  return changed ? out : defaults;
}

/** `restricted:latest` */
export function modePolicyName(policy: ModePolicy): string {
  return `${policy.level}:${policy.version.text}`;
}

export function samePolicy(a: ModePolicy, b: ModePolicy): boolean {
  return a.level === b.level && a.version.text === b.version.text;
}

/**
 * What Pod Security Admission says of a Namespace's mode labels, for our prefix
 * (pod-security-admission api/helpers.go `PolicyToEvaluate` + `appendErr`): one field error
 * per unparseable label, in PSA's order (enforce, audit, warn; level before version), worded
 * as apimachinery's `field.Invalid` prints it.
 */
export function modeLabelErrors(labels: Readonly<Record<string, string>>): string[] {
  const errors: string[] = [];
  const invalid = (label: string, value: string, detail: string) =>
    errors.push(`metadata.labels[${label}]: Invalid value: ${JSON.stringify(value)}: ${detail}`);
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const levelLabel = `${LABEL_PREFIX}${mode}`;
    const level = labels[levelLabel];
    if (level !== undefined && !PSS_LEVELS.includes(level))
      invalid(levelLabel, level, `must be one of ${PSS_LEVELS.join(', ')}`);
    const version = labels[`${levelLabel}-version`];
    if (version !== undefined && !('version' in parsePolicyVersion(version)))
      invalid(`${levelLabel}-version`, version, 'must be "latest" or "v1.x"');
  }
  return errors;
}

const PSS_LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];
