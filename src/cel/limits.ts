// Structural limits checked on the source and the parsed AST before an expression is planned.
//
// The API server bounds CEL by an estimated cost at compile time and a runtime cost budget
// (k8s.io/apiserver/pkg/apis/cel/config.go: PerCallLimit 1,000,000); neither JS engine estimates cost,
// so kubeward bounds the shape of the expression here and the work of one evaluation in budget.ts.
import type { Expr } from './ast.js';

export interface CelLimits {
  /** Characters of the expression text. */
  maxLength: number;
  /** Nodes of the parsed AST, macro expansions included. */
  maxAstNodes: number;
  /** Nesting depth of the parsed AST (comprehension bodies count one level each). */
  maxDepth: number;
  /** Comprehension iterations and list/string work units of one evaluation (see budget.ts). */
  maxCost: number;
  /** Wall-clock milliseconds of one evaluation. */
  maxMillis: number;
}

export const defaultCelLimits: CelLimits = {
  maxLength: 8_192,
  maxAstNodes: 4_096,
  maxDepth: 48,
  maxCost: 1_000_000,
  maxMillis: 250,
};

/** Children of an AST node, in source order. */
export function childrenOf(expr: Expr): Expr[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return kind.value.operand ? [kind.value.operand] : [];
    case 'callExpr':
      return [...(kind.value.target ? [kind.value.target] : []), ...kind.value.args];
    case 'listExpr':
      return [...kind.value.elements];
    case 'structExpr':
      return kind.value.entries.flatMap((entry) => [
        ...(entry.keyKind.case === 'mapKey' ? [entry.keyKind.value] : []),
        ...(entry.value ? [entry.value] : []),
      ]);
    case 'comprehensionExpr': {
      const c = kind.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter(
        (e): e is Expr => e !== undefined,
      );
    }
    default:
      return [];
  }
}

export interface AstShape {
  nodes: number;
  depth: number;
}

/** Node count and depth, iteratively (a hostile AST must not overflow the stack here). */
export function astShape(root: Expr): AstShape {
  let nodes = 0;
  let depth = 0;
  const stack: [Expr, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [expr, level] = top;
    nodes++;
    if (level > depth) depth = level;
    for (const child of childrenOf(expr)) stack.push([child, level + 1]);
  }
  return { nodes, depth };
}
