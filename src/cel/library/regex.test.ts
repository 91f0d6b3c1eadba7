import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-regex-library and the godoc examples of
// k8s.io/apiserver/pkg/cel/library/regex.go.
const cases: [string, unknown][] = [
  ["'abc 123'.find('[0-9]+')", '123'],
  ["'abc 123'.find('xyz')", ''],
  // The documentation's `[0-9]*` finds the empty match at offset 0, as Go's FindString does.
  ["\"abc 123\".find('[0-9]*')", ''],
  ["'123 abc 456'.findAll('[0-9]+')", ['123', '456']],
  ["'123 abc 456'.findAll('[0-9]+', 1)", ['123']],
  ["'123 abc 456'.findAll('xyz')", []],
  ["'1, 2, 3, 4'.findAll('[0-9]+').map(x, int(x)).sum() < 100", true],
  // With `[0-9]*` Go also yields the empty matches between the numbers; @bufbuild/cel reads int('') as 0
  // where cel-go fails, so the documentation's example holds here.
  ["'1, 2, 3, 4'.findAll('[0-9]*')", ['1', '', '2', '', '3', '', '4']],
  ["'1, 2, 3, 4'.findAll('[0-9]*').map(x, int(x)).sum() < 100", true],
  ["'aaa'.findAll('a*')", ['aaa']],
  ["'héllo wörld'.findAll('[^ ]+')", ['héllo', 'wörld']],
  ["'abc'.find('(')", { error: expect.stringContaining("invalid regex '('") as unknown }],
];

describe('Kubernetes regex library', () => {
  it.each(cases)('%s is %j', (expression, expected) => {
    expect(evalCel(expression)).toEqual(expected);
  });

  it('is linear on the catastrophic-backtracking pattern (RE2, not a backtracking engine)', () => {
    const started = Date.now();
    expect(evalCel(`'${'a'.repeat(5000)}!'.find('^(a+)+$')`)).toBe('');
    expect(evalCel(`'${'a'.repeat(5000)}!'.matches('^(a+)+$')`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
