// The work budget of one evaluation. Every comprehension's loop condition is wrapped (program.ts) in a
// call of `tickFunction`, so each iteration of every macro (all, exists, map, filter, …) is counted,
// nested ones included; library functions that walk a list or a string charge its size. Past the
// budget, or past the time limit (checked every 1,024 units), evaluation stops with an error, as the
// API server stops an expression that exceeds its runtime cost budget.
import { celFunc, CelScalar } from '@bufbuild/cel';

export class BudgetExceeded extends Error {}

interface Budget {
  remaining: number;
  deadline: number;
  sinceClock: number;
  exceeded: string | undefined;
}

let current: Budget | undefined;

/** Runs `evaluate` with a fresh budget; the budget's error, if it ran out, wins over any result. */
export function withBudget<T>(maxCost: number, maxMillis: number, evaluate: () => T): { value: T } | { exceeded: string } {
  const outer = current;
  const budget: Budget = { remaining: maxCost, deadline: Date.now() + maxMillis, sinceClock: 0, exceeded: undefined };
  current = budget;
  try {
    const value = evaluate();
    return budget.exceeded !== undefined ? { exceeded: budget.exceeded } : { value };
  } finally {
    current = outer;
  }
}

/** Charges `units` of work to the running evaluation; throws once the budget or the time is gone. */
export function charge(units: number): void {
  const budget = current;
  if (budget === undefined) return;
  if (budget.exceeded !== undefined) throw new BudgetExceeded(budget.exceeded);
  budget.remaining -= units;
  budget.sinceClock += units;
  if (budget.remaining < 0) {
    budget.exceeded = 'operation cancelled: actual cost limit exceeded';
  } else if (budget.sinceClock >= 1024) {
    budget.sinceClock = 0;
    if (Date.now() > budget.deadline) budget.exceeded = 'operation cancelled: evaluation time limit exceeded';
  }
  if (budget.exceeded !== undefined) throw new BudgetExceeded(budget.exceeded);
}

/** Not an identifier CEL source can spell, so only the rewritten AST calls it. */
export const tickName = '@kubeward_tick';

export const tickFunction = celFunc(tickName, [CelScalar.DYN], CelScalar.DYN, (condition) => {
  charge(1);
  return condition;
});
