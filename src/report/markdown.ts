/**
 * Markdown for pull-request comments (GitHub-flavoured): counts per severity, then one
 * table of findings per severity, long tables folded in `<details>`, suppressed findings
 * and the fix for each rule that fired. Every cell is escaped, so a message cannot break
 * the table or inject HTML. The whole comment stays under GitHub's 65,536-character
 * limit: past it, rows are dropped and a note says how many findings are listed.
 */
import { describeRef } from '../k8s/resource.js';
import { FRAMEWORKS } from '../policy/frameworks.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { LocatedFinding, ScanResult } from '../scan.js';
import { countBySeverity, type ToolInfo } from './summary.js';

/** GitHub's maximum size of an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** A severity group with more rows than this is folded into `<details>`. */
export const FOLD_AFTER_ROWS = 10;

/** First line of the comment, so a CI step can find and update its previous comment. */
export const MARKER = '<!-- kubeward-report -->';

export interface MarkdownOptions {
  /** Maximum length of the output in characters. @default GITHUB_COMMENT_LIMIT */
  readonly maxLength?: number;
}

/** Escapes text for a GFM table cell: Markdown punctuation, HTML, pipes, line breaks. */
export function escapeCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]~|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * Rule documentation is ours, written in Markdown (code spans for fields): it keeps its
 * Markdown, with HTML still escaped and line breaks folded, as it sits in a list item.
 */
function escapeProse(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}

/** Rule ids are kebab-case; anything else is shown escaped rather than in a code span. */
function ruleCell(id: string): string {
  return /^[A-Za-z0-9._-]+$/.test(id) ? `\`${id}\`` : escapeCell(id);
}

const TITLE: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Section {
  readonly open: string;
  readonly rows: readonly string[];
  readonly close: string;
  /** Whether its rows are findings (counted for the truncation note). */
  readonly findingRows: boolean;
}

function table(header: readonly string[], align: readonly string[]): string {
  return `| ${header.join(' | ')} |\n| ${align.join(' | ')} |\n`;
}

function folded(
  summary: string,
  open: boolean,
  fold: boolean,
  tableHead: string,
): { open: string; close: string } {
  return fold
    ? {
        open: `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${tableHead}`,
        close: '\n</details>\n\n',
      }
    : { open: `### ${summary}\n\n${tableHead}`, close: '\n' };
}

function findingRow(f: LocatedFinding): string {
  // rendered Helm output: the template the document came from says more than a line of the output
  const where = f.source.template ?? `${f.location.file}:${f.location.line}`;
  return `| ${f.severity} | ${ruleCell(f.ruleId)} | ${escapeCell(describeRef(f.resource))} | ${escapeCell(where)} | ${escapeCell(f.message)} |\n`;
}

function sections(result: ScanResult): Section[] {
  const out: Section[] = [];
  if (result.errors.length > 0) {
    out.push({
      open: `### Input errors\n\nThese inputs could not be read or parsed; the rest was scanned.\n\n${table(['file', 'line', 'error'], ['---', '---:', '---'])}`,
      rows: result.errors.map(
        (e) => `| ${escapeCell(e.file)} | ${e.line ?? ''} | ${escapeCell(e.message)} |\n`,
      ),
      close: '\n',
      findingRows: false,
    });
  }
  const head = table(
    ['severity', 'rule', 'resource', 'file:line', 'message'],
    ['---', '---', '---', '---', '---'],
  );
  for (const sev of SEVERITIES) {
    const group = result.findings
      .filter((f) => f.severity === sev)
      .sort(
        (a, b) =>
          (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
          a.location.line - b.location.line,
      );
    if (group.length === 0) continue;
    const fold = group.length > FOLD_AFTER_ROWS;
    out.push({
      ...folded(`${TITLE[sev]} (${group.length})`, sev === 'critical', fold, head),
      rows: group.map(findingRow),
      findingRows: true,
    });
  }
  if (result.suppressed.length > 0) {
    out.push({
      ...folded(
        `Suppressed (${result.suppressed.length})`,
        false,
        true,
        table(['rule', 'resource', 'by', 'reason'], ['---', '---', '---', '---']),
      ),
      rows: result.suppressed.map(
        (s) =>
          `| ${ruleCell(s.finding.ruleId)} | ${escapeCell(describeRef(s.finding.resource))} | ${s.by} | ${escapeCell(s.reason)} |\n`,
      ),
      findingRows: false,
    });
  }
  if (result.controls !== undefined) {
    const { framework, results } = result.controls;
    const failing = results.filter((r) => r.status === 'fail').length;
    out.push({
      ...folded(
        `${FRAMEWORKS[framework]}: ${failing} of ${results.length} controls fail`,
        false,
        true,
        table(
          ['control', 'status', 'findings', 'accepted', 'resources failed / checked', 'rules'],
          ['---', '---', '---:', '---:', '---:', '---'],
        ),
      ),
      rows: results.map(
        (r) =>
          `| ${escapeCell(r.id)} | ${r.status === 'fail' ? '**fail**' : r.status} | ${r.findings} | ${r.accepted} | ${r.failedResources} / ${r.checkedResources} | ${r.rules.map(ruleCell).join(', ')} |\n`,
      ),
      findingRows: false,
    });
  }
  const fired = new Set(result.findings.map((f) => f.ruleId));
  const rules = result.rules.filter((r) => fired.has(r.id));
  if (rules.length > 0) {
    out.push({
      open: '<details><summary>How to fix</summary>\n\n',
      rows: rules.map(
        (r) => `- ${ruleCell(r.id)} — ${escapeProse(r.title)}: ${escapeProse(r.remediation)}\n`,
      ),
      close: '\n</details>\n\n',
      findingRows: false,
    });
  }
  return out;
}

function header(result: ScanResult): string {
  const counts = countBySeverity(result.findings);
  const n = result.findings.length;
  const s = result.stats;
  const facts = [
    `Scanned ${plural(s.resources, 'resource')} in ${plural(s.sources, 'source')} with ${plural(s.rules, 'rule')}`,
    ...(result.suppressed.length > 0 ? [`${result.suppressed.length} suppressed`] : []),
    ...(result.errors.length > 0 ? [`**${plural(result.errors.length, 'input error')}**`] : []),
  ];
  return [
    MARKER,
    `## kubeward: ${n === 0 ? 'no findings' : plural(n, 'finding')}`,
    '',
    table(
      SEVERITIES.map((sev) => sev),
      SEVERITIES.map(() => '---:'),
    ) + `| ${SEVERITIES.map((sev) => counts[sev]).join(' | ')} |`,
    '',
    `${facts.join('; ')}.`,
    '',
    '',
  ].join('\n');
}

export function renderMarkdown(result: ScanResult, tool: ToolInfo, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const footer = `<sub>${escapeCell(`${tool.name} ${tool.version}`)} · ${escapeCell(tool.informationUri)}</sub>\n`;
  const total = result.findings.length;
  const note = (listed: number): string =>
    (listed < total
      ? `**Truncated:** ${listed} of ${total} findings are listed; the rest did not fit in one comment. `
      : '**Truncated:** every finding is listed, but not everything after them fit in one comment. ') +
    'The full report is in the CI log, or run `kubeward scan --format sarif`.\n\n';
  // Room kept for the note, the footer and the close of the section being written.
  const reserve = Math.max(note(0).length, note(total).length) + footer.length + 64;

  let out = header(result);
  let listed = 0;
  let truncated = false;
  for (const section of sections(result)) {
    if (truncated) break;
    if (out.length + section.open.length + section.close.length + reserve > limit) {
      truncated = true;
      break;
    }
    out += section.open;
    for (const row of section.rows) {
      if (out.length + row.length + section.close.length + reserve > limit) {
        truncated = true;
        break;
      }
      out += row;
      if (section.findingRows) listed++;
    }
    out += section.close;
  }
  if (truncated) out += note(listed);
  return out + footer;
}
