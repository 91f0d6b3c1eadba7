/**
 * What a scan's result means for CI: whether it fails (`--fail-on`, else the configuration's
 * `failOn`, else `low`: a finding at or above that severity) and whether nothing could be
 * scanned at all. `kubeward scan` turns the verdict into its exit code (1 failed, 2 nothing
 * scanned); a library user gets the same answer from the same result.
 */
import { severityRank, type Finding, type Severity } from './types.js';
import { parseSeverity } from './ruleSelection.js';

/** A `--fail-on` threshold: a severity, or `never` (the scan never fails on findings). */
export type FailOn = Severity | 'never';

/** The threshold when neither the command line nor the configuration gives one. */
export const DEFAULT_FAIL_ON: FailOn = 'low';

/** The value of `--fail-on` (or another flag taking a severity or `never`). */
export function parseSeverityFlag(value: string, flag: string): FailOn {
  return value === 'never' ? 'never' : parseSeverity(value, flag, ' or never');
}

/** What a scan's result comes to. */
export interface ScanVerdict {
  /** The threshold the findings were held to. */
  readonly failOn: FailOn;
  /** Findings at or above it (suppressed findings never count). */
  readonly failing: number;
  /** True when `failing` > 0: the scan fails (`kubeward scan` exits 1). */
  readonly failed: boolean;
  /**
   * True when no resource was read and input errors say why: the scan is no answer at all
   * (`kubeward scan` exits 2), whatever the findings.
   */
  readonly nothingScanned: boolean;
}

/** The part of a scan result the verdict reads. */
export interface VerdictInput {
  readonly findings: readonly Pick<Finding, 'severity'>[];
  readonly errors: readonly unknown[];
  readonly stats: { readonly resources: number };
}

/** No resource was read and input errors say why: the scan (or plan) is no answer at all. */
export function nothingScanned(result: Pick<VerdictInput, 'errors' | 'stats'>): boolean {
  return result.stats.resources === 0 && result.errors.length > 0;
}

/** The verdict on a scan result, held to `failOn` (a FailOn; another value is a UsageError). */
export function scanVerdict(result: VerdictInput, failOn: string = DEFAULT_FAIL_ON): ScanVerdict {
  const threshold = parseSeverityFlag(failOn, '--fail-on');
  const rank = threshold === 'never' ? Infinity : severityRank(threshold);
  let failing = 0;
  for (const f of result.findings) if (severityRank(f.severity) >= rank) failing++;
  return {
    failOn: threshold,
    failing,
    failed: failing > 0,
    nothingScanned: nothingScanned(result),
  };
}
