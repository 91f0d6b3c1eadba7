import { describe, expect, it } from 'vitest';
import { compileLabelSelector, mapSelectorMatches, selectorMatches } from './selector.js';

const web = { app: 'web', tier: 'front' };

describe('label selectors (metav1.LabelSelectorAsSelector semantics)', () => {
  it.each([
    ['null selector matches nothing', null, web, false],
    ['empty selector matches everything', {}, web, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, web, true],
    ['matchLabels different value', { matchLabels: { app: 'db' } }, web, false],
    [
      'In with listed value',
      { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'x'] }] },
      web,
      true,
    ],
    [
      'In with missing key',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      web,
      false,
    ],
    [
      'NotIn with missing key matches',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      web,
      true,
    ],
    [
      'NotIn with listed value',
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      web,
      false,
    ],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, web, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, web, false],
    [
      'matchLabels and matchExpressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      web,
      false,
    ],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selectorMatches(compileLabelSelector(selector), labels)).toBe(expected);
  });

  it('In without values is invalid and matches nothing', () => {
    const s = compileLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] });
    expect(s.error).toMatch(/needs at least one value/);
    expect(selectorMatches(s, web)).toBe(false);
  });

  it('Exists with values is invalid', () => {
    const s = compileLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] });
    expect(s.error).toMatch(/takes no values/);
  });

  it('unknown operator is invalid', () => {
    expect(
      compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }).error,
    ).toMatch(/unknown operator "Gt"/);
  });

  it('Service selectors: empty selects no pods, pairs must all match', () => {
    expect(mapSelectorMatches({}, web)).toBe(false);
    expect(mapSelectorMatches(undefined, web)).toBe(false);
    expect(mapSelectorMatches({ app: 'web' }, web)).toBe(true);
    expect(mapSelectorMatches({ app: 'web', tier: 'back' }, web)).toBe(false);
  });
});
