/**
 * ClusterRole aggregation as the clusterrole-aggregation controller computes it
 * (kubernetes `pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go`):
 *  - a ClusterRole with an `aggregationRule` gets as `rules` the rules of every other ClusterRole
 *    matched by any of its `clusterRoleSelectors`, selector by selector, roles in name order,
 *    rules in their order, exact duplicates dropped; the role's own written `rules` are
 *    overwritten (RBAC doc: "the control plane overwrites any values that you manually specify");
 *  - an invalid selector stops the whole role's reconciliation (the controller returns the
 *    error): it is reported and the role aggregates nothing;
 *  - the controller re-reconciles every aggregated role whenever a ClusterRole changes, so chains
 *    (view → edit → admin, through the aggregate-to-* labels the defaults carry) settle at a
 *    fixpoint; static input has no controller, so the fixpoint is computed here.
 * Label selectors are decided by `k8s/selector.ts`, the project's one implementation.
 */
import {
  compileLabelSelector,
  selectorMatches,
  type CompiledSelector,
  type Labels,
} from '../k8s/selector.js';
import type { PolicyRule } from './types.js';

export interface AggregationCandidate {
  readonly name: string;
  readonly labels: Labels;
  /** The `aggregationRule.clusterRoleSelectors`, or undefined when the role is not aggregated. */
  readonly selectors: readonly unknown[] | undefined;
  readonly rules: readonly PolicyRule[];
}

export interface AggregationProblem {
  readonly name: string;
  readonly path: string;
  readonly message: string;
}

export interface AggregationResult {
  /** The effective rules of every ClusterRole, aggregated ones computed. */
  readonly rules: ReadonlyMap<string, readonly PolicyRule[]>;
  /** For each aggregated ClusterRole, the roles its selectors match, in aggregation order (provenance). */
  readonly selected: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly AggregationProblem[];
}

/** Identity of a rule for duplicate removal (upstream compares with semantic deep equality). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups,
    rule.resources,
    rule.resourceNames,
    rule.nonResourceURLs,
  ]);
}

interface Aggregator {
  readonly name: string;
  readonly selectors: readonly CompiledSelector[];
}

/** ClusterRole names by `key=value` of their labels, each list in name order. */
function labelIndex(sorted: readonly AggregationCandidate[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const role of sorted) {
    for (const [k, v] of Object.entries(role.labels)) {
      const entry = `${k}=${v}`;
      const list = index.get(entry);
      if (list) list.push(role.name);
      else index.set(entry, [role.name]);
    }
  }
  return index;
}

/** The roles a selector may match: those carrying one of its required labels, else all. */
function candidatesOf(
  selector: CompiledSelector,
  index: Map<string, string[]>,
  allNames: readonly string[],
): readonly string[] {
  if (selector.matchesNone) return [];
  for (const req of selector.requirements) {
    if (req.op === 'In' && req.values.size === 1) {
      const [value] = req.values;
      return index.get(`${req.key}=${value}`) ?? [];
    }
  }
  return allNames;
}

/**
 * Aggregated roles ordered so that a role comes after the aggregated roles it selects: one pass
 * then settles every chain, and only a cycle needs more.
 */
function dependenciesFirst(
  aggregators: readonly Aggregator[],
  byName: ReadonlyMap<string, AggregationCandidate>,
  index: Map<string, string[]>,
  allNames: readonly string[],
): Aggregator[] {
  const byAggName = new Map(aggregators.map((a) => [a.name, a]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Aggregator[] = [];
  const visit = (agg: Aggregator): void => {
    if (state.has(agg.name)) return;
    state.set(agg.name, 'visiting');
    for (const selector of agg.selectors) {
      for (const name of candidatesOf(selector, index, allNames)) {
        const dep = byAggName.get(name);
        if (dep !== undefined && name !== agg.name && selectorMatches(selector, byName.get(name)!.labels))
          visit(dep);
      }
    }
    state.set(agg.name, 'done');
    out.push(agg);
  };
  for (const agg of aggregators) visit(agg);
  return out;
}

export function aggregateClusterRoles(roles: readonly AggregationCandidate[]): AggregationResult {
  const sorted = [...roles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(sorted.map((r) => [r.name, r]));
  const allNames = sorted.map((r) => r.name);
  const index = labelIndex(sorted);
  const problems: AggregationProblem[] = [];
  const current = new Map<string, readonly PolicyRule[]>();
  const aggregators: Aggregator[] = [];
  for (const role of sorted) {
    if (role.selectors === undefined) {
      current.set(role.name, role.rules);
      continue;
    }
    current.set(role.name, []);
    const compiled = role.selectors.map((s) => compileLabelSelector(s));
    const bad = compiled.findIndex((c) => c.error !== undefined);
    if (bad >= 0) {
      problems.push({
        name: role.name,
        path: `aggregationRule.clusterRoleSelectors[${bad}]`,
        message: `invalid label selector (${compiled[bad]!.error}): the role aggregates no rules`,
      });
      continue;
    }
    aggregators.push({ name: role.name, selectors: compiled });
  }
  const ordered = dependenciesFirst(aggregators, byName, index, allNames);
  // Each pass can only add rules (the union grows with its inputs), so this terminates; a chain
  // of n aggregated roles settles in at most n + 1 passes. A role's list is replaced whenever its
  // recomputation differs, in content or order, so the result is what one more pass would give.
  const keysOf = new Map<string, string>();
  // Labels do not change between passes, so the roles each selector matches are found once.
  const selected = new Map<string, string[]>();
  for (const agg of ordered) {
    const names: string[] = [];
    for (const selector of agg.selectors) {
      for (const name of candidatesOf(selector, index, allNames)) {
        if (name !== agg.name && !names.includes(name) && selectorMatches(selector, byName.get(name)!.labels))
          names.push(name);
      }
    }
    selected.set(agg.name, names);
  }
  for (let pass = 0; pass <= aggregators.length + 1; pass++) {
    let changed = false;
    for (const agg of ordered) {
      const next: PolicyRule[] = [];
      const seen = new Set<string>();
      const keys: string[] = [];
      // A role matched again by a later selector adds only duplicates: the selected list is the order.
      for (const name of selected.get(agg.name) ?? []) {
        for (const rule of current.get(name) ?? []) {
          const k = ruleKey(rule);
          if (!seen.has(k)) {
            seen.add(k);
            keys.push(k);
            next.push(rule);
          }
        }
      }
      const joined = keys.join('\n');
      if (joined !== (keysOf.get(agg.name) ?? '')) {
        keysOf.set(agg.name, joined);
        current.set(agg.name, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { rules: current, selected, problems };
}
