// JSON (a Kubernetes object as parsed from YAML or an AdmissionReview) to CEL values and back.
//
// Kubernetes gives CEL a JSON integer as `int` (the OpenAPI `integer` type), so `object.spec.replicas + 1`
// works; @bufbuild/cel would otherwise see every JS number as a `double`. The wrappers are lazy: a field is
// converted when an expression reads it, so a rule that reads two fields of a large object pays for two.
import { celList, celMap, celUint, isCelList, isCelMap, isCelUint } from '@bufbuild/cel';
import type { CelInput, CelList, CelMap, CelValue } from '@bufbuild/cel';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** @bufbuild/cel recognises its maps and lists by these registered symbols (map.js, list.js). */
const mapSymbol = Symbol.for('@bufbuild/cel/map');
const listSymbol = Symbol.for('@bufbuild/cel/list');

/** A CEL value for a JSON value: integral numbers become `int`, other numbers `double`. */
export function jsonToCel(value: unknown): CelValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'boolean':
    case 'string':
    case 'bigint':
      return value;
    case 'object':
      if (Array.isArray(value)) return new JsonList(value) as unknown as CelList;
      return new JsonMap(value as Record<string, unknown>) as unknown as CelMap;
    default:
      return null;
  }
}

class JsonMap {
  readonly [mapSymbol] = {};
  #cache = new Map<string, CelValue>();
  constructor(private readonly source: Record<string, unknown>) {}
  get size(): number {
    return Object.keys(this.source).length;
  }
  get(key: unknown): CelValue | undefined {
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(this.source, key)) return undefined;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const converted = jsonToCel(this.source[key]);
    this.#cache.set(key, converted);
    return converted;
  }
  has(key: unknown): boolean {
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(this.source, key);
  }
  keys(): IterableIterator<string> {
    return Object.keys(this.source)[Symbol.iterator]();
  }
  *values(): IterableIterator<CelValue> {
    for (const key of Object.keys(this.source)) yield this.get(key) ?? null;
  }
  *entries(): IterableIterator<[string, CelValue]> {
    for (const key of Object.keys(this.source)) yield [key, this.get(key) ?? null];
  }
  forEach(callback: (value: CelValue, key: string, map: JsonMap) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries();
  }
}

class JsonList {
  readonly [listSymbol] = {};
  #cache: CelValue[] = [];
  constructor(private readonly source: readonly unknown[]) {}
  get size(): number {
    return this.source.length;
  }
  get(index: number): CelValue | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.source.length) return undefined;
    let converted = this.#cache[index];
    if (converted === undefined) {
      converted = jsonToCel(this.source[index]);
      this.#cache[index] = converted;
    }
    return converted;
  }
  *values(): IterableIterator<CelValue> {
    for (let i = 0; i < this.source.length; i++) yield this.get(i) ?? null;
  }
  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values();
  }
}

/** A plain JSON value for a CEL result (messageExpression output, test assertions, VAP audit annotations). */
export function celToJson(value: CelValue): Json {
  if (value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'boolean':
    case 'number':
    case 'string':
      return value;
    default:
      break;
  }
  if (isCelUint(value)) return Number(value.value);
  if (isCelList(value)) return [...value].map(celToJson);
  if (isCelMap(value)) {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of value.entries()) out[String(isCelUint(key) ? key.value : key)] = celToJson(item);
    return out;
  }
  // Timestamps, durations and types: their CEL string forms.
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item));
}

/** A list or map literal for functions that build CEL values (findAll, split results are already lists). */
export function celListOf(items: readonly CelInput[]): CelList {
  return celList(items);
}

export function celMapOf(entries: ReadonlyMap<string, CelInput>): CelMap {
  return celMap(entries);
}

export { celUint };
