// The parsed-AST types of @bufbuild/cel (cel.expr protobuf messages), named through its own API so that
// src/ imports nothing from @bufbuild/cel-spec, a dependency of @bufbuild/cel rather than of kubeward.
import type { parse } from '@bufbuild/cel';

export type ParsedExpr = ReturnType<typeof parse>;
export type Expr = ParsedExpr['expr'];
