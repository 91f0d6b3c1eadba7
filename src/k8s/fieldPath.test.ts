import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath } from './fieldPath.js';

describe('parseFieldPath', () => {
  it('reads keys, indexes and quoted keys, the inverse of formatFieldPath', () => {
    expect(parseFieldPath('spec.ingress[0].from[12].ipBlock')).toEqual([
      'spec',
      'ingress',
      0,
      'from',
      12,
      'ipBlock',
    ]);
    const path = ['metadata', 'annotations', 'a/b.c', 'x'];
    expect(formatFieldPath(path)).toBe('metadata.annotations["a/b.c"].x');
    expect(parseFieldPath(formatFieldPath(path))).toEqual(path);
    expect(parseFieldPath('')).toEqual([]);
  });
});
