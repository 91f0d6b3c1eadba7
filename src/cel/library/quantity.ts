// The Kubernetes quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go) over resource.Quantity
// (k8s.io/apimachinery/pkg/api/resource/quantity.go): a value is held exactly as a count of nano-units,
// rounded up as Quantity rounds values finer than its 10^-9 scale.
import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { OPAQUE, Opaque, payloadOf } from './opaque.js';

const TYPE = 'kubernetes.Quantity';
const NANO = 1_000_000_000n;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

const binarySuffixes: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const decimalExponents: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The grammar of resource.ParseQuantity: <signedNumber><suffix>, suffix binary, decimal SI or e/E exponent. */
const quantityPattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** The value in nano-units, or undefined when `text` is not a quantity. */
export function parseQuantity(text: string): bigint | undefined {
  const match = quantityPattern.exec(text);
  if (!match) return undefined;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  const digits = BigInt((whole || '0') + fraction);
  let exponent = -fraction.length;
  let multiplier = 1n;
  if (suffix in binarySuffixes) multiplier = binarySuffixes[suffix] ?? 1n;
  else if (suffix in decimalExponents) exponent += decimalExponents[suffix] ?? 0;
  else {
    const e = Number(suffix.slice(1));
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return undefined;
    exponent += e;
  }
  let nanos: bigint;
  const scaled = digits * multiplier;
  const shift = exponent + 9;
  nanos = shift >= 0 ? scaled * 10n ** BigInt(shift) : ceilDiv(scaled, 10n ** BigInt(-shift));
  if (sign === '-') nanos = -nanos;
  return nanos;
}

function quantity(nanos: bigint): CelValue {
  return new Opaque(TYPE, nanos.toString(), nanos).cel();
}

const nanosOf = (value: unknown, method: string): bigint => payloadOf<bigint>(value, TYPE, method);

function operand(value: unknown, method: string): bigint {
  return typeof value === 'bigint' ? value * NANO : nanosOf(value, method);
}

function isInteger(nanos: bigint): boolean {
  return nanos % NANO === 0n && nanos / NANO <= INT64_MAX && nanos / NANO >= INT64_MIN;
}

const sign = (n: bigint): bigint => (n > 0n ? 1n : n < 0n ? -1n : 0n);

export const quantityFunctions: CelFunc[] = [
  celFunc('quantity', [CelScalar.STRING], CelScalar.DYN, (text) => {
    const nanos = parseQuantity(text);
    if (nanos === undefined) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return quantity(nanos);
  }),
  celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (text) => parseQuantity(text) !== undefined),
  celMethod('isInteger', OPAQUE, [], CelScalar.BOOL, function () {
    return isInteger(nanosOf(this, 'isInteger'));
  }),
  celMethod('asInteger', OPAQUE, [], CelScalar.INT, function () {
    const nanos = nanosOf(this, 'asInteger');
    if (!isInteger(nanos)) throw new Error('cannot convert value to integer');
    return nanos / NANO;
  }),
  celMethod('asApproximateFloat', OPAQUE, [], CelScalar.DOUBLE, function () {
    return Number(nanosOf(this, 'asApproximateFloat')) / 1e9;
  }),
  celMethod('sign', OPAQUE, [], CelScalar.INT, function () {
    return sign(nanosOf(this, 'sign'));
  }),
  celMethod('compareTo', OPAQUE, [CelScalar.DYN], CelScalar.INT, function (other) {
    return sign(nanosOf(this, 'compareTo') - nanosOf(other, 'compareTo'));
  }),
  celMethod('isGreaterThan', OPAQUE, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    return nanosOf(this, 'isGreaterThan') > nanosOf(other, 'isGreaterThan');
  }),
  celMethod('isLessThan', OPAQUE, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    return nanosOf(this, 'isLessThan') < nanosOf(other, 'isLessThan');
  }),
  celMethod('add', OPAQUE, [CelScalar.DYN], CelScalar.DYN, function (other) {
    return quantity(nanosOf(this, 'add') + operand(other, 'add'));
  }),
  celMethod('sub', OPAQUE, [CelScalar.DYN], CelScalar.DYN, function (other) {
    return quantity(nanosOf(this, 'sub') - operand(other, 'sub'));
  }),
];
