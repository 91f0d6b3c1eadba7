/**
 * JUnit XML for CI test-report views (GitLab, Jenkins, Azure DevOps, GitHub test
 * reporters): one `<testsuite>` per rule that ran, one `<testcase>` per (rule,
 * resource the rule applies to). Passing resources are listed too, as passed
 * testcases — test-report UIs count them and show what was checked, not only what
 * failed. A resource whose every finding is suppressed is a skipped testcase with
 * the reason. Input errors form one more suite, `kubeward.input`, of errored testcases.
 *
 * The shape is the de-facto one those tools read (the Ant JUnit task's); there is no
 * `time`, kubeward does not time rules.
 */
import { describeRef, type SourceRef } from '../k8s/resource.js';
import { WORKLOAD_KINDS } from '../k8s/podSpec.js';
import { formatInputError, type InputError } from '../load/inputError.js';
import type { Finding, Rule, SuppressedFinding } from '../policy/types.js';
import type { LocatedFinding, ScanResult } from '../scan.js';
import type { ToolInfo } from './summary.js';

export const INPUT_SUITE = 'kubeward.input';

/** Characters XML 1.0 does not allow at all (§2.2 Char), lone surrogates included; they are dropped. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep tabs and line breaks (which attribute normalisation would turn into spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function element(name: string, attrs: Record<string, string | number | undefined>, body?: string): string {
  const a = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

function sourceKey(s: SourceRef): string {
  return `${s.file}\u0000${s.documentIndex}\u0000${s.itemIndex ?? ''}`;
}

/** Whether evaluation ran `rule` on a resource of this kind (evaluate.ts dispatches on `targets` the same way). */
function applies(rule: Rule, kind: string, isWorkload: boolean): boolean {
  return rule.targets.some((t) => (t === 'workload' ? isWorkload || WORKLOAD_KINDS.has(kind) : t === kind));
}

interface Case {
  readonly resource: { ref: Finding['resource']; source: SourceRef };
  readonly findings: LocatedFinding[];
  readonly suppressed: SuppressedFinding[];
}

function findingText(f: LocatedFinding): string {
  const where = `${f.location.file}:${f.location.line}:${f.location.column}`;
  return `${f.message}\n  at ${where}  ${f.path}\n  fix: ${f.remediation}`;
}

function testcase(rule: Rule, c: Case, indent: string): { xml: string; failed: boolean; skipped: boolean } {
  const first = c.findings[0];
  const attrs = {
    classname: rule.id,
    name: describeRef(c.resource.ref),
    file: c.resource.source.file,
    line: first?.location.line ?? c.resource.source.line,
  };
  const notes = c.suppressed.map((s) => `suppressed (${s.by}): ${s.finding.message} — ${s.reason}`);
  const out = notes.length > 0 ? `${indent}  ${element('system-out', {}, xmlText(notes.join('\n')))}\n` : '';
  if (first !== undefined) {
    const failure = element(
      'failure',
      { message: c.findings.map((f) => f.message).join('; '), type: rule.severity },
      xmlText(c.findings.map(findingText).join('\n')),
    );
    return {
      xml: `${indent}${element('testcase', attrs, `\n${indent}  ${failure}\n${out}${indent}`)}`,
      failed: true,
      skipped: false,
    };
  }
  if (c.suppressed.length > 0) {
    const reasons = [...new Set(c.suppressed.map((s) => `suppressed by ${s.by}: ${s.reason}`))].join('; ');
    const skipped = element('skipped', { message: reasons });
    return {
      xml: `${indent}${element('testcase', attrs, `\n${indent}  ${skipped}\n${out}${indent}`)}`,
      failed: false,
      skipped: true,
    };
  }
  return { xml: `${indent}${element('testcase', attrs)}`, failed: false, skipped: false };
}

function ruleSuite(
  rule: Rule,
  result: ScanResult,
): { xml: string; tests: number; failures: number; skipped: number } {
  const cases = new Map<string, Case>();
  for (const r of result.inventory.resources) {
    if (applies(rule, r.ref.kind, result.inventory.workloadOf(r) !== undefined)) {
      cases.set(sourceKey(r.source), { resource: r, findings: [], suppressed: [] });
    }
  }
  const caseOf = (f: Finding): Case => {
    const key = sourceKey(f.source);
    let c = cases.get(key);
    if (c === undefined) {
      c = { resource: { ref: f.resource, source: f.source }, findings: [], suppressed: [] };
      cases.set(key, c);
    }
    return c;
  };
  for (const f of result.findings) if (f.ruleId === rule.id) caseOf(f).findings.push(f);
  for (const s of result.suppressed) if (s.finding.ruleId === rule.id) caseOf(s.finding).suppressed.push(s);

  const rendered = [...cases.values()].map((c) => testcase(rule, c, '    '));
  const failures = rendered.filter((r) => r.failed).length;
  const skipped = rendered.filter((r) => r.skipped).length;
  const props = [
    element('property', { name: 'title', value: rule.title }),
    element('property', { name: 'severity', value: rule.severity }),
    element('property', { name: 'category', value: rule.category }),
  ].map((p) => `      ${p}`);
  const body = [`    <properties>`, ...props, `    </properties>`, ...rendered.map((r) => r.xml)].join('\n');
  const xml = element(
    'testsuite',
    { name: rule.id, tests: rendered.length, failures, errors: 0, skipped },
    `\n${body}\n  `,
  );
  return { xml: `  ${xml}`, tests: rendered.length, failures, skipped };
}

function inputSuite(errors: readonly InputError[], warnings: readonly string[]): string {
  const cases = errors.map((e) => {
    const name = e.line !== undefined ? `${e.file}:${e.line}` : e.file;
    const error = element('error', { message: e.message, type: 'InputError' }, xmlText(formatInputError(e)));
    return `    ${element('testcase', { classname: INPUT_SUITE, name, file: e.file, line: e.line }, `\n      ${error}\n    `)}`;
  });
  const out = warnings.length > 0 ? [`    ${element('system-out', {}, xmlText(warnings.join('\n')))}`] : [];
  const body = [...cases, ...out].join('\n');
  return `  ${element(
    'testsuite',
    { name: INPUT_SUITE, tests: errors.length, failures: 0, errors: errors.length, skipped: 0 },
    `\n${body}\n  `,
  )}`;
}

export function renderJunit(result: ScanResult, tool: ToolInfo): string {
  const suites = result.rules.map((r) => ruleSuite(r, result));
  const hasInput = result.errors.length > 0 || result.warnings.length > 0;
  const tests = suites.reduce((n, s) => n + s.tests, 0) + result.errors.length;
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const skipped = suites.reduce((n, s) => n + s.skipped, 0);
  const body = [
    ...suites.map((s) => s.xml),
    ...(hasInput ? [inputSuite(result.errors, result.warnings)] : []),
  ].join('\n');
  const root = element(
    'testsuites',
    { name: `${tool.name} ${tool.version}`, tests, failures, errors: result.errors.length, skipped },
    body === '' ? '' : `\n${body}\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
