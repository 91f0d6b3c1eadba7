// VAP `variables`: named expressions evaluated lazily, at most once per evaluation, each able to read
// the variables declared before it (admissionregistration/v1 Variable; KEP-3488 "composition").
import { celError } from '@bufbuild/cel';
import type { CelInput, CelMap, CelValue } from '@bufbuild/cel';
import type { CelProgram } from './program.js';

const mapSymbol = Symbol.for('@bufbuild/cel/map');

export interface CompiledVariable {
  name: string;
  program: CelProgram;
}

class LazyVariables {
  readonly [mapSymbol] = {};
  readonly #values = new Map<string, CelValue>();
  readonly #index: Map<string, number>;
  constructor(
    private readonly variables: readonly CompiledVariable[],
    private readonly bindings: Readonly<Record<string, CelInput>>,
  ) {
    this.#index = new Map(variables.map((v, i) => [v.name, i]));
  }
  /** The map a variable at `position` sees: only the variables declared before it. */
  private scopeFor(position: number): LazyVariables {
    return position === this.variables.length ? this : new LazyVariables(this.variables.slice(0, position), this.bindings);
  }
  get size(): number {
    return this.variables.length;
  }
  get(key: unknown): CelValue | undefined {
    if (typeof key !== 'string') return undefined;
    const position = this.#index.get(key);
    if (position === undefined) return undefined;
    const cached = this.#values.get(key);
    if (cached !== undefined) return cached;
    const variable = this.variables[position];
    if (variable === undefined) return undefined;
    const result = variable.program.evaluate({ ...this.bindings, variables: this.scopeFor(position).cel() });
    const value = result.ok ? result.value : (celError(`variables.${key}: ${result.error.message}`) as unknown as CelValue);
    this.#values.set(key, value);
    return value;
  }
  has(key: unknown): boolean {
    return typeof key === 'string' && this.#index.has(key);
  }
  keys(): IterableIterator<string> {
    return this.variables.map((v) => v.name)[Symbol.iterator]();
  }
  *values(): IterableIterator<CelValue> {
    for (const v of this.variables) yield this.get(v.name) ?? null;
  }
  *entries(): IterableIterator<[string, CelValue]> {
    for (const v of this.variables) yield [v.name, this.get(v.name) ?? null];
  }
  forEach(callback: (value: CelValue, key: string, map: LazyVariables) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries();
  }
  cel(): CelMap {
    return this as unknown as CelMap;
  }
}

/** The `variables` binding for one evaluation of a policy's expressions. */
export function lazyVariables(variables: readonly CompiledVariable[], bindings: Readonly<Record<string, CelInput>>): CelMap {
  return new LazyVariables(variables, bindings).cel();
}
