import { describe, expect, it } from 'vitest';
import type { FixOperation } from './operations.js';
import { applyOperation } from './yamlEdit.js';
import { textStyleOf } from './yamlText.js';

/** The text after `op`, or the reason it was declined. */
function edit(text: string, op: FixOperation): string {
  const out = applyOperation(text, op, textStyleOf(text));
  return 'declined' in out ? `declined: ${out.declined}` : out.text;
}

const set = (path: (string | number)[], value: string | boolean, comment?: string): FixOperation => ({
  kind: 'set',
  path,
  value,
  ...(comment !== undefined ? { comment } : {}),
});

describe('applyOperation: set', () => {
  const cases: { name: string; text: string; op: FixOperation; expected: string }[] = [
    {
      name: 'replaces a scalar, keeping the comment after it',
      text: 'a:\n  b: yes # keep me\n  c: 1\n',
      op: set(['a', 'b'], false),
      expected: 'a:\n  b: false # keep me\n  c: 1\n',
    },
    {
      name: 'adds a key after the last one of a block map, at its indentation',
      text: 'a:\n    b: 1\n    c:\n      - x\n# trailing comment\nd: 2\n',
      op: set(['a', 'e'], true),
      expected: 'a:\n    b: 1\n    c:\n      - x\n    e: true\n# trailing comment\nd: 2\n',
    },
    {
      name: 'creates the missing maps on the way, one indentation step each',
      text: 'spec:\n  containers:\n    - name: x\n      image: y\n',
      op: set(['spec', 'containers', 0, 'securityContext', 'seccompProfile', 'type'], 'RuntimeDefault'),
      expected:
        'spec:\n  containers:\n    - name: x\n      image: y\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
    },
    {
      name: 'adds to a flow map inside its braces',
      text: 'sc: {runAsUser: 1} # flow\n',
      op: set(['sc', 'runAsNonRoot'], true),
      expected: 'sc: {runAsUser: 1, runAsNonRoot: true} # flow\n',
    },
    {
      name: 'fills an empty flow map',
      text: 'sc: {}\n',
      op: set(['sc', 'x', 'k'], 'z'),
      expected: 'sc: {x: {k: z}}\n',
    },
    {
      name: 'keeps the quoting of a replaced string',
      text: "image: 'app:1'\n",
      op: set(['image'], 'app:1@sha256:00'),
      expected: "image: 'app:1@sha256:00'\n",
    },
    {
      name: 'quotes a string YAML 1.1 would read as something else',
      text: 'a: 1\n',
      op: set(['b'], 'yes'),
      expected: 'a: 1\nb: "yes"\n',
    },
    {
      name: 'writes the comment at the end of each scalar line it adds',
      text: 'resources:\n  requests: {cpu: 1}\n',
      op: set(['resources', 'limits', 'memory'], '1Gi', 'tune me'),
      expected: 'resources:\n  requests: {cpu: 1}\n  limits:\n    memory: 1Gi # tune me\n',
    },
    {
      name: 'adds a line when the last one has no line end',
      text: 'a:\n  b: 1',
      op: set(['a', 'c'], true),
      expected: 'a:\n  b: 1\n  c: true\n',
    },
    {
      name: 'in CRLF text, writes CRLF',
      text: 'a:\r\n  b: 1\r\n',
      op: set(['a', 'c', 'd'], true),
      expected: 'a:\r\n  b: 1\r\n  c:\r\n    d: true\r\n',
    },
    {
      name: 'in JSON, writes JSON after the last member',
      text: '{\n  "a": {\n    "b": 1\n  }\n}\n',
      op: set(['a', 'c', 'd'], 'x'),
      expected: '{\n  "a": {\n    "b": 1,\n    "c": {"d": "x"}\n  }\n}\n',
    },
    {
      name: 'leaves a value that holds already (and says nothing changed)',
      text: 'a: false # as wanted\n',
      op: set(['a'], false),
      expected: 'a: false # as wanted\n',
    },
    {
      name: 'sets a key locally next to a merge key that also has it (the local key wins)',
      text: 'base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n',
      op: set(['m', 'x'], true),
      expected: 'base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n  x: true\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(edit(c.text, c.op)).toBe(c.expected);
    });
  }
});

describe('applyOperation: declined, with the reason', () => {
  const cases: { name: string; text: string; op: FixOperation; reason: string }[] = [
    {
      name: 'a path through an alias',
      text: 'x: &sc {a: 1}\ny:\n  sc: *sc\n',
      op: set(['y', 'sc', 'b'], true),
      reason: 'y.sc is the alias *sc: edit its anchor yourself',
    },
    {
      name: 'an edit inside an anchored node that an alias shares',
      text: 'x:\n  sc: &sc\n    a: 1\ny: *sc\n',
      op: set(['x', 'sc', 'b'], true),
      reason: 'x.sc is shared through the anchor &sc: the change would reach every *sc',
    },
    {
      name: 'a value whose anchor an alias shares',
      text: 'a: &on true\nb: *on\n',
      op: set(['a'], false),
      reason: 'a is shared through the anchor &on: the change would reach every *on',
    },
    {
      name: 'a map that exists only through a merge key',
      text: 'base: &b\n  sc: {a: 1}\nm:\n  <<: *b\n',
      op: set(['m', 'sc', 'b'], true),
      reason: 'm.sc comes from a merge key (<<): edit the merged map yourself',
    },
    {
      name: 'a scalar where a map is expected',
      text: 'sc: none\n',
      op: set(['sc', 'a'], true),
      reason: 'sc is not a map',
    },
    {
      name: 'an empty value on the way',
      text: 'sc:\nb: 1\n',
      op: set(['sc', 'a'], true),
      reason: 'sc is empty: give it a value ({}) or remove it',
    },
    {
      name: 'a list item that is not there',
      text: 'c:\n  - a: 1\n',
      op: set(['c', 3, 'a'], true),
      reason: 'c has no item 3',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(edit(c.text, c.op)).toBe(`declined: ${c.reason}`);
    });
  }
  it('an anchor nobody aliases does not stop an edit, and stays', () => {
    expect(edit('sc: &lonely\n  a: 1\n', set(['sc', 'b'], true))).toBe('sc: &lonely\n  a: 1\n  b: true\n');
  });
});

describe('applyOperation: addToList', () => {
  const add = (path: string[], item: string): FixOperation => ({ kind: 'addToList', path, item });
  it('appends to a block list at the dash column', () => {
    expect(edit('drop:\n  - NET_RAW # why\nx: 1\n', add(['drop'], 'ALL'))).toBe(
      'drop:\n  - NET_RAW # why\n  - ALL\nx: 1\n',
    );
  });
  it('appends inside a flow list, and fills an empty one', () => {
    expect(edit('drop: [NET_RAW]\n', add(['drop'], 'ALL'))).toBe('drop: [NET_RAW, ALL]\n');
    expect(edit('drop: []\n', add(['drop'], 'ALL'))).toBe('drop: [ALL]\n');
  });
  it('creates a missing list in flow style', () => {
    expect(edit('caps: {}\n', add(['caps', 'drop'], 'ALL'))).toBe('caps: {drop: [ALL]}\n');
  });
  it('leaves a list that has the item', () => {
    expect(edit('drop: [ALL]\n', add(['drop'], 'ALL'))).toBe('drop: [ALL]\n');
  });
  it('declines what is not a list', () => {
    expect(edit('drop: ALL\n', add(['drop'], 'ALL'))).toBe('declined: drop is not a list');
  });
});
