// Optional values as library functions return them (cel-go ext OptionalTypes: optional.of, optional.none,
// optional.ofNonZeroValue, hasValue, value, orValue, or). The optional *syntax* (`.?`, `[?`) is not
// parsed by @bufbuild/cel and is reported as unsupported at compile time (unsupported.ts).
import { celFunc, celList, celMethod, CelScalar, isCelList, isCelMap } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { OPAQUE, Opaque, isOpaque, payloadOf } from './opaque.js';

const TYPE = 'optional_type';

interface OptionalPayload {
  present: boolean;
  value: CelValue;
}

export function optionalOf(value: CelValue): CelValue {
  return new Opaque<OptionalPayload>(TYPE, celList([value]), { present: true, value }).cel();
}

export const optionalNone: CelValue = new Opaque<OptionalPayload>(TYPE, celList([]), { present: false, value: null }).cel();

const get = (value: unknown, method: string): OptionalPayload => payloadOf<OptionalPayload>(value, TYPE, method);

function isZero(value: CelValue): boolean {
  if (value === null || value === false || value === '' || value === 0n || value === 0) return true;
  if (value instanceof Uint8Array) return value.length === 0;
  if (isCelList(value) || isCelMap(value)) return value.size === 0;
  return false;
}

export const optionalFunctions: CelFunc[] = [
  celFunc('optional.of', [CelScalar.DYN], CelScalar.DYN, (value) => optionalOf(value)),
  celFunc('optional.none', [], CelScalar.DYN, () => optionalNone),
  celFunc('optional.ofNonZeroValue', [CelScalar.DYN], CelScalar.DYN, (value) => (isZero(value) ? optionalNone : optionalOf(value))),
  celMethod('hasValue', OPAQUE, [], CelScalar.BOOL, function () {
    return get(this, 'hasValue').present;
  }),
  celMethod('value', OPAQUE, [], CelScalar.DYN, function () {
    const optional = get(this, 'value');
    if (!optional.present) throw new Error('optional.none() dereference');
    return optional.value;
  }),
  celMethod('orValue', OPAQUE, [CelScalar.DYN], CelScalar.DYN, function (fallback) {
    const optional = get(this, 'orValue');
    return optional.present ? optional.value : fallback;
  }),
  celMethod('or', OPAQUE, [CelScalar.DYN], CelScalar.DYN, function (other) {
    const optional = get(this, 'or');
    if (!isOpaque(other, TYPE)) get(other, 'or');
    return optional.present ? this : other;
  }),
];
