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
import { describeRef, sourceKey, type SourceRef } from '../k8s/resource.js';
import { formatInputError, type InputError } from '../load/inputError.js';
import { ruleAppliesTo } from '../policy/evaluate.js';
import type { Finding, Rule, SuppressedFinding } from '../policy/types.js';
import type { LocatedFinding, ResourceHead, ScanResult } from '../scan.js';
import { FINDINGS_PER_CHUNK, type ToolInfo } from './summary.js';

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

/** The opening and closing tags of an element whose body is written in pieces between them. */
function tagsOf(name: string, attrs: Record<string, string | number | undefined>): [string, string] {
  // NUL cannot occur in an escaped attribute: it marks where the body goes
  return element(name, attrs, '\u0000').split('\u0000') as [string, string];
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

/** A rule's findings and suppressed findings. */
interface RuleHits {
  readonly findings: LocatedFinding[];
  readonly suppressed: SuppressedFinding[];
}

function hitsByRule(result: ScanResult): Map<string, RuleHits> {
  const out = new Map<string, RuleHits>();
  const of = (id: string): RuleHits => {
    let hits = out.get(id);
    if (hits === undefined) out.set(id, (hits = { findings: [], suppressed: [] }));
    return hits;
  };
  for (const f of result.findings) of(f.ruleId).findings.push(f);
  for (const s of result.suppressed) of(s.finding.ruleId).suppressed.push(s);
  return out;
}

/** Each resource with its source key, worked out once for all rules. */
interface Target {
  readonly resource: ResourceHead;
  readonly key: string;
}

function targetsOf(result: ScanResult): Target[] {
  return result.resources.map((resource) => ({ resource, key: sourceKey(resource.source) }));
}

/** The testcases of a rule: every resource it applies to, and any other resource it reported on. */
function casesOf(
  rule: Rule,
  targets: readonly Target[],
  hits: RuleHits | undefined,
  extraWorkloadKinds: readonly string[],
): Case[] {
  const cases = new Map<string, Case>();
  const byKind = new Map<string, boolean>();
  for (const t of targets) {
    const kind = t.resource.ref.kind;
    let yes = byKind.get(kind);
    if (yes === undefined) byKind.set(kind, (yes = ruleAppliesTo(rule, kind, extraWorkloadKinds)));
    if (yes) cases.set(t.key, { resource: t.resource, findings: [], suppressed: [] });
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
  for (const f of hits?.findings ?? []) caseOf(f).findings.push(f);
  for (const s of hits?.suppressed ?? []) caseOf(s.finding).suppressed.push(s);
  return [...cases.values()];
}

interface SuiteCounts {
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

function countsOf(cases: readonly Case[]): SuiteCounts {
  let failures = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.findings.length > 0) failures++;
    else if (c.suppressed.length > 0) skipped++;
  }
  return { tests: cases.length, failures, skipped };
}

/**
 * A rule's test suite as pieces of text: its opening tag and properties, its testcases
 * `FINDINGS_PER_CHUNK` at a time, its closing tag. A suite can hold a testcase for each of
 * 100,000s of resources; pieces that size stay out of V8's large-object space (summary.ts).
 */
function* ruleSuiteChunks(rule: Rule, cases: readonly Case[], counts: SuiteCounts): Generator<string> {
  const props = [
    element('property', { name: 'title', value: rule.title }),
    element('property', { name: 'severity', value: rule.severity }),
    element('property', { name: 'category', value: rule.category }),
  ].map((p) => `      ${p}`);
  const [open, close] = tagsOf('testsuite', {
    name: rule.id,
    tests: counts.tests,
    failures: counts.failures,
    errors: 0,
    skipped: counts.skipped,
  });
  yield `  ${open}\n${[`    <properties>`, ...props, `    </properties>`].join('\n')}`;
  for (let i = 0; i < cases.length; i += FINDINGS_PER_CHUNK) {
    let piece = '';
    for (const c of cases.slice(i, i + FINDINGS_PER_CHUNK)) piece += `\n${testcase(rule, c, '    ').xml}`;
    yield piece;
  }
  yield `\n  ${close}`;
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

/**
 * The report as consecutive pieces of text, one test suite at a time, so that a scan of
 * 100,000s of resources is written without holding the whole document (nor a whole suite). The root element
 * carries the totals, so each rule's testcases are gathered twice: once to count, once to write.
 */
export function* renderJunitChunks(result: ScanResult, tool: ToolInfo): Generator<string> {
  const hits = hitsByRule(result);
  const targets = targetsOf(result);
  const counts = result.rules.map((r) =>
    countsOf(casesOf(r, targets, hits.get(r.id), Object.keys(result.podTemplateKinds))),
  );
  const hasInput = result.errors.length > 0 || result.warnings.length > 0;
  const tests = counts.reduce((n, s) => n + s.tests, 0) + result.errors.length;
  const failures = counts.reduce((n, s) => n + s.failures, 0);
  const skipped = counts.reduce((n, s) => n + s.skipped, 0);
  const attrs = {
    name: `${tool.name} ${tool.version}`,
    tests,
    failures,
    errors: result.errors.length,
    skipped,
  };
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (result.rules.length === 0 && !hasInput) {
    yield `${element('testsuites', attrs, '')}\n`;
    return;
  }
  const [open, close] = tagsOf('testsuites', attrs);
  yield `${open}\n`;
  for (let i = 0; i < result.rules.length; i++) {
    const rule = result.rules[i]!;
    if (i > 0) yield '\n';
    yield* ruleSuiteChunks(
      rule,
      casesOf(rule, targets, hits.get(rule.id), Object.keys(result.podTemplateKinds)),
      counts[i]!,
    );
  }
  if (hasInput) yield `${result.rules.length > 0 ? '\n' : ''}${inputSuite(result.errors, result.warnings)}`;
  yield `\n${close}\n`;
}

export function renderJunit(result: ScanResult, tool: ToolInfo): string {
  let out = '';
  for (const chunk of renderJunitChunks(result, tool)) out += chunk;
  return out;
}
