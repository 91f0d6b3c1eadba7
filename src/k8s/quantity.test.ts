import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

const NANO = 10n ** 9n;

describe('parseQuantity', () => {
  // the forms of apimachinery's quantity_test.go and the API reference ("Quantity")
  it.each([
    ['1Gi', 2n ** 30n * NANO],
    ['1.5Gi', 3n * 2n ** 29n * NANO],
    ['512Mi', 512n * 2n ** 20n * NANO],
    ['1G', 10n ** 9n * NANO],
    ['100m', 100_000_000n],
    ['0.1', 100_000_000n],
    ['.5', 500_000_000n],
    ['5.', 5n * NANO],
    ['1e3', 1000n * NANO],
    ['1E-3', 1_000_000n],
    ['2k', 2000n * NANO],
    ['1n', 1n],
    ['0.1n', 1n], // finer than nano rounds up
    ['-1Ki', -1024n * NANO],
    ['+3', 3n * NANO],
    [10, 10n * NANO],
  ])('%s', (text, nano) => {
    expect(parseQuantity(text)).toBe(nano);
  });

  it.each(['', 'Gi', '1 Gi', '1gi', '1KiB', '1.2.3', '--1', '1e', 'one', null, {}, Number.NaN])(
    'rejects %s',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );

  it('compares across suffixes exactly', () => {
    expect(parseQuantity('1Gi')! > parseQuantity('1G')!).toBe(true);
    expect(parseQuantity('1024Mi')).toBe(parseQuantity('1Gi'));
    expect(parseQuantity('1000M')).toBe(parseQuantity('1G'));
  });
});
