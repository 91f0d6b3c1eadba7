// Evaluates a CEL expression for library tests: the JSON form of its value, or `{ error }`.
import { compileCel, formatProblem } from '../src/cel/program.js';
import { celToJson, jsonToCel } from '../src/cel/values.js';

export function evalCel(expression: string, bindings: Record<string, unknown> = {}): unknown {
  const compiled = compileCel(expression);
  if (!compiled.ok) return { compileError: formatProblem(compiled.error) };
  const cel = Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, jsonToCel(v)]));
  const result = compiled.program.evaluate(cel);
  return result.ok ? celToJson(result.value) : { error: result.error.message };
}
