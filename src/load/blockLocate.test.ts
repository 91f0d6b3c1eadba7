import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../k8s/fieldPath.js';
import { BlockDocument, DECLINE, locateInBlockYaml } from './blockLocate.js';
import { yamlLocatorFor } from './locate.js';
import { parseManifestText, splitDocuments } from './parse.js';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Every path to a node of `value`, depth first, in document order. */
function allPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

/** Up to `max` paths spread over the whole list, plus paths that do not exist. */
function samplePaths(value: unknown, max: number): FieldPath[] {
  const paths = allPaths(value);
  const stride = Math.max(1, Math.floor(paths.length / max));
  const picked = paths.filter((_, i) => i % stride === 0);
  const missing = picked
    .filter((_, i) => i % 7 === 0)
    .flatMap((p) => [
      [...p, 'no-such-field'],
      [...p, 9999],
    ]);
  return [...picked, ...missing];
}

interface Comparison {
  fast: number;
  declined: number;
  mismatches: string[];
}

/** Compares the line walk with the `yaml` walk on every sampled path of every document of a text. */
function compare(text: string, file: string, maxPathsPerDocument: number, into: Comparison): void {
  const parsed = parseManifestText(text, file);
  const byDocument = new Map<number, { item?: number; object: unknown }[]>();
  for (const r of parsed.resources) {
    const list = byDocument.get(r.source.documentIndex) ?? [];
    list.push({
      ...(r.source.itemIndex !== undefined ? { item: r.source.itemIndex } : {}),
      object: r.object,
    });
    byDocument.set(r.source.documentIndex, list);
  }
  for (const [documentIndex, objects] of byDocument) {
    const span = parsed.documents[documentIndex]!;
    const reference = yamlLocatorFor(text, span);
    const walked = new BlockDocument(text, span.start, span.end);
    for (const { item, object } of objects) {
      for (const path of samplePaths(object, maxPathsPerDocument)) {
        const full = item !== undefined ? ['items', item, ...path] : path;
        const fast = walked.locate(full);
        if (fast === DECLINE) {
          into.declined++;
          continue;
        }
        into.fast++;
        const expected = reference(full);
        if (fast !== expected) {
          into.mismatches.push(
            `${file} document ${documentIndex} ${JSON.stringify(full)}: ${fast} ≠ ${expected}`,
          );
        }
      }
    }
  }
}

function check(text: string, path: FieldPath): { fast: number; yaml: number | undefined } {
  const span = splitDocuments(text)[0]!;
  return {
    fast: locateInBlockYaml(text, span.start, span.end, path),
    yaml: yamlLocatorFor(text, span)(path),
  };
}

describe('locateInBlockYaml', () => {
  it('gives the yaml walk’s answer on every sampled path of the shared corpus', () => {
    const files = yamlFiles(corpus);
    expect(files.length).toBeGreaterThan(100);
    const result: Comparison = { fast: 0, declined: 0, mismatches: [] };
    for (const f of files) compare(readFileSync(f, 'utf8'), f, 300, result);
    expect(result.mismatches.slice(0, 10)).toEqual([]);
    // the corpus is block-style YAML: the line walk must answer nearly everything itself
    expect(result.fast).toBeGreaterThan(20_000);
    expect(result.declined / (result.fast + result.declined)).toBeLessThan(0.1);
  });

  const styles = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  annotations:
    "quoted/key": "x"
    'single': y
    app.kubernetes.io/name: web
spec:
  template:
    spec:
      containers:
      - name: a
        image: x
        args:
        - |
          multi
          line: not a key
        - --flag
      -
        name: b
        securityContext:
          privileged: yes   # YAML 1.1 true
      - name: c
        env:
          - name: E
            value: "1"
      initContainers:
        - name: i
          command: ["sh", "-c"]
      volumes: []
`;

  it('answers keys, compact and indented sequences, items on the next line, quoted keys', () => {
    const paths: FieldPath[] = [
      [],
      ['metadata', 'name'],
      ['metadata', 'annotations', 'quoted/key'],
      ['metadata', 'annotations', 'single'],
      ['metadata', 'annotations', 'app.kubernetes.io/name'],
      ['spec', 'template', 'spec', 'containers', 0, 'args', 0],
      ['spec', 'template', 'spec', 'containers', 0, 'args', 1],
      ['spec', 'template', 'spec', 'containers', 1],
      ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'privileged'],
      ['spec', 'template', 'spec', 'containers', 2, 'env', 0, 'value'],
      ['spec', 'template', 'spec', 'initContainers', 0, 'command'],
      ['spec', 'template', 'spec', 'volumes'],
    ];
    for (const path of paths) {
      const r = check(styles, path);
      expect(r.fast, JSON.stringify(path)).not.toBe(DECLINE);
      expect(r.fast, JSON.stringify(path)).toBe(r.yaml);
    }
  });

  it('falls back to the nearest existing ancestor like the yaml walk', () => {
    for (const path of [
      ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
      ['spec', 'template', 'spec', 'containers', 7],
      ['spec', 'template', 'spec', 'containers', 0, 'image', 'deeper'],
      ['spec', 'template', 'spec', 'containers', 'name'],
      ['nope'],
    ] as FieldPath[]) {
      const r = check(styles, path);
      expect(r.fast).toBe(r.yaml);
    }
  });

  it('reads flow collections the way yaml does', () => {
    const text = `spec:
  labels: {app: web, "quoted": x, 'single': [a, {b: c}]}
  drop: ["ALL", NET_RAW]
  ports: [{containerPort: 80, name: http}, {containerPort: 443}]
  json: {"a":1, "b": [1, 2, 3]}
  multi: [one,
    two, {three: 3}]
  empty: {}
  items:
  - {name: a, v: 1}
  - [x, y]
`;
    const paths: FieldPath[] = [
      ['spec', 'labels', 'app'],
      ['spec', 'labels', 'quoted'],
      ['spec', 'labels', 'single', 1, 'b'],
      ['spec', 'labels', 'single', 0, 'deeper'],
      ['spec', 'labels', 'missing'],
      ['spec', 'drop', 0],
      ['spec', 'drop', 1],
      ['spec', 'drop', 2],
      ['spec', 'ports', 1, 'containerPort'],
      ['spec', 'ports', 0, 'name'],
      ['spec', 'json', 'a'],
      ['spec', 'json', 'b', 2],
      ['spec', 'multi', 2, 'three'],
      ['spec', 'empty', 'x'],
      ['spec', 'items', 0, 'v'],
      ['spec', 'items', 1, 1],
    ];
    for (const path of paths) {
      const r = check(text, path);
      expect(r.fast, JSON.stringify(path)).not.toBe(DECLINE);
      expect(r.fast, JSON.stringify(path)).toBe(r.yaml);
    }
  });

  // PyYAML's dump (and yq's, and Go yaml.v3's) of objects that share a map or a list:
  // the first use is anchored, the others are aliases
  const pyyaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  labels: &id001
    app: web
    tier: front
  name: web
spec:
  selector:
    matchLabels: *id001
  template:
    metadata:
      labels: *id001
    spec:
      containers:
      - image: x
        name: a
        ports: &id002
        - containerPort: 80
          name: http
      - image: y
        name: b
        ports: *id002
      volumes:
      - &id003
        name: v
        emptyDir: {}
      - *id003
`;

  it('answers anchored collections and aliases as PyYAML writes them, as the yaml walk does', () => {
    const value = parseManifestText(pyyaml, 'p.yaml').resources[0]!.object;
    const paths = allPaths(value).flatMap((p) => [p, [...p, 'no-such-field'], [...p, 9]]);
    expect(paths.length).toBe(123);
    for (const path of paths) {
      const r = check(pyyaml, path);
      expect(r.fast, JSON.stringify(path)).not.toBe(DECLINE);
      expect(r.fast, JSON.stringify(path)).toBe(r.yaml);
    }
    // a path through an alias stops at the key that holds it, as the yaml walk does
    expect(check(pyyaml, ['spec', 'selector', 'matchLabels', 'app']).fast).toBe(
      pyyaml.indexOf('matchLabels'),
    );
  });

  it('declines what needs a YAML parser: anchored scalars, merge keys, odd keys, odd flow content', () => {
    const declined = (text: string, path: FieldPath) => {
      const span = splitDocuments(text)[0]!;
      return locateInBlockYaml(text, span.start, span.end, path) === DECLINE;
    };
    expect(declined('a: &x 1\nc: *x\n', ['c'])).toBe(true); // an anchored scalar: rare, left to yaml
    expect(declined('l:\n- &x 1\n- *x\n', ['l', 0])).toBe(true);
    expect(declined('a: !!str 1\nb:\n  c: !tag\n    d: 1\n', ['b', 'c', 'd'])).toBe(true);
    expect(declined('base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', ['m', 'x'])).toBe(true);
    expect(declined('yes: 1\nb: 2\n', ['b'])).toBe(true); // `yes` is the key "true" under YAML 1.1
    expect(declined('8080: a\nb: 2\n', ['b'])).toBe(true);
    expect(declined('? complex\n: 1\nb: 2\n', ['b'])).toBe(true);
    expect(declined('"esc\\"aped": 1\nb: 2\n', ['b'])).toBe(true);
    expect(declined('a:\n- - x\n', ['a', 0, 0])).toBe(true);
    // js-yaml reads an under-indented continuation line (`b: c"` below) as part of the string
    expect(declined('a: "multi\nb: c"\nb: 1\n', ['b'])).toBe(true);
    expect(declined('a: [1,\nb: 2]\nb: 1\n', ['b'])).toBe(true);
    expect(declined('%YAML 1.1\n---\na: 1\n', ['a'])).toBe(true);
    expect(declined('a:\n\t b: 1\n', ['a', 'b'])).toBe(true);
    expect(declined('a: {b, c: 1}\n', ['a', 'c'])).toBe(true); // a key without a value
    expect(declined('a: [b: 1]\n', ['a', 0, 'b'])).toBe(true); // a single-pair map in a sequence
    expect(declined('a: {b: *x}\n', ['a', 'b', 'c'])).toBe(true);
    expect(declined('a: [x, # comment\n  y]\n', ['a', 1])).toBe(true);
    // but a key that precedes the unusual part is still answered
    expect(declined('a: 1\nyes: 2\n', ['a'])).toBe(false);
  });

  it('steps over multi-line quoted scalars, flow collections and plain scalars that are indented deeper', () => {
    const text = `a:
  d: "multi
    line: not a key"
  e: [x,
    y]
  f: plain text
    "continued
  g: 'it''s
    b: no'
  h: 1
`;
    for (const key of ['d', 'e', 'f', 'g', 'h']) {
      const r = check(text, ['a', key]);
      expect(r.fast, key).toBe(text.indexOf(`\n  ${key}:`) + 3);
      expect(r.fast, key).toBe(r.yaml);
    }
  });

  it('indexes each collection once, so many lookups in a long List stay linear', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `- kind: Pod\n  metadata:\n    name: p${i}\n`).join(
      '',
    );
    const text = `apiVersion: v1\nkind: List\nitems:\n${items}`;
    const expected = [...text.matchAll(/name: p/g)].map((m) => m.index);
    const doc = new BlockDocument(text, 0, text.length);
    const t0 = performance.now();
    const found = expected.map((_, i) => doc.locate(['items', i, 'metadata', 'name']));
    expect(found).toEqual(expected);
    // one pass over 9,000 lines, not 3,000 passes (about 13 million line visits: seconds)
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('keeps the document offset in multi-document streams and List items', () => {
    const text = `---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec:
    containers:
    - name: x
      securityContext:
        privileged: true
`;
    const spans = splitDocuments('a: 1\n' + text);
    const full = 'a: 1\n' + text;
    const path = ['items', 0, 'spec', 'containers', 0, 'securityContext', 'privileged'];
    const fast = locateInBlockYaml(full, spans[1]!.start, spans[1]!.end, path);
    expect(fast).toBe(full.indexOf('privileged'));
    expect(fast).toBe(yamlLocatorFor(full, spans[1]!)(path));
  });

  it('reads CRLF line endings', () => {
    const text = 'a:\r\n  b:\r\n  - c: 1\r\n    d: 2\r\n';
    const r = check(text, ['a', 'b', 0, 'd']);
    expect(r.fast).toBe(text.indexOf('d:'));
    expect(r.fast).toBe(r.yaml);
  });
});
