import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// The examples of https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-list-library and of the
// library's godoc (k8s.io/apiserver/pkg/cel/library/lists.go).
const cases: [string, Record<string, unknown>, unknown][] = [
  ['names.isSorted()', { names: ['a', 'b', 'c'] }, true],
  ['names.isSorted()', { names: ['b', 'a'] }, false],
  ['[1, 2, 3].isSorted()', {}, true],
  ['[1, 3, 2].isSorted()', {}, false],
  ["['a', 'b', 'b', 'c'].isSorted()", {}, true],
  ['items.map(x, x.weight).sum() == 1.0', { items: [{ weight: 0.25 }, { weight: 0.75 }] }, true],
  ['[1, 2, 3].sum()', {}, 6],
  ['[1.0, 2.0, 3.0].sum()', {}, 6],
  ['[].sum()', {}, 0],
  ['lowPriorities.map(x, x.priority).max() < highPriorities.map(x, x.priority).min()', { lowPriorities: [{ priority: 1 }, { priority: 3 }], highPriorities: [{ priority: 5 }, { priority: 4 }] }, true],
  ['lowPriorities.map(x, x.priority).max() < highPriorities.map(x, x.priority).min()', { lowPriorities: [{ priority: 6 }], highPriorities: [{ priority: 5 }] }, false],
  ['[1, 2, 3].max()', {}, 3],
  ['[1, 2, 3].min()', {}, 1],
  ["['b', 'a'].min()", {}, 'a'],
  ["names.indexOf('should-be-first') == 1", { names: ['x', 'should-be-first'] }, true],
  ['[1, 2, 2, 3].indexOf(2)', {}, 1],
  ['[1, 2, 2, 3].lastIndexOf(2)', {}, 2],
  ["['a', 'b'].indexOf('z')", {}, -1],
  ['[].min()', {}, { error: 'min called on empty list' }],
];

describe('Kubernetes list library', () => {
  it.each(cases)('%s with %j is %j', (expression, bindings, expected) => {
    expect(evalCel(expression, bindings)).toEqual(expected);
  });
});
