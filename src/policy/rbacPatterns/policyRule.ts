/**
 * The `rules[]` of a Role or ClusterRole object as written, narrowed, with their indexes (for
 * findings that point at `rules[i]`). Whether a rule grants a request is the RBAC engine's
 * question (src/rbac/ruleMatch.ts), never answered here.
 */
import { asArray, asRecord, type JsonRecord } from '../../k8s/shape.js';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

/** Narrows one decoded `rules[]` entry; entries of the wrong type are dropped, never fatal. */
export function policyRuleOf(value: unknown): PolicyRule {
  const r = asRecord(value);
  return {
    verbs: strings(r?.verbs),
    apiGroups: strings(r?.apiGroups),
    resources: strings(r?.resources),
    resourceNames: strings(r?.resourceNames),
    nonResourceURLs: strings(r?.nonResourceURLs),
  };
}

export interface IndexedPolicyRule {
  readonly rule: PolicyRule;
  readonly index: number;
}

/** Narrowed once per role object: a dozen rules read the same role's `rules[]`. */
const rulesByRole = new WeakMap<JsonRecord, readonly IndexedPolicyRule[]>();

/** The `rules[]` of a Role or ClusterRole with their indexes; entries that are not maps are skipped. */
export function policyRulesOf(role: JsonRecord): readonly IndexedPolicyRule[] {
  const cached = rulesByRole.get(role);
  if (cached !== undefined) return cached;
  const out: IndexedPolicyRule[] = [];
  asArray(role.rules).forEach((entry, index) => {
    if (asRecord(entry) !== undefined) out.push({ rule: policyRuleOf(entry), index });
  });
  rulesByRole.set(role, out);
  return out;
}
