import { describe, expect, it } from 'vitest';
import { nearestRank } from './analysis.js';
import { durationText } from './historyReport.js';

describe('time to remediate figures', () => {
  it('p90 is the nearest rank: the ⌈0.9·n⌉-th smallest', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([...ten, 11], 90)).toBe(10);
    expect(nearestRank([5], 90)).toBe(5);
    expect(nearestRank([2, 6], 90)).toBe(6);
    expect(nearestRank([], 90)).toBe(0);
  });

  it('durations print in their two largest units', () => {
    expect([0, 45, 1800, 7200, 9000, 86400 + 21600, 86400 + 59, 3 * 86400].map(durationText)).toEqual([
      '0s',
      '45s',
      '30m',
      '2h',
      '2h 30m',
      '1d 6h',
      '1d',
      '3d',
    ]);
  });
});
