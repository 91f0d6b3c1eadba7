/**
 * The human report: findings grouped by resource, most severe first within each,
 * with file:line, the rule id, the message and the fix; one summary line at the end.
 * Colour is an explicit option (never read from the environment here).
 */
import { createColors } from 'picocolors';
import { describeRef, sourceKey } from '../k8s/resource.js';
import { formatInputError } from '../load/inputError.js';
import { FRAMEWORKS } from '../policy/frameworks.js';
import { severityRank, SEVERITIES, type Severity } from '../policy/types.js';
import type { LocatedFinding, ScanResult } from '../scan.js';
import { countBySeverity } from './summary.js';

export interface TextOptions {
  readonly color: boolean;
  /** Print the remediation under each finding. @default true */
  readonly showFix?: boolean;
}

/** The result per control of the framework the scan was asked for. */
function controlLines(
  controls: NonNullable<ScanResult['controls']>,
  c: ReturnType<typeof createColors>,
): string[] {
  const { framework, results } = controls;
  const count = (status: string): number => results.filter((r) => r.status === status).length;
  const idWidth = Math.max(0, ...results.map((r) => r.id.length));
  const lines = [
    c.bold(
      `${FRAMEWORKS[framework]}: ${results.length} control${results.length === 1 ? '' : 's'} checked — ` +
        `${count('fail')} fail, ${count('pass')} pass, ${count('not applicable')} not applicable`,
    ),
  ];
  for (const r of results) {
    const status =
      r.status === 'fail' ? c.red('FAIL') : r.status === 'pass' ? c.green('pass') : c.dim('n/a ');
    const what =
      r.status === 'fail'
        ? `${r.findings} finding${r.findings === 1 ? '' : 's'} on ${r.failedResources} of ${r.checkedResources} resources`
        : r.status === 'pass'
          ? `${r.checkedResources} resource${r.checkedResources === 1 ? '' : 's'} checked`
          : 'nothing in the input to check';
    const accepted = r.accepted > 0 ? `, ${r.accepted} accepted (suppressed or in the baseline)` : '';
    lines.push(
      `  ${status}  ${r.id.padEnd(idWidth)}  ${what}${accepted}  ${c.dim(`[${r.rules.join(', ')}]`)}`,
    );
  }
  return lines;
}

export function renderText(result: ScanResult, options: TextOptions): string {
  const c = createColors(options.color);
  const sevColor: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const lines: string[] = [];
  for (const e of result.errors) lines.push(`${c.red('error')}: ${formatInputError(e)}`);
  for (const w of result.warnings) lines.push(`${c.yellow('warning')}: ${w}`);
  if (lines.length > 0) lines.push('');

  const groups = new Map<string, LocatedFinding[]>();
  for (const f of result.findings) {
    const key = sourceKey(f.source);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  // a loop, not Math.max(...findings): spreading 100,000+ values overflows the call stack
  let width = 0;
  for (const f of result.findings) width = Math.max(width, f.severity.length);
  for (const group of groups.values()) {
    const first = group[0]!;
    lines.push(
      `${c.bold(describeRef(first.resource))}  ${c.dim(`${first.source.file}:${first.source.line}`)}`,
    );
    group.sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.location.line - b.location.line,
    );
    for (const f of group) {
      lines.push(
        `  ${sevColor[f.severity](f.severity.toUpperCase().padEnd(width))}  ${f.message}  ${c.dim(`[${f.ruleId}]`)}`,
      );
      lines.push(
        `  ${' '.repeat(width)}  ${c.dim(`at ${f.location.file}:${f.location.line}:${f.location.column} ${f.path}${f.source.template !== undefined ? ` (from ${f.source.template})` : ''}`)}`,
      );
      if (options.showFix ?? true) lines.push(`  ${' '.repeat(width)}  ${c.green('fix:')} ${f.remediation}`);
    }
    lines.push('');
  }
  if (result.controls !== undefined) lines.push(...controlLines(result.controls, c), '');
  const counts = countBySeverity(result.findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => sevColor[s](`${counts[s]} ${s}`));
  const n = result.findings.length;
  const s = result.stats;
  const tail = [
    `${s.resources} resource${s.resources === 1 ? '' : 's'} in ${s.sources} source${s.sources === 1 ? '' : 's'}`,
    ...(result.suppressed.length > 0 ? [`${result.suppressed.length} suppressed`] : []),
    ...(result.errors.length > 0
      ? [c.red(`${result.errors.length} input error${result.errors.length === 1 ? '' : 's'}`)]
      : []),
  ].join(', ');
  lines.push(
    n === 0
      ? `${c.green('No findings')} (${tail}).`
      : `${n} finding${n === 1 ? '' : 's'}: ${parts.join(', ')} (${tail}).`,
  );
  return lines.join('\n') + '\n';
}
