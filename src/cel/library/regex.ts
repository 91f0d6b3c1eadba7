// The Kubernetes regex library (k8s.io/apiserver/pkg/cel/library/regex.go): find and findAll, with RE2
// semantics (linear time, no backtracking) from @bufbuild/re2, the engine @bufbuild/cel's matches() uses.
import { celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { RE2JS } from '@bufbuild/re2';
import { charge } from '../budget.js';

type Input = object;
type Engine = RE2JS['re2Input'];
type EngineInput = Parameters<Engine['executeEngine']>[0];

/**
 * @bufbuild/re2 answers only "does it match" (its RE2 keeps no capture positions), through an input
 * class it does not export. RE2JS.testExact hands an instance of that class to the engine, so one probe
 * call captures the constructor (the public field re2Input is swapped for the probe only).
 */
let inputClass: (new (text: string, start?: number, end?: number) => Input) | undefined;
function machineInput(text: string, end = text.length): EngineInput {
  if (inputClass === undefined) {
    const probe = RE2JS.compile('');
    const engine = probe.re2Input;
    probe.re2Input = {
      executeEngine(input: Input) {
        inputClass = input.constructor as new (text: string, start?: number, end?: number) => Input;
        return null;
      },
    } as unknown as Engine;
    probe.testExact('');
    probe.re2Input = engine;
    if (inputClass === undefined) throw new Error('regex engine unavailable');
  }
  return new inputClass(text, 0, end) as EngineInput;
}

const cache = new Map<string, Engine>();
function compiled(pattern: string): Engine {
  let engine = cache.get(pattern);
  if (engine === undefined) {
    try {
      engine = RE2JS.compile(pattern).re2();
    } catch (error) {
      throw new Error(`invalid regex '${pattern}': ${error instanceof Error ? error.message : String(error)}`);
    }
    if (cache.size >= 512) cache.clear();
    cache.set(pattern, engine);
  }
  return engine;
}

const UNANCHORED = 0;
const ANCHOR_START = 1;
const ANCHOR_BOTH = 2;

/**
 * The match at the leftmost position from `pos`, as [start, end], from boolean DFA runs only: the
 * leftmost start that begins a match, then the longest end there. This is Go's leftmost-first match
 * except for lazy quantifiers and alternations whose earlier branch matches less (POSIX takes the
 * longest), and a `$` or `\b` at a match end inside the text is judged as at the end of the text.
 * Every DFA run is linear and charged to the evaluation budget.
 */
function matchFrom(engine: Engine, text: string, pos: number): [number, number] | undefined {
  const full = machineInput(text);
  charge(text.length - pos + 1);
  if (engine.executeEngine(full, pos, UNANCHORED, 0) === null) return undefined;
  let start = pos;
  for (; start <= text.length; start++) {
    charge(text.length - start + 1);
    if (engine.executeEngine(full, start, ANCHOR_START, 0) !== null) break;
  }
  for (let end = text.length; end >= start; end--) {
    charge(end - start + 1);
    if (engine.executeEngine(end === text.length ? full : machineInput(text, end), start, ANCHOR_BOTH, 0) !== null) {
      return [start, end];
    }
  }
  return undefined;
}

/** Successive non-overlapping matches as Go's regexp.FindAllString delivers them (n < 0: all). */
export function findAll(text: string, pattern: string, n: number): string[] {
  const engine = compiled(pattern);
  const found: string[] = [];
  let previousEnd = -1;
  for (let pos = 0; pos <= text.length && (n < 0 || found.length < n); ) {
    const match = matchFrom(engine, text, pos);
    if (match === undefined) break;
    const [start, end] = match;
    let accept = true;
    if (end === start) {
      // Go ignores an empty match that abuts the previous match, and steps one character past it.
      if (start === previousEnd) accept = false;
      const code = text.codePointAt(start);
      pos = start + (code !== undefined && code > 0xffff ? 2 : 1);
    } else {
      pos = end;
    }
    previousEnd = end;
    if (accept) found.push(text.slice(start, end));
  }
  return found;
}

export const regexFunctions: CelFunc[] = [
  celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, pattern: string) {
    return findAll(this, pattern, 1)[0] ?? '';
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], CelScalar.DYN, function (this: string, pattern: string) {
    return findAll(this, pattern, -1);
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], CelScalar.DYN, function (this: string, pattern: string, limit: bigint) {
    return limit === 0n ? [] : findAll(this, pattern, Number(limit));
  }),
];
