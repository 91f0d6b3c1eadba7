/**
 * Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`, quantity.go):
 * `<sign><digits>[.<digits>]<suffix>` where the suffix is binary (Ki Mi Gi Ti Pi Ei), decimal
 * (n u m "" k M G T P E) or a decimal exponent (`e3`, `E-2`). Values are compared exactly, as
 * BigInt counts of nano-units (the API server's own smallest scale; finer digits round up, as
 * the server rounds a quantity it stores).
 */

const BINARY: Readonly<Record<string, bigint>> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};
const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const SYNTAX = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity in nano-units (`1Gi` → 1073741824000000000n), or undefined when it is not one. */
export function parseQuantity(value: unknown): bigint | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const m = SYNTAX.exec(text);
  if (m === null) return undefined;
  const [, sign, number, exponent, suffix = ''] = m as unknown as [string, string, string, string?, string?];
  const [whole = '', fraction = ''] = number.split('.');
  const digits = BigInt(`${whole}${fraction}` || '0');
  let power10 = 9 - fraction.length;
  let factor = 1n;
  if (exponent !== undefined) power10 += Number(exponent.slice(1));
  else if (suffix in BINARY) factor = BINARY[suffix]!;
  else power10 += DECIMAL[suffix]!;
  let nano: bigint;
  if (power10 >= 0) nano = digits * factor * 10n ** BigInt(power10);
  else {
    const scale = 10n ** BigInt(-power10);
    const product = digits * factor;
    nano = product / scale + (product % scale === 0n ? 0n : 1n);
  }
  return sign === '-' ? -nano : nano;
}
