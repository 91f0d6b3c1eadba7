import { describe, expect, it } from 'vitest';
import { formatLabels, formatLabelSelector } from './selectorText.js';

describe('formatLabels', () => {
  it('joins pairs in input order', () => {
    expect(formatLabels({ app: 'web', tier: 'front' })).toBe('app=web,tier=front');
  });
  it('says when there are none', () => {
    expect(formatLabels({})).toBe('(no labels)');
  });
});

describe('formatLabelSelector', () => {
  it.each([
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'zone', operator: 'Exists' },
          { key: 'debug', operator: 'DoesNotExist' },
        ],
      },
      'app=web,tier in (a,b),env notin (dev),zone,!debug',
    ],
    [{}, '(all)'],
    [{ matchLabels: {} }, '(all)'],
    [null, '(none)'],
    ['app=web', '(none)'],
  ])('%j is %s', (selector, want) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });
});
