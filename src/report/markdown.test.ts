import { describe, expect, it } from 'vitest';
import { scanTexts as scanShared } from '../../test/scanTexts.js';
import type { InputError } from '../load/inputError.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../policy/config.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { defineRule, type Rule } from '../policy/types.js';
import type { ScanResult } from '../scan.js';
import { FOLD_AFTER_ROWS, GITHUB_COMMENT_LIMIT, MARKER, renderMarkdown } from './markdown.js';

const TOOL = { name: 'kubeward', version: '1.2.3', informationUri: 'https://example.test/kubeward' };

const pod = (name: string, privileged = true, annotations = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop${annotations}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: ${privileged}
`;

/** One finding per Service, its message taken from an annotation, so tests can feed any text. */
const echo: Rule = defineRule({
  id: 'echo-message',
  title: 'Echo | test',
  category: 'hygiene',
  severity: 'low',
  description: 'Reports the `test/message` annotation.',
  rationale: 'Testing.',
  remediation: 'Remove the `test/message` annotation <now>.',
  references: {},
  targets: ['Service'],
  *check({ resource }) {
    const m = resource.annotations['test/message'];
    if (m !== undefined) yield { message: m, path: ['metadata', 'annotations', 'test/message'] };
  },
});

const service = (name: string, message: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  annotations:\n    test/message: ${JSON.stringify(message)}\n`;

function scanTexts(
  files: Record<string, string>,
  opts: { errors?: InputError[]; config?: KubewardConfig } = {},
): ScanResult {
  return scanShared(files, { rules: [privilegedContainer, echo], ...opts });
}

/** Every `<details>` is closed, and every table row has the same number of cells as its header. */
function expectWellFormed(md: string): void {
  expect(md.match(/<details/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  for (const block of md.split(/\n\n+/)) {
    const rows = block.split('\n').filter((l) => l.startsWith('|'));
    if (rows.length === 0) continue;
    // an escaped pipe `\|` is not a cell separator
    const cells = (row: string) => row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    for (const r of rows) expect(cells(r), r).toBe(cells(rows[0]!));
  }
}

describe('Markdown output', () => {
  it('opens with a marker, a headline and the counts per severity', () => {
    const md = renderMarkdown(
      scanTexts({ 'k8s/pod.yaml': pod('web'), 's.yaml': service('front', 'port 80 open') }),
      TOOL,
    );
    expect(md.split('\n').slice(0, 8)).toEqual([
      MARKER,
      '## kubeward: 2 findings',
      '',
      '| critical | high | medium | low | info |',
      '| ---: | ---: | ---: | ---: | ---: |',
      '| 1 | 0 | 0 | 1 | 0 |',
      '',
      'Scanned 2 resources in 2 sources with 2 rules.',
    ]);
    expectWellFormed(md);
  });

  it('lists findings by severity in tables of severity, rule, resource, file:line and message', () => {
    const md = renderMarkdown(
      scanTexts({ 'k8s/pod.yaml': pod('web'), 's.yaml': service('front', 'port 80 open') }),
      TOOL,
    );
    const critical = md.indexOf('### Critical (1)');
    const low = md.indexOf('### Low (1)');
    expect(critical).toBeGreaterThan(0);
    expect(low).toBeGreaterThan(critical);
    expect(md).toContain(
      '| severity | rule | resource | file:line | message |\n| --- | --- | --- | --- | --- |\n' +
        '| critical | `privileged-container` | Pod shop/web | k8s/pod.yaml:11 | container "app" runs privileged (securityContext.privileged: true) |\n',
    );
    expect(md).toContain('| low | `echo-message` | Service front | s.yaml:6 | port 80 open |\n');
    // the fix for each rule that fired, folded
    expect(md).toContain('<details><summary>How to fix</summary>\n\n');
    // rule documentation keeps its code spans
    expect(md).toContain(
      `- \`privileged-container\` — Container runs privileged: ${privilegedContainer.remediation}\n`,
    );
    expect(md).toContain(
      '- `echo-message` — Echo | test: Remove the `test/message` annotation &lt;now&gt;.\n',
    );
    expect(md.endsWith('<sub>kubeward 1.2.3 · https://example.test/kubeward</sub>\n')).toBe(true);
    expect(md).not.toContain('Truncated');
  });

  it('says so plainly when there is nothing to report', () => {
    const md = renderMarkdown(scanTexts({ 'p.yaml': pod('ok', false) }), TOOL);
    expect(md).toContain('## kubeward: no findings\n');
    expect(md).toContain('| 0 | 0 | 0 | 0 | 0 |');
    expect(md).not.toContain('###');
    expect(md).not.toContain('How to fix');
  });

  it('escapes pipes, backticks, Markdown emphasis and HTML in cells', () => {
    const hostile = 'a|b `code` *bold* _it_ [x](y) <img src=x onerror=alert(1)> & \\| ~~s~~\nnext';
    const md = renderMarkdown(scanTexts({ 's.yaml': service('front', hostile) }), TOOL);
    const row = md.split('\n').find((l) => l.startsWith('| low'))!;
    expect(row).toBe(
      '| low | `echo-message` | Service front | s.yaml:6 | a\\|b \\`code\\` \\*bold\\* \\_it\\_ \\[x\\](y) &lt;img src=x onerror=alert(1)&gt; &amp; \\\\\\| \\~\\~s\\~\\~ next |',
    );
    expect(md).not.toContain('<img');
    expectWellFormed(md);
  });

  it('folds long severity groups into <details>, critical ones open', () => {
    const many = (n: number, privileged: boolean) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `p${String(i).padStart(2, '0')}.yaml`,
          pod(`p${i}`, privileged),
        ]),
      );
    const services = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ROWS }, (_, i) => [`s${i}.yaml`, service(`s${i}`, `m${i}`)]),
    );
    const md = renderMarkdown(scanTexts({ ...many(FOLD_AFTER_ROWS + 1, true), ...services }), TOOL);
    expect(md).toContain(
      `<details open><summary>Critical (${FOLD_AFTER_ROWS + 1})</summary>\n\n| severity |`,
    );
    // exactly FOLD_AFTER_ROWS rows: still a plain table
    expect(md).toContain(`### Low (${FOLD_AFTER_ROWS})\n\n| severity |`);
    expectWellFormed(md);
  });

  it('lists input errors and suppressed findings', () => {
    const config: KubewardConfig = {
      ...DEFAULT_CONFIG,
      exceptions: [{ rules: ['echo-message'], match: { name: 'legacy' }, reason: 'ticket | 42' }],
    };
    const md = renderMarkdown(
      scanTexts(
        {
          'a.yaml': pod(
            'dbg',
            true,
            '\n  annotations:\n    kubeward.io/ignore: "privileged-container: debugging"',
          ),
          's.yaml': service('legacy', 'x'),
        },
        { config, errors: [{ file: 'bad|name.yaml', line: 3, message: 'unexpected <end>' }] },
      ),
      TOOL,
    );
    expect(md).toContain('Scanned 2 resources in 2 sources with 2 rules; 2 suppressed; **1 input error**.');
    expect(md).toContain('### Input errors\n');
    expect(md).toContain('| bad\\|name.yaml | 3 | unexpected &lt;end&gt; |\n');
    expect(md).toContain('<details><summary>Suppressed (2)</summary>\n\n| rule | resource | by | reason |');
    expect(md).toContain('| `privileged-container` | Pod shop/dbg | annotation | debugging |\n');
    expect(md).toContain('| `echo-message` | Service legacy | config | ticket \\| 42 |\n');
    expectWellFormed(md);
  });

  it('stays within the size limit and says how many findings it lists', () => {
    const files = Object.fromEntries(
      Array.from({ length: 1500 }, (_, i) => [
        `svc-${i}.yaml`,
        service(`svc-${i}`, `finding number ${i} `.repeat(4)),
      ]),
    );
    const result = scanTexts(files);
    expect(result.findings).toHaveLength(1500);
    const md = renderMarkdown(result, TOOL);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const m = /\*\*Truncated:\*\* (\d+) of 1500 findings are listed/.exec(md);
    expect(m).not.toBeNull();
    const listed = Number(m![1]);
    expect(md.split('\n').filter((l) => l.startsWith('| low |'))).toHaveLength(listed);
    expect(listed).toBeGreaterThan(100);
    expect(md.endsWith('</sub>\n')).toBe(true);
    expectWellFormed(md);

    const small = renderMarkdown(result, TOOL, { maxLength: 5000 });
    expect(small.length).toBeLessThanOrEqual(5000);
    expect(small.length).toBeGreaterThan(4000);
    expectWellFormed(small);
  });

  it('notes a cut even when every finding fit', () => {
    const files = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `p${i}.yaml`,
        pod(
          `p${i}`,
          true,
          `\n  annotations:\n    kubeward.io/ignore: "privileged-container: reason ${'long '.repeat(30)}"`,
        ),
      ]),
    );
    const result = scanTexts({ ...files, 's.yaml': service('s', 'one') });
    expect(result.suppressed).toHaveLength(40);
    const full = renderMarkdown(result, TOOL, { maxLength: 1_000_000 });
    const cut = renderMarkdown(result, TOOL, {
      maxLength: full.indexOf('| `privileged-container` | Pod shop/p20'),
    });
    expect(cut).toContain('| low | `echo-message` | Service s | s.yaml:6 | one |');
    expect(cut).toContain(
      '**Truncated:** every finding is listed, but not everything after them fit in one comment.',
    );
    expectWellFormed(cut);
  });
});
