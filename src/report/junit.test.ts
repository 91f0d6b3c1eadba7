import { describe, expect, it } from 'vitest';
import { kids, parseXml } from '../../test/xmlTree.js';
import { scanTexts as scanShared } from '../../test/scanTexts.js';
import type { InputError } from '../load/inputError.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../policy/config.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { defineRule, type Rule } from '../policy/types.js';
import type { ScanResult } from '../scan.js';
import { INPUT_SUITE, renderJunit, xmlAttr, xmlText } from './junit.js';

const TOOL = { name: 'kubeward', version: '1.2.3', informationUri: 'https://example.test/kubeward' };

const privilegedPod = (name: string, privileged: boolean, annotations = ''): string => `apiVersion: v1
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

/** A rule on Services only, so its suite lists Services and nothing else. */
const nodePort: Rule = defineRule({
  id: 'service-node-port',
  title: 'Service opens a node port',
  category: 'exposure',
  severity: 'low',
  description: 'A Service of `type: NodePort`.',
  rationale: 'Every node listens on the port.',
  remediation: 'Use a ClusterIP Service behind an Ingress.',
  references: {},
  targets: ['Service'],
  *check({ resource }) {
    const spec = resource.object.spec as { type?: unknown } | undefined;
    if (spec?.type === 'NodePort') yield { message: 'type is NodePort', path: ['spec', 'type'] };
  },
});

function scanTexts(
  files: Record<string, string>,
  opts: { errors?: InputError[]; config?: KubewardConfig; rules?: Rule[] } = {},
): ScanResult {
  return scanShared(files, { rules: [privilegedContainer, nodePort], ...opts });
}

describe('JUnit output', () => {
  it('has one suite per rule that ran and one testcase per resource it applies to, passing ones included', () => {
    const xml = renderJunit(
      scanTexts({
        'pods.yaml': `${privilegedPod('bad', true)}---\n${privilegedPod('good', false)}`,
        'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      }),
      TOOL,
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({
      name: 'kubeward 1.2.3',
      tests: '2',
      failures: '1',
      errors: '0',
      skipped: '0',
    });
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.skipped])).toEqual([
      ['privileged-container', '2', '1', '0'],
      // ran, looked at nothing (no Service): still listed, with no testcases
      ['service-node-port', '0', '0', '0'],
    ]);
    const props = kids(kids(suites[0]!, 'properties')[0]!, 'property').map((p) => [
      p.attrs.name,
      p.attrs.value,
    ]);
    expect(props).toEqual([
      ['title', 'Container runs privileged'],
      ['severity', 'critical'],
      ['category', 'pod-security'],
    ]);
    const [bad, good] = kids(suites[0]!, 'testcase');
    expect(bad!.attrs).toEqual({
      classname: 'privileged-container',
      name: 'Pod shop/bad',
      file: 'pods.yaml',
      line: '11',
    });
    const failure = kids(bad!, 'failure')[0]!;
    expect(failure.attrs).toEqual({
      message: 'container "app" runs privileged (securityContext.privileged: true)',
      type: 'critical',
    });
    expect(failure.text).toBe(
      'container "app" runs privileged (securityContext.privileged: true)\n' +
        '  at pods.yaml:11:9  spec.containers[0].securityContext.privileged\n' +
        `  fix: ${privilegedContainer.remediation}`,
    );
    // a passing case points at its resource's document (the `---` line); the ConfigMap is no workload: no testcase
    expect(good!.attrs).toEqual({
      classname: 'privileged-container',
      name: 'Pod shop/good',
      file: 'pods.yaml',
      line: '12',
    });
    expect(good!.children).toEqual([]);
  });

  it('puts every finding of one (rule, resource) into one failure', () => {
    const sidecar = `    - name: side\n      image: busybox:1\n      securityContext: {privileged: true}\n`;
    const root = parseXml(renderJunit(scanTexts({ 'p.yaml': privilegedPod('two', true) + sidecar }), TOOL));
    const cases = kids(kids(root, 'testsuite')[0]!, 'testcase');
    expect(cases).toHaveLength(1);
    const failure = kids(cases[0]!, 'failure')[0]!;
    expect(failure.attrs.message).toBe(
      'container "app" runs privileged (securityContext.privileged: true); container "side" runs privileged (securityContext.privileged: true)',
    );
    expect(failure.text.match(/^ {2}at p\.yaml:\d+:\d+/gm)).toEqual([
      '  at p.yaml:11:9',
      '  at p.yaml:14:25',
    ]);
  });

  it('skips a resource whose findings are all suppressed, giving the reason', () => {
    const config: KubewardConfig = {
      ...DEFAULT_CONFIG,
      exceptions: [{ rules: ['service-node-port'], match: { name: 'legacy' }, reason: 'migrating in Q3' }],
    };
    const root = parseXml(
      renderJunit(
        scanTexts(
          {
            'a.yaml': privilegedPod(
              'dbg',
              true,
              '\n  annotations:\n    kubeward.io/ignore: "privileged-container: debug <only>"',
            ),
            's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: legacy}\nspec: {type: NodePort}\n',
          },
          { config },
        ),
        TOOL,
      ),
    );
    expect(root.attrs).toMatchObject({ tests: '2', failures: '0', skipped: '2' });
    const [pods, services] = kids(root, 'testsuite');
    const dbg = kids(pods!, 'testcase')[0]!;
    expect(kids(dbg, 'skipped')[0]!.attrs).toEqual({ message: 'suppressed by annotation: debug <only>' });
    expect(kids(dbg, 'system-out')[0]!.text).toBe(
      'suppressed (annotation): container "app" runs privileged (securityContext.privileged: true) — debug <only>',
    );
    expect(kids(kids(services!, 'testcase')[0]!, 'skipped')[0]!.attrs.message).toBe(
      'suppressed by config: migrating in Q3',
    );
  });

  it('reports input errors as errored testcases of the kubeward.input suite, with warnings as its output', () => {
    const result = scanTexts(
      {
        'bad.yaml': 'kind: [\n',
        'crd.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      },
      { errors: [{ file: 'gone.yaml', message: 'cannot read: no such file or folder' }] },
    );
    const parseError = result.errors[1]!;
    expect(parseError).toMatchObject({ file: 'bad.yaml', line: 2 });
    const root = parseXml(renderJunit(result, TOOL));
    expect(root.attrs).toMatchObject({ tests: '2', failures: '0', errors: '2' });
    const input = kids(root, 'testsuite').find((s) => s.attrs.name === INPUT_SUITE)!;
    expect(input.attrs).toEqual({ name: INPUT_SUITE, tests: '2', failures: '0', errors: '2', skipped: '0' });
    const [gone, bad] = kids(input, 'testcase');
    expect(gone!.attrs).toEqual({ classname: INPUT_SUITE, name: 'gone.yaml', file: 'gone.yaml' });
    expect(kids(gone!, 'error')[0]!.attrs).toEqual({
      message: 'cannot read: no such file or folder',
      type: 'InputError',
    });
    expect(kids(gone!, 'error')[0]!.text).toBe('gone.yaml: cannot read: no such file or folder');
    expect(bad!.attrs).toEqual({ classname: INPUT_SUITE, name: 'bad.yaml:2', file: 'bad.yaml', line: '2' });
    expect(kids(bad!, 'error')[0]!.attrs.message).toBe(parseError.message);
    expect(kids(input, 'system-out')[0]!.text).toContain('kind example.com/v1/Widget has no kubeward rules');
  });

  it('writes a suite of more testcases than one piece holds whole and in order', () => {
    const names = Array.from({ length: 123 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const text = names.map((n, i) => privilegedPod(n, i % 3 === 0)).join('---\n');
    const root = parseXml(renderJunit(scanTexts({ 'many.yaml': text }), TOOL));
    const suite = kids(root, 'testsuite').find((s) => s.attrs.name === 'privileged-container')!;
    expect(suite.attrs).toEqual({
      name: 'privileged-container',
      tests: '123',
      failures: '41',
      errors: '0',
      skipped: '0',
    });
    const cases = kids(suite, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(names.map((n) => `Pod shop/${n}`));
    expect(cases.filter((c) => kids(c, 'failure').length > 0).map((c) => c.attrs.name)).toEqual(
      names.filter((_, i) => i % 3 === 0).map((n) => `Pod shop/${n}`),
    );
  });

  it('has no kubeward.input suite when every input was read cleanly', () => {
    const root = parseXml(renderJunit(scanTexts({ 'a.yaml': privilegedPod('a', false) }), TOOL));
    expect(kids(root, 'testsuite').map((s) => s.attrs.name)).toEqual([
      'privileged-container',
      'service-node-port',
    ]);
  });

  it('escapes markup and strips characters XML 1.0 forbids, so a strict parser reads back the text', () => {
    // the parser used here is strict: it refuses a raw control character
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/disallowed character/);
    const hostile = 'a<b>&c "d" \'e\' \u0001\u001b[31m\uD800\uFFFE\u{1F600}\ttab\nline ]]>';
    const expected = 'a<b>&c "d" \'e\' [31m\u{1F600}\ttab\nline ]]>';
    const weird: Rule = defineRule({
      ...nodePort,
      id: 'weird',
      remediation: 'fix & <go>',
      *check() {
        yield { message: hostile, path: ['spec'] };
      },
    });
    const root = parseXml(
      renderJunit(
        scanTexts(
          { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n' },
          { rules: [weird] },
        ),
        TOOL,
      ),
    );
    const failure = kids(kids(kids(root, 'testsuite')[0]!, 'testcase')[0]!, 'failure')[0]!;
    // attribute values keep tabs and line breaks through attribute-value normalisation
    expect(failure.attrs.message).toBe(expected);
    expect(failure.text.startsWith(`${expected}\n  at s.yaml:4:1  spec\n  fix: fix & <go>`)).toBe(true);
  });

  it('escapes text and attribute values', () => {
    expect(xmlText('<&>"')).toBe('&lt;&amp;&gt;"');
    expect(xmlAttr('<&>"\t\n\r')).toBe('&lt;&amp;&gt;&quot;&#9;&#10;&#13;');
    expect(xmlText('ok\u0000\u0008\u000B\u000C\uDFFF\uFFFF!')).toBe('ok!');
  });
});
