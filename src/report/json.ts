/**
 * The JSON report of `scan`, schemaVersion "1". Its shape is fixed by DESIGN.md;
 * fields may be added, none renamed.
 */
import type { ScanResult } from '../scan.js';
import { countBySeverity, type ToolInfo } from './summary.js';

export function renderJson(result: ScanResult, tool: ToolInfo): string {
  const doc = {
    schemaVersion: '1',
    tool: { name: tool.name, version: tool.version },
    summary: countBySeverity(result.findings),
    stats: result.stats,
    findings: result.findings.map((f) => ({
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
    })),
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
  return JSON.stringify(doc, null, 2) + '\n';
}
