// CEL that Kubernetes accepts but @bufbuild/cel 0.6.1 cannot run. Saying so at compile time, with the
// position, is better than a parse error that reads like the user's mistake or a runtime
// "unbound function" on the first object that reaches the expression.
import type { Expr } from './ast.js';
import { childrenOf } from './limits.js';

const engine = "unsupported by kubeward's CEL engine (@bufbuild/cel)";

/** Optional-type macros (cel-go ext OptionalTypes); the functions are in library/optional.ts. */
const optionalMacros = new Set(['optMap', 'optFlatMap']);
/** The two-variable comprehensions of cel-go's TwoVarComprehensions (Kubernetes ≥ 1.33). */
const twoVariableMacros = new Set(['all', 'exists', 'existsOne', 'exists_one', 'transformList', 'transformMap', 'transformMapEntry']);

/** Blanks string literals so that syntax inside them is not mistaken for code. */
function codeOnly(source: string): string {
  return source.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (literal) => ' '.repeat(literal.length));
}

/** For a source the parser rejected: the optional syntax it contains, if that is why. */
export function unsupportedSyntaxAt(source: string): { message: string; offset: number } | undefined {
  const code = codeOnly(source);
  const match = /\.\s*\?|\[\s*\?|[{,]\s*\?\s*['"\w]/.exec(code);
  if (!match) return undefined;
  return { message: `optional syntax ('.?', '[?', '?key:') is ${engine}; use has() and a conditional instead`, offset: match.index };
}

/** The first construct of a parsed AST that the engine cannot evaluate, or an unknown function. */
export function findUnsupported(root: Expr, isKnownFunction: (name: string) => boolean): { message: string; id: bigint } | undefined {
  const stack: Expr[] = [root];
  for (let expr = stack.pop(); expr !== undefined; expr = stack.pop()) {
    const kind = expr.exprKind;
    if (kind.case === 'callExpr') {
      const call = kind.value;
      const qualifier = call.target?.exprKind.case === 'identExpr' ? call.target.exprKind.value.name : undefined;
      if (call.target && optionalMacros.has(call.function)) {
        return { message: `the optional macro '${call.function}' is ${engine}`, id: expr.id };
      }
      if (call.target && twoVariableMacros.has(call.function) && call.args.length >= 3 && call.args[0]?.exprKind.case === 'identExpr' && call.args[1]?.exprKind.case === 'identExpr') {
        return { message: `two-variable comprehensions ('${call.function}(k, v, …)') are ${engine}`, id: expr.id };
      }
      const qualified = qualifier === undefined ? undefined : `${qualifier}.${call.function}`;
      if (!isKnownFunction(call.function) && !(qualified !== undefined && isKnownFunction(qualified))) {
        return { message: `undeclared reference to '${qualified ?? call.function}' (no such function in kubeward's CEL library)`, id: expr.id };
      }
    }
    stack.push(...childrenOf(expr).reverse());
  }
  return undefined;
}
