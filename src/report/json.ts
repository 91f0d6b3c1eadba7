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

/** A finding as the report holds it (the reference `findingText` writes faster). */
export function findingJson(f: LocatedFinding) {
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
    location: {
      file: f.location.file,
      line: f.location.line,
      column: f.location.column,
      ...(f.source.template !== undefined ? { template: f.source.template } : {}),
    },
    remediation: f.remediation,
    references: f.references,
  };
}

const str = JSON.stringify;

/**
 * A finding as it stands in the findings array of the report (an item at four spaces,
 * its properties at six): exactly what `JSON.stringify(report, null, 2)` writes for
 * `findingJson(f)`, with the rule's references — the same for each of its findings, and
 * the longest part — serialised once per rule (`references`). A finding whose fields are
 * not the strings and numbers the types promise is serialised the slow way.
 */
function findingText(f: LocatedFinding, references: Map<object, string>): string {
  const r = f.resource;
  const loc = f.location;
  if (
    typeof r.apiVersion !== 'string' ||
    typeof r.kind !== 'string' ||
    typeof r.name !== 'string' ||
    !Number.isFinite(loc.line) ||
    !Number.isFinite(loc.column)
  ) {
    return `\n    ${str(findingJson(f), null, 2).replace(/\n/g, '\n    ')}`;
  }
  let refs = references.get(f.references);
  if (refs === undefined) {
    refs = str(f.references, null, 2).replace(/\n/g, '\n      ');
    references.set(f.references, refs);
  }
  return (
    `\n    {\n      "ruleId": ${str(f.ruleId)},\n      "severity": ${str(f.severity)},` +
    `\n      "title": ${str(f.title)},\n      "category": ${str(f.category)},` +
    `\n      "message": ${str(f.message)},\n      "path": ${str(f.path)},` +
    `\n      "resource": {\n        "apiVersion": ${str(r.apiVersion)},\n        "kind": ${str(r.kind)},` +
    `\n        "namespace": ${r.namespace === undefined ? 'null' : str(r.namespace)},\n        "name": ${str(r.name)}\n      },` +
    (f.container !== undefined ? `\n      "container": ${str(f.container)},` : '') +
    `\n      "location": {\n        "file": ${str(loc.file)},\n        "line": ${loc.line},\n        "column": ${loc.column}` +
    (f.source.template !== undefined ? `,\n        "template": ${str(f.source.template)}` : '') +
    `\n      },` +
    `\n      "remediation": ${str(f.remediation)},\n      "references": ${refs}\n    }`
  );
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
  const findings = result.findings;
  const references = new Map<object, string>();
  for (let i = 0; i < findings.length; i += FINDINGS_PER_CHUNK) {
    let piece = '';
    const end = Math.min(findings.length, i + FINDINGS_PER_CHUNK);
    for (let k = i; k < end; k++) piece += `${k > 0 ? ',' : ''}${findingText(findings[k]!, references)}`;
    yield piece;
  }
  yield findings.length > 0 ? '\n  ],\n' : '],\n';
  // The suppressed findings in pieces too: with a baseline they can be all of them.
  yield '  "suppressed": [';
  const suppressed = result.suppressed;
  for (let i = 0; i < suppressed.length; i += FINDINGS_PER_CHUNK) {
    let piece = '';
    const end = Math.min(suppressed.length, i + FINDINGS_PER_CHUNK);
    for (let k = i; k < end; k++) {
      const s = suppressed[k]!;
      const entry = {
        ruleId: s.finding.ruleId,
        path: s.finding.path,
        resource: s.finding.resource,
        reason: s.reason,
        by: s.by,
      };
      piece += `${k > 0 ? ',' : ''}\n    ${str(entry, null, 2).replace(/\n/g, '\n    ')}`;
    }
    yield piece;
  }
  yield suppressed.length > 0 ? '\n  ],\n' : '],\n';
  const tail = {
    errors: result.errors.map((e) => ({
      file: e.file,
      line: e.line ?? null,
      ...(e.column !== undefined ? { column: e.column } : {}),
      message: e.message,
    })),
    warnings: result.warnings,
    ...(result.controls !== undefined
      ? { framework: result.controls.framework, controls: result.controls.results }
      : {}),
  };
  yield `${JSON.stringify(tail, null, 2).slice(2)}\n`;
}

export function renderJson(result: ScanResult, tool: ToolInfo): string {
  let out = '';
  for (const chunk of renderJsonChunks(result, tool)) out += chunk;
  return out;
}
