import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../policy/registry.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { scanTexts } from '../../test/scanTexts.js';
import type { ScanResult } from '../scan.js';
import { findingJson, renderJson, renderJsonChunks } from './json.js';

const TOOL = { name: 'kubeward', version: '1.0.0', informationUri: 'https://example.test' };
const pod = (name: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  containers: [{name: app, image: "x:1", securityContext: {privileged: true}}]\n`;

/**
 * The report built as one object and serialised by JSON.stringify: the reference the
 * chunked writer must reproduce byte for byte (DESIGN.md "JSON report").
 */
function referenceReport(result: ScanResult): string {
  const summary = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of result.findings) summary[f.severity] += 1;
  const report = {
    schemaVersion: '1',
    tool: { name: TOOL.name, version: TOOL.version },
    summary,
    stats: result.stats,
    findings: result.findings.map(findingJson),
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
  return `${JSON.stringify(report, null, 2)}\n`;
}

describe('JSON report', () => {
  it.each([
    ['no findings', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }, 0, 0, 0],
    ['one finding', { 'a.yaml': pod('one') }, 1, 0, 0],
    [
      'several findings and an input error',
      { 'a.yaml': `${pod('one')}---\n${pod('two')}`, 'b.yaml': 'kind: [' },
      2,
      0,
      1,
    ],
    // findings are written FINDINGS_PER_CHUNK (50) at a time: cross many piece boundaries
    [
      '2,001 findings',
      { 'a.yaml': Array.from({ length: 2001 }, (_, i) => pod(`p${i}`)).join('---\n') },
      2001,
      0,
      0,
    ],
    // suppressed findings are written in pieces of the same size
    [
      '121 suppressed findings and some not',
      {
        'a.yaml': Array.from({ length: 130 }, (_, i) =>
          i < 121
            ? pod(`s${i}`).replace(
                'namespace: shop}',
                'namespace: shop, annotations: {kubeward.io/ignore: "privileged-container: GPU \\"driver\\""}}',
              )
            : pod(`p${i}`),
        ).join('---\n'),
      },
      9,
      121,
      0,
    ],
  ] as const)(
    'written in chunks, is exactly the JSON.stringify of the report object: %s',
    (_name, files, findings, suppressed, errors) => {
      const result = scanTexts(files, { rules: [privilegedContainer] });
      expect(result.findings).toHaveLength(findings);
      expect(result.suppressed).toHaveLength(suppressed);
      expect(result.errors).toHaveLength(errors);
      const text = renderJson(result, TOOL);
      expect(text).toBe(referenceReport(result));
      // every finding written, each the findingJson of its finding, in order
      const report = JSON.parse(text) as { findings: unknown[]; suppressed: unknown[] };
      expect(report.findings).toHaveLength(findings);
      report.findings.forEach((f, i) => {
        expect(f).toEqual(JSON.parse(JSON.stringify(findingJson(result.findings[i]!))));
      });
      expect(report.suppressed).toHaveLength(suppressed);
    },
  );

  it('names each of 2,001 pods once, in input order', () => {
    const result = scanTexts(
      { 'a.yaml': Array.from({ length: 2001 }, (_, i) => pod(`p${i}`)).join('---\n') },
      { rules: [privilegedContainer] },
    );
    const report = JSON.parse(renderJson(result, TOOL)) as { findings: { resource: { name: string } }[] };
    expect(report.findings.map((f) => f.resource.name)).toEqual(
      Array.from({ length: 2001 }, (_, i) => `p${i}`),
    );
  });

  it('writes every field of every finding, also for cluster-scoped resources and odd values', () => {
    const result = scanTexts(
      {
        'a.yaml': `${pod('one')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: all}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n`,
      },
      { rules: BUILTIN_RULES },
    );
    // a finding whose location a custom caller left unresolved: written the slow way, the same
    const odd = {
      ...result.findings[0]!,
      message: 'quote " and \\ and \u2028',
      location: { file: 'a.yaml', line: NaN, column: 1 },
    };
    // a finding in rendered Helm output, with the template it came from
    const rendered = {
      ...result.findings[1]!,
      source: { ...result.findings[1]!.source, template: 'charts/shop/templates/"web".yaml' },
    };
    const findings = [...result.findings, odd, rendered];
    const text = renderJson({ ...result, findings }, TOOL);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    // the slow way, through JSON.stringify, is the reference: same keys, values and order
    const reference = JSON.stringify(findings.map(findingJson));
    expect(JSON.stringify((JSON.parse(text) as { findings: unknown }).findings)).toBe(reference);
    const expected = JSON.parse(reference) as ReturnType<typeof findingJson>[];
    expect(expected.some((f) => f.resource.namespace === null)).toBe(true);
    expect(expected.some((f) => 'container' in f)).toBe(true);
    expect(expected.at(-1)!.location).toMatchObject({ template: 'charts/shop/templates/"web".yaml' });
  });

  it('has the DESIGN.md shape', () => {
    const result = scanTexts({ 'a.yaml': pod('one') }, { rules: [privilegedContainer] });
    const report = JSON.parse([...renderJsonChunks(result, TOOL)].join(''));
    expect(report).toMatchObject({
      schemaVersion: '1',
      summary: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
      findings: [
        {
          ruleId: 'privileged-container',
          severity: 'critical',
          path: 'spec.containers[0].securityContext.privileged',
          resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'one' },
          location: { file: 'a.yaml', line: 5, column: 60 },
        },
      ],
      errors: [],
    });
  });
});
