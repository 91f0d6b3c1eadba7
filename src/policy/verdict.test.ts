import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { Severity } from './types.js';
import { nothingScanned, scanVerdict } from './verdict.js';

const result = (severities: Severity[], resources = 1, errors = 0) => ({
  findings: severities.map((severity) => ({ severity })),
  errors: Array.from({ length: errors }, () => ({})),
  stats: { resources },
});

describe('scanVerdict', () => {
  it('fails on findings at or above the threshold, low by default', () => {
    expect(scanVerdict(result(['info', 'low', 'high']))).toEqual({
      failOn: 'low',
      failing: 2,
      failed: true,
      nothingScanned: false,
    });
    expect(scanVerdict(result(['info']))).toMatchObject({ failing: 0, failed: false });
    expect(scanVerdict(result(['medium', 'high']), 'high')).toMatchObject({ failing: 1, failed: true });
    expect(scanVerdict(result(['medium']), 'high')).toMatchObject({ failing: 0, failed: false });
    expect(scanVerdict(result(['info']), 'info')).toMatchObject({ failing: 1, failed: true });
  });

  it('never fails with never', () => {
    expect(scanVerdict(result(['critical']), 'never')).toEqual({
      failOn: 'never',
      failing: 0,
      failed: false,
      nothingScanned: false,
    });
  });

  it('nothing scanned: no resource read and input errors say why', () => {
    expect(scanVerdict(result([], 0, 1)).nothingScanned).toBe(true);
    expect(nothingScanned(result([], 0, 0))).toBe(false); // empty input is not an error
    expect(nothingScanned(result([], 1, 3))).toBe(false); // some input was scanned
  });

  it('a threshold that is no severity is a usage error', () => {
    expect(() => scanVerdict(result([]), 'severe')).toThrow(
      new UsageError('--fail-on must be one of critical, high, medium, low, info or never, not "severe"'),
    );
  });
});
