/**
 * Bad input never crashes and never passes silently: each problem is one line with
 * file and line, and the rest of the input is still scanned.
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const privilegedPod = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

let dir: string;
const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeward-bad-'));
});

async function scanOne(name: string, text: string | Buffer) {
  const p = file(name, text);
  const result = await scan([p], { now: new Date('2026-01-01') });
  return { p, result, privileged: result.findings.filter((f) => f.ruleId === 'privileged-container') };
}

describe('bad input', () => {
  it('malformed YAML: the broken document is reported with its line, the next one is still scanned', async () => {
    const { p, result, privileged } = await scanOne(
      'malformed.yaml',
      `${privilegedPod('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n---\n${privilegedPod('b')}`,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: p, line: 16 });
    expect(result.errors[0]!.message).toMatch(/^invalid YAML: /);
    expect(privileged.map((f) => f.resource.name)).toEqual(['a', 'b']);
  });

  it('a document that is not a mapping', async () => {
    const { p, result, privileged } = await scanOne(
      'list.yaml',
      `- just\n- a list\n---\n${privilegedPod('c')}`,
    );
    expect(result.errors).toEqual([
      { file: p, line: 1, message: 'document is a list, not a Kubernetes object (a mapping); skipped' },
    ]);
    expect(privileged).toHaveLength(1);
  });

  it('a document without kind or apiVersion', async () => {
    const { p, result } = await scanOne(
      'nokind.yaml',
      `apiVersion: v1\nmetadata: {name: x}\n---\nkind: Pod\nmetadata: {name: y}\nspec: {containers: []}\n`,
    );
    expect(result.errors).toEqual([
      { file: p, line: 1, message: 'document has no "kind"; skipped' },
      { file: p, line: 3, message: 'document (kind Pod) has no "apiVersion"; skipped' },
    ]);
  });

  it('wrong field types are reported with their line, and the rest of the pod is still checked', async () => {
    const { p, result, privileged } = await scanOne(
      'types.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      volumes: "not-a-list"
      containers:
        - name: app
          image: nginx:1.27
          ports: 8080
          securityContext:
            privileged: true
            runAsUser: "1000"
`,
    );
    expect(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '8:7 Deployment web: spec.template.spec.volumes must be a list, not a string',
      '12:11 Deployment web: spec.template.spec.containers[0].ports must be a list, not an integer',
      '15:13 Deployment web: spec.template.spec.containers[0].securityContext.runAsUser must be an integer, not a string',
    ]);
    expect(result.errors.every((e) => e.file === p)).toBe(true);
    expect(privileged).toHaveLength(1);
  });

  it('containers given as a string does not crash', async () => {
    const { result } = await scanOne(
      'containers-string.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: web\n`,
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      'Pod p: spec.containers must be a list, not a string',
      'Pod p: the pod template has no containers',
    ]);
  });

  it('labels that are not strings are reported (the API server rejects them)', async () => {
    const { result } = await scanOne(
      'labels.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    enabled: yes\n`,
    );
    expect(result.errors.map((e) => `${e.line} ${e.message}`)).toEqual([
      '6 ConfigMap c: metadata.labels.enabled must be a string, not a boolean (quote it)',
    ]);
  });

  it('unknown kinds and CRDs are kept, checked only by the rules for every kind, and named once per kind', async () => {
    const token = 'ghp_' + 'Ab1'.repeat(12);
    const { p, result } = await scanOne(
      'crd.yaml',
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: b}\nspec: {endpoints: [{bearerToken: ${token}}]}\n`,
    );
    expect(result.errors).toEqual([]);
    expect(result.stats.resources).toBe(2);
    expect(result.warnings).toEqual([
      `${p}:1: kind monitoring.coreos.com/v1/ServiceMonitor has no kubeward rules but those for every kind (credential-in-field); 2 resources of it kept`,
    ]);
    expect(result.findings.map((f) => [f.ruleId, f.resource.name, f.path, f.message])).toEqual([
      [
        'credential-in-field',
        'b',
        'spec.endpoints[0].bearerToken',
        'field spec.endpoints[0].bearerToken holds a GitHub token (ghp_****)',
      ],
    ]);
  });

  it('a file that cannot be read', async () => {
    const link = join(dir, 'dangling.yaml');
    symlinkSync(join(dir, 'does-not-exist'), link);
    const result = await scan([link, file('ok.yaml', privilegedPod('d'))]);
    expect(result.errors).toEqual([{ file: link, message: 'cannot read: no such file or folder' }]);
    expect(result.findings.some((f) => f.resource.name === 'd')).toBe(true);
  });

  it('a binary file', async () => {
    const { p, result } = await scanOne(
      'image.yaml',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
    );
    expect(result.errors).toEqual([
      { file: p, message: 'binary file (contains NUL bytes); not a Kubernetes manifest, skipped' },
    ]);
  });

  it('a YAML alias bomb is refused quickly, the next document still scanned', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const started = Date.now();
    const { result, privileged } = await scanOne('bomb.yaml', `${bomb}---\n${privilegedPod('e')}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/expands to more than \d+ nodes through YAML aliases/);
    expect(result.errors[0]!.line).toBe(1);
    expect(privileged).toHaveLength(1);
  });

  it.each([
    [
      'flow',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    ],
    [
      'block',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`,
    ],
  ])('deeply nested %s YAML is refused, twice in one process, without crashing', async (_kind, text) => {
    for (const name of ['deep1.yaml', 'deep2.yaml']) {
      const { result, privileged } = await scanOne(name, `${text}---\n${privilegedPod('f')}`);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.message).toMatch(/maxDepth|deeper than/);
      expect(privileged).toHaveLength(1);
    }
  });

  it('deeply nested JSON is refused', async () => {
    const { result } = await scanOne(
      'deep.json',
      `{"apiVersion":"v1","kind":"ConfigMap","data":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    expect(result.errors.map((e) => e.message)).toEqual(['document nests deeper than 100 levels; skipped']);
  });

  it('a folder mixing good and bad files scans every good one', async () => {
    const sub = join(dir, 'mixed');
    mkdirSync(sub);
    writeFileSync(join(sub, 'a.yaml'), privilegedPod('g'));
    writeFileSync(join(sub, 'b.yml'), 'key: [broken');
    writeFileSync(
      join(sub, 'c.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'h' },
        spec: { containers: [{ name: 'x', image: 'nginx:1', securityContext: { privileged: true } }] },
      }),
    );
    writeFileSync(join(sub, 'notes.txt'), 'ignored: not a manifest extension');
    const result = await scan([sub]);
    expect(result.stats.sources).toBe(3);
    expect(result.errors.map((e) => e.file)).toEqual([join(sub, 'b.yml')]);
    expect(
      result.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.resource.name),
    ).toEqual(['g', 'h']);
  });
});
