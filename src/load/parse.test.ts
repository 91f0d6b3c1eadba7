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
