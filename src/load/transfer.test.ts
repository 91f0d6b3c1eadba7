import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from './parse.js';
import { decodeParsedFile, encodeParsedFile } from './transfer.js';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/** Encodes and decodes through structured cloning, as postMessage does. */
function roundTrip(text: string, file: string) {
  const parsed = parseManifestText(text, file);
  const encoded = structuredClone(encodeParsedFile(parsed, text));
  return { parsed, encoded, decoded: decodeParsedFile(encoded, file) };
}

describe('encodeParsedFile / decodeParsedFile', () => {
  it('rebuilds every file of the shared corpus exactly (resources, sources, errors, spans)', () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(corpus, f));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const { parsed, encoded, decoded } = roundTrip(readFileSync(f, 'utf8'), f);
      expect(encoded.json, f).toBeDefined(); // real manifests travel as JSON
      expect(decoded, f).toStrictEqual(parsed);
    }
  });

  it('keeps List items, document lines and errors', () => {
    const text = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
---
kind: [broken
---
apiVersion: v1
kind: Pod
metadata: {name: p}
`;
    const { parsed, decoded } = roundTrip(text, 'list.yaml');
    expect(decoded).toStrictEqual(parsed);
    expect(decoded.resources.map((r) => [r.ref.name, r.source.itemIndex, r.source.line])).toEqual([
      ['a', 0, 1],
      ['b', 1, 1],
      ['p', undefined, 8],
    ]);
    expect(decoded.errors).toHaveLength(1);
  });

  it.each([
    ['.inf', '.inf', Infinity],
    ['-.Inf', '-.Inf', -Infinity],
    ['.NaN', '.NaN', NaN],
    ['-0', '-0', -0],
    ['-0.0', '-0.0', -0],
    ['a 400-digit integer', '9'.repeat(400), Infinity],
    ['a 300-digit hex integer', '0x' + 'f'.repeat(300), Infinity],
    ['-1e-400', '-1e-400', -0],
  ])('keeps %s, which JSON cannot carry, by sending the objects themselves', (_, scalar, value) => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nv: ${scalar}\n`;
    const { encoded, decoded } = roundTrip(text, 'c.yaml');
    expect(encoded.json).toBeUndefined();
    expect(Object.is(decoded.resources[0]!.object.v, value)).toBe(true);
  });

  it('sends JSON when a scalar only looks like one of those numbers', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-0}\ndata: {a: "-0", b: x.inf, c: -0.5}\n`;
    const { parsed, encoded, decoded } = roundTrip(text, 'c.yaml');
    expect(encoded.json).toBeDefined();
    expect(decoded).toStrictEqual(parsed);
  });
});
