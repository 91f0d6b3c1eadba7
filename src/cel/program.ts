// One adapter over @bufbuild/cel: compile once (limits, unsupported syntax, unknown functions, the budget
// rewrite, planning), evaluate many times against Kubernetes-shaped bindings.
import { celEnv, CelScalar, isCelError, parse, plan } from '@bufbuild/cel';
import type { CelEnv, CelInput, CelValue } from '@bufbuild/cel';
import type { Expr, ParsedExpr } from './ast.js';
import { tickName, withBudget } from './budget.js';
import { celLibrary } from './library.js';
import { astShape, childrenOf, defaultCelLimits } from './limits.js';
import type { CelLimits } from './limits.js';
import { findUnsupported, unsupportedSyntaxAt } from './unsupported.js';

/** The variables of a ValidatingAdmissionPolicy expression (KEP-3488), declared for every expression. */
export const admissionVariables = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer'] as const;
export type AdmissionVariable = (typeof admissionVariables)[number];

export interface CelPosition {
  offset: number;
  line: number;
  column: number;
}

export interface CelProblem {
  message: string;
  position: CelPosition | undefined;
}

export interface CelProgram {
  readonly source: string;
  /** Evaluates with the given bindings (CEL values or JSON, see values.ts); never throws. */
  evaluate(bindings: Readonly<Record<string, CelInput>>): CelEvaluation;
}

export type CelEvaluation = { ok: true; value: CelValue } | { ok: false; error: CelProblem };

export type CelCompilation = { ok: true; program: CelProgram } | { ok: false; error: CelProblem };

const declared = Object.fromEntries(admissionVariables.map((name) => [name, CelScalar.DYN]));
let sharedEnv: CelEnv | undefined;
function environment(): CelEnv {
  sharedEnv ??= celEnv({ funcs: celLibrary, variables: declared });
  return sharedEnv;
}

/** Functions the planner handles itself rather than through the function resolver (planner.js). */
const plannerOperators = new Set(['_[_]', '_[?_]', '_?._', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__', tickName]);

export function positionAt(source: string, offset: number): CelPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export function formatProblem(problem: CelProblem): string {
  return problem.position ? `${problem.position.line}:${problem.position.column}: ${problem.message}` : problem.message;
}

export function compileCel(source: string, limits: CelLimits = defaultCelLimits): CelCompilation {
  const fail = (message: string, offset?: number): CelCompilation => ({
    ok: false,
    error: { message, position: offset === undefined ? undefined : positionAt(source, offset) },
  });
  if (source.length > limits.maxLength) {
    return fail(`expression is ${source.length} characters long; the limit is ${limits.maxLength}`);
  }
  let parsed: ParsedExpr;
  try {
    parsed = parse(source);
  } catch (error) {
    const unsupported = unsupportedSyntaxAt(source);
    if (unsupported) return fail(unsupported.message, unsupported.offset);
    const offset = parseErrorOffset(error);
    const text = error instanceof Error ? error.message.replace(/^<input>:\d+:\d+: /, '') : String(error);
    return fail(error instanceof RangeError ? 'expression nests too deeply to parse' : `syntax error: ${text}`, offset);
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const offsetOf = (id: bigint): number | undefined => positions[String(id)];
  const shape = astShape(parsed.expr);
  if (shape.nodes > limits.maxAstNodes) {
    return fail(`expression has ${shape.nodes} AST nodes; the limit is ${limits.maxAstNodes}`);
  }
  if (shape.depth > limits.maxDepth) {
    return fail(`expression nests ${shape.depth} levels deep; the limit is ${limits.maxDepth}`);
  }
  const env = environment();
  const unsupported = findUnsupported(parsed.expr, (name) => plannerOperators.has(name) || env.funcs.find(name) !== undefined);
  if (unsupported) return fail(unsupported.message, offsetOf(unsupported.id));
  instrumentComprehensions(parsed.expr);
  let evaluator: (bindings: Record<string, CelInput>) => unknown;
  try {
    evaluator = plan(env, parsed);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const program: CelProgram = {
    source,
    evaluate(bindings) {
      let outcome: { value: unknown } | { exceeded: string };
      try {
        outcome = withBudget(limits.maxCost, limits.maxMillis, () => evaluator(bindings as Record<string, CelInput>));
      } catch (error) {
        // Deep recursion inside the evaluator on a hostile input is the only way here.
        return { ok: false, error: { message: error instanceof Error ? error.message : String(error), position: undefined } };
      }
      if ('exceeded' in outcome) return { ok: false, error: { message: outcome.exceeded, position: undefined } };
      const value = outcome.value;
      if (isCelError(value)) {
        const offset = value.exprId === undefined ? undefined : offsetOf(value.exprId);
        return {
          ok: false,
          error: { message: value.message, position: offset === undefined ? undefined : positionAt(source, offset) },
        };
      }
      return { ok: true, value: value as CelValue };
    },
  };
  return { ok: true, program };
}

function parseErrorOffset(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('location' in error)) return undefined;
  const location = (error as { location?: { start?: { offset?: number } } }).location;
  return location?.start?.offset;
}

/** Wraps every comprehension's loop condition in the budget tick (budget.ts). */
function instrumentComprehensions(root: Expr): void {
  let nextId = 1n << 40n;
  const stack: Expr[] = [root];
  for (let expr = stack.pop(); expr !== undefined; expr = stack.pop()) {
    stack.push(...childrenOf(expr));
    if (expr.exprKind.case !== 'comprehensionExpr') continue;
    const comprehension = expr.exprKind.value;
    const condition = comprehension.loopCondition;
    if (condition === undefined) continue;
    comprehension.loopCondition = {
      $typeName: 'cel.expr.Expr',
      id: nextId++,
      exprKind: {
        case: 'callExpr',
        value: { $typeName: 'cel.expr.Expr.Call', function: tickName, args: [condition] },
      },
    };
  }
}
