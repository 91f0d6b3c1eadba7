import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../k8s/fieldPath.js';
import { SourceLocator } from './locate.js';
import { parseManifestText } from './parse.js';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/** Up to `max` paths of a decoded value, depth first: every map key and sequence item on the way. */
function samplePaths(value: unknown, max: number): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (v: unknown, path: FieldPath): void => {
    if (out.length >= max) return;
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  return out;
}

const pod = (name: string, flow: boolean) => `# ${name}
---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: x:1
${flow ? '    securityContext: &sc {privileged: true}\n' : '    securityContext:\n      privileged: true\n'}`;

function locatorFor(files: Record<string, string>) {
  const locator = new SourceLocator();
  const sources = new Map<string, ReturnType<typeof parseManifestText>>();
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseManifestText(text, file);
    locator.addFile(file, text, parsed.documents);
    sources.set(file, parsed);
  }
  return { locator, sources };
}

const PATH = ['spec', 'containers', 0, 'securityContext', 'privileged'];

describe('SourceLocator', () => {
  it('gives line and column from the line walk, and from `yaml` for a document it declines', () => {
    const { locator, sources } = locatorFor({ 'a.yaml': pod('a', false), 'b.yaml': pod('b', true) });
    const a = sources.get('a.yaml')!.resources[0]!.source;
    const b = sources.get('b.yaml')!.resources[0]!.source;
    expect(locator.locate(a, PATH)).toEqual({ line: 12, column: 7 });
    // an anchor on the way: the line walk declines, `yaml` answers
    expect(locator.locate(b, PATH)).toEqual({ line: 11, column: 27 });
    expect(locator.stats).toEqual({ fast: 1, parsed: 1, documentsParsed: 1 });
  });

  it('answers the same after its caches of older files were dropped', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`f${i}.yaml`] = pod(`p${i}`, i % 2 === 1);
    const { locator, sources } = locatorFor(files);
    const first = [...sources.values()].map((p) => locator.locate(p.resources[0]!.source, PATH));
    const again = [...sources.values()].map((p) => locator.locate(p.resources[0]!.source, PATH));
    expect(again).toEqual(first);
    expect(first.filter((p) => p.line === 12 && p.column === 7)).toHaveLength(10);
    expect(locator.stats.documentsParsed).toBe(20); // ten declined documents, parsed again after eviction
  });

  it('reads documents from their own texts (the parser copies) as from the text of the file', () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(corpus, f));
    expect(files.length).toBeGreaterThan(100);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const parsed = parseManifestText(text, file);
      // every document js-yaml read came with its own text, which begins with the document
      for (const d of parsed.documents) {
        if (d.text !== undefined) expect(d.text.startsWith(text.slice(d.start, d.end)), file).toBe(true);
      }
      expect(parsed.resources.every((r) => parsed.documents[r.source.documentIndex]!.text !== undefined)).toBe(true);
      const own = new SourceLocator();
      own.addFile(file, text, parsed.documents);
      const plain = new SourceLocator();
      plain.addFile(
        file,
        text,
        parsed.documents.map(({ start, end, line }) => ({ start, end, line })),
      );
      for (const r of parsed.resources) {
        for (const path of samplePaths(r.object, 40)) {
          expect(own.locate(r.source, path), `${file} ${path.join('.')}`).toEqual(plain.locate(r.source, path));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  });
});
