/**
 * The JSON report of `scan`, schemaVersion "1". Its shape is fixed by DESIGN.md;
 * fields may be added, none renamed.
 *
 * The report is produced in chunks, one finding at a time, so that a scan with
 * hundreds of thousands of findings is written without first building one string of
 * hundreds of megabytes; the text is exactly `JSON.stringify(report, null, 2)`.
 */
import type { LocatedFinding, ScanResult } from '../scan.js';
import { countBySeverity, FINDINGS_PER_CHUNK, type ToolInfo } from './summary.js';

function findingJson(f: LocatedFinding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    category: f.category,
    message: f.message,
    path: f.path,
    resource: {
      apiVersion: f.resource.apiVersion,
      kind: f.resource.kind,
      namespace: f.resource.namespace ?? null,
      name: f.resource.name,
    },
    ...(f.container !== undefined ? { container: f.container } : {}),
    location: { file: f.location.file, line: f.location.line, column: f.location.column },
    remediation: f.remediation,
    references: f.references,
  };
}

/** The report as consecutive pieces of text; joined, they are the whole document. */
export function* renderJsonChunks(result: ScanResult, tool: ToolInfo): Generator<string> {
  const head = {
    schemaVersion: '1',
    tool: { name: tool.name, version: tool.version },
    summary: countBySeverity(result.findings),
    stats: result.stats,
  };
  // `{ …head…\n}` without its closing line, then the findings array by hand, then the
  // rest without its opening line: the same bytes JSON.stringify(whole, null, 2) gives.
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "findings": [`;
  // Batches serialised as `{"findings": [...]}` have their items indented exactly as in the
  // whole document; cutting the wrapper off keeps the native serialiser's speed.
  const findings = result.findings;
  const open = '{\n  "findings": ['.length;
  const close = '\n  ]\n}'.length;
  for (let i = 0; i < findings.length; i += FINDINGS_PER_CHUNK) {
    const batch = findings.slice(i, i + FINDINGS_PER_CHUNK).map(findingJson);
    const text = JSON.stringify({ findings: batch }, null, 2);
    yield `${i > 0 ? ',' : ''}${text.slice(open, -close)}`;
  }
  yield findings.length > 0 ? '\n  ],\n' : '],\n';
  const tail = {
    suppressed: result.suppressed.map((s) => ({
      ruleId: s.finding.ruleId,
      path: s.finding.path,
      resource: s.finding.resource,
      reason: s.reason,
      by: s.by,
    })),
    errors: result.errors.map((e) => ({
      file: e.file,
      line: e.line ?? null,
      ...(e.column !== undefined ? { column: e.column } : {}),
      message: e.message,
    })),
    warnings: result.warnings,
  };
  yield `${JSON.stringify(tail, null, 2).slice(2)}\n`;
}

export function renderJson(result: ScanResult, tool: ToolInfo): string {
  let out = '';
  for (const chunk of renderJsonChunks(result, tool)) out += chunk;
  return out;
}
