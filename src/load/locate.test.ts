import { describe, expect, it } from 'vitest';
import { SourceLocator } from './locate.js';
import { parseManifestText } from './parse.js';

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
});
