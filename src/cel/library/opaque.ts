// Kubernetes' CEL libraries add object types (Quantity, URL, IP, CIDR, Format, optional). @bufbuild/cel
// supports custom object types only through protobuf descriptors, so kubeward models each as an opaque
// one-entry map, `{ "<type>": <canonical form> }`: CEL equality of two values is then equality of their
// canonical forms (ip('::1') == ip('0:0::1')), and methods, declared on `dyn`, accept only their own type.
import { CelScalar, mapType } from '@bufbuild/cel';
import type { CelMap, CelMapType, CelValue } from '@bufbuild/cel';

const mapSymbol = Symbol.for('@bufbuild/cel/map');

export class Opaque<T> {
  readonly [mapSymbol] = {};
  constructor(
    readonly typeName: string,
    readonly canonical: CelValue,
    readonly payload: T,
  ) {}
  get size(): number {
    return 1;
  }
  get(key: unknown): CelValue | undefined {
    return key === this.typeName ? this.canonical : undefined;
  }
  has(key: unknown): boolean {
    return key === this.typeName;
  }
  keys(): IterableIterator<string> {
    return [this.typeName][Symbol.iterator]();
  }
  values(): IterableIterator<CelValue> {
    return [this.canonical][Symbol.iterator]();
  }
  entries(): IterableIterator<[string, CelValue]> {
    return [[this.typeName, this.canonical] as [string, CelValue]][Symbol.iterator]();
  }
  forEach(callback: (value: CelValue, key: string, map: Opaque<T>) => void): void {
    callback(this.canonical, this.typeName, this);
  }
  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries();
  }
  /** As a CEL value (the map interface @bufbuild/cel recognises). */
  cel(): CelMap {
    return this as unknown as CelMap;
  }
}

/** The payload of `value` when it is an opaque value of `typeName`; otherwise the call has no overload. */
export function payloadOf<T>(value: unknown, typeName: string, method: string): T {
  if (value instanceof Opaque && value.typeName === typeName) return (value as Opaque<T>).payload;
  throw new Error(`found no matching overload for '${method}' applied to '${describe(value)}'`);
}

export function isOpaque(value: unknown, typeName: string): boolean {
  return value instanceof Opaque && value.typeName === typeName;
}

function describe(value: unknown): string {
  if (value instanceof Opaque) return value.typeName;
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  return typeof value;
}

/** The declared type of opaque values' methods: any map, narrowed by payloadOf. */
export const OPAQUE: CelMapType = mapType(CelScalar.DYN, CelScalar.DYN);
