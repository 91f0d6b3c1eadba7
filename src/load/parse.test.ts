import { describe, expect, it } from 'vitest';
import { parseManifestText } from './parse.js';

describe('parseManifestText: typed lists', () => {
  it('gives the items of a typed list (PodList, as the API server returns it) the list kind minus "List"', () => {
    const text = `kind: PodList
apiVersion: v1
items:
- metadata: {name: a, namespace: shop}
  spec: {containers: [{name: c, image: x}]}
- kind: Pod
  apiVersion: v1
  metadata: {name: b}
`;
    const parsed = parseManifestText(text, 'pods.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map((r) => [r.ref, r.source.itemIndex])).toEqual([
      [{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'a' }, 0],
      [{ apiVersion: 'v1', kind: 'Pod', name: 'b' }, 1],
    ]);
  });

  it('still reports an item without kind in a generic List', () => {
    const parsed = parseManifestText('apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n', 'l.yaml');
    expect(parsed.resources).toEqual([]);
    expect(parsed.errors).toEqual([
      { file: 'l.yaml', line: 1, message: 'items[0] of List has no "kind"; skipped' },
    ]);
  });
});

describe('parseManifestText: a file read in shares', () => {
  const stream = Array.from(
    { length: 7 },
    (_, i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n${i === 3 ? 'data: [unclosed\n' : ''}`,
  ).join('---\n');
  const list = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        ...Array.from({ length: 5 }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: `s${i}` },
        })),
        { metadata: { name: 'no-kind' } },
      ],
    },
    null,
    2,
  );
  const whole = (text: string) => parseManifestText(text, 'f');
  const inShares = (text: string, parts: number) => {
    const shares = Array.from({ length: parts }, (_, part) => parseManifestText(text, 'f', { part, parts }));
    return {
      resources: shares.flatMap((s) => s.resources),
      errors: shares.flatMap((s) => s.errors),
      documents: shares.map((s) => s.documents),
    };
  };

  for (const [name, text] of [
    ['a YAML stream (runs of documents)', stream],
    ['a JSON List (runs of items)', list],
    [
      'a lone JSON object (all in the first share)',
      '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}',
    ],
    ['a binary file (reported once)', 'apiVersion: v1\u0000'],
  ] as const) {
    it(`gives, share after share, what the whole file gives: ${name}`, () => {
      const all = whole(text);
      expect(all.resources.length + all.errors.length).toBeGreaterThan(0);
      for (const parts of [1, 2, 3, 8]) {
        const got = inShares(text, parts);
        expect(got.resources).toEqual(all.resources);
        expect(got.errors).toEqual(all.errors);
        // every share keeps every document span, so fields are located as in the whole file
        for (const spans of got.documents) expect(spans).toEqual(all.documents);
      }
    });
  }

  it('splits a stream of 7 documents into 3 shares of 2, 2 and 3', () => {
    const names = [0, 1, 2].map((part) =>
      parseManifestText(stream, 'f', { part, parts: 3 }).resources.map((r) => r.ref.name),
    );
    // document 3 is malformed: share 1 reports it and has c2 alone
    expect(names).toEqual([['c0', 'c1'], ['c2'], ['c4', 'c5', 'c6']]);
  });
});
