import { describe, expect, it } from 'vitest';
import {
  containsAll,
  elementaryIntervals,
  has,
  intersect,
  normalise,
  subtract,
  union,
} from './intervalSet.js';

describe('interval sets (half-open)', () => {
  it('normalise merges overlapping and touching intervals and drops empty ones', () => {
    expect(
      normalise([
        [5, 7],
        [1, 3],
        [3, 4],
        [6, 9],
        [10, 10],
      ]),
    ).toEqual([
      [1, 4],
      [5, 9],
    ]);
  });

  it('union, intersect and subtract', () => {
    const a = [
      [1, 10],
      [20, 30],
    ] as const;
    const b = [[5, 25]] as const;
    expect(union(a, b)).toEqual([[1, 30]]);
    expect(intersect(a, b)).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(subtract(a, b)).toEqual([
      [1, 5],
      [25, 30],
    ]);
    expect(subtract(b, a)).toEqual([[10, 20]]);
    expect(subtract(a, [[0, 100]])).toEqual([]);
    expect(
      subtract(
        [[1, 100]],
        [
          [10, 20],
          [30, 40],
        ],
      ),
    ).toEqual([
      [1, 10],
      [20, 30],
      [40, 100],
    ]);
  });

  it('works on bigints the same way', () => {
    expect(subtract([[0n, 1n << 32n]], [[10n, 20n]])).toEqual([
      [0n, 10n],
      [20n, 1n << 32n],
    ]);
  });

  it('has and containsAll', () => {
    const s = [
      [1, 5],
      [8, 9],
    ] as const;
    expect([0, 1, 4, 5, 8, 9].map((v) => has(s, v))).toEqual([false, true, true, false, true, false]);
    expect(containsAll(s, [[2, 4]])).toBe(true);
    expect(containsAll(s, [[4, 8]])).toBe(false);
  });

  it('elementaryIntervals cuts the universe at every boundary', () => {
    expect(
      elementaryIntervals(
        [0, 100],
        [
          [[10, 20]],
          [
            [15, 30],
            [90, 100],
          ],
        ],
      ),
    ).toEqual([
      [0, 10],
      [10, 15],
      [15, 20],
      [20, 30],
      [30, 90],
      [90, 100],
    ]);
    expect(elementaryIntervals([0, 100], [])).toEqual([[0, 100]]);
  });
});
