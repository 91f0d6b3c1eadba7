import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../k8s/fieldPath.js';
import { DECLINE } from './blockLocate.js';
import { JsonDocument } from './jsonLocate.js';
import { SourceLocator, yamlLocatorFor } from './locate.js';
import { parseManifestText } from './parse.js';

const shared = resolve(import.meta.dirname, '../../../shared');

/** Every path to a node of `value`, and for every seventh one two paths that go past it. */
function paths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (out.length % 7 === 0) out.push([...prefix, 'no-such-field'], [...prefix, 9999]);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** The number of paths checked; throws on the first where the token walk and the `yaml` walk differ. */
function agreeOnEveryPath(text: string): number {
  const span = { start: 0, end: text.length, line: 1 };
  const walk = new JsonDocument(text, 0, text.length);
  const reference = yamlLocatorFor(text, span);
  const all = paths(JSON.parse(text));
  for (const path of all) {
    const got = walk.locate(path);
    const want = reference(path);
    if (got !== want) throw new Error(`${JSON.stringify(path)}: token walk ${got}, yaml ${want}`);
  }
  return all.length;
}

/** The YAML files of the shared corpus. */
function corpusObjects(): unknown[] {
  const dir = join(shared, 'corpus');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  expect(files.length).toBe(104);
  return files.flatMap((f) =>
    parseManifestText(readFileSync(join(dir, f), 'utf8'), f).resources.map((r) => r.object),
  );
}

describe('JsonDocument', () => {
  const objects = corpusObjects();

  // every fifth object: the yaml walk, the reference, reads JSON at about 2.5 MB/s
  const sample = objects.filter((_, i) => i % 5 === 0);

  it('agrees with the yaml walk on every path of corpus objects as one indented kubectl-style List', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: sample }, null, 4);
    expect(agreeOnEveryPath(text)).toBe(37_991);
  });

  it('agrees on every path of each of those objects written on one line', () => {
    let checked = 0;
    for (const o of sample) checked += agreeOnEveryPath(JSON.stringify(o));
    expect(checked).toBe(37_849);
  });

  it('agrees on the kubectl JSON dumps of the NetworkPolicy conformance data', () => {
    const dir = join(shared, 'testdata/netpol/netpol-analyzer/test_with_named_ports/input');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(agreeOnEveryPath(readFileSync(join(dir, f), 'utf8'))).toBeGreaterThan(0);
  });

  it('reads escaped keys, takes the first of duplicate keys, and stops at the deepest existing field', () => {
    const text = '{"a\\"b": 1, "k": {"x": [10, {"y": "}"}]}, "k": 2}';
    const walk = new JsonDocument(text, 0, text.length);
    expect(walk.locate(['a"b'])).toBe(1);
    expect(walk.locate(['k'])).toBe(text.indexOf('"k"'));
    expect(walk.locate(['k', 'x', 1, 'y'])).toBe(text.indexOf('"y"'));
    expect(walk.locate(['k', 'x', 1, 'y', 'deeper'])).toBe(text.indexOf('"y"'));
    expect(walk.locate(['k', 'x', 5])).toBe(text.indexOf('"x"'));
  });

  it('declines what is not strict JSON, so the yaml walk answers', () => {
    for (const text of ['{a: 1}', "{'a': 1}", '{"a": 1', '{"a": "line\nbreak"}', '{"a" 1}']) {
      expect(new JsonDocument(text, 0, text.length).locate(['a'])).toBe(DECLINE);
    }
  });
});

describe('SourceLocator on JSON', () => {
  it('locates findings of a List dump without re-parsing with yaml', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}` },
      spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] },
    }));
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
    const parsed = parseManifestText(text, 'dump.json');
    const locator = new SourceLocator();
    locator.addFile('dump.json', text, parsed.documents);
    const path = ['spec', 'containers', 0, 'securityContext', 'privileged'];
    const lines = parsed.resources.map((r) => locator.locate(r.source, path).line);
    const want = text.split('\n').flatMap((l, i) => (l.includes('"privileged"') ? [i + 1] : []));
    expect(lines).toEqual(want);
    expect(locator.stats).toEqual({ fast: 300, parsed: 0, documentsParsed: 0 });
  });
});
