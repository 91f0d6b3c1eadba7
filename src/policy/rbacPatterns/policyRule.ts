/**
 * (policy/rbacPatterns/: the pattern matching over Role YAML that the rbac and identity rule
 * families share; it goes when their rules move onto the src/rbac engine, which has the
 * upstream authorizer.)
 *
 * One RBAC PolicyRule and whether it grants a request — the matching of the upstream
 * authorizer, and nothing more. Written to be lifted as-is into the RBAC engine (`src/rbac/`).
 *
 * Semantics follow kubernetes `pkg/apis/rbac/v1/evaluation_helpers.go` (VerbMatches,
 * APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches) and
 * `plugin/pkg/auth/authorizer/rbac/rbac.go` (RuleAllows):
 *  - verbs and API groups match exactly (case-sensitive) or through `*`; the core group is `""`;
 *  - `resources` entries match the request's `resource` or `resource/subresource` exactly, `*`
 *    matches every resource and every subresource, a star-slash entry (`*` then `/scale`) matches
 *    that subresource of any resource; `pods` does not cover `pods/exec`, and `pods/*` is NOT a wildcard (kubernetes#78936);
 *  - an empty `resourceNames` allows every name; otherwise the request's name must be listed,
 *    so a request with no name (create of a top-level object, deletecollection) is denied;
 *  - `nonResourceURLs` match exactly, through `*`, or through a trailing `*` as a prefix glob;
 *  - a resource request never matches `nonResourceURLs`, a non-resource request never `resources`.
 * A rule without `apiGroups` matches no resource request (the API server rejects it anyway).
 */
import { asArray, asRecord, type JsonRecord } from '../../k8s/shape.js';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A request on a resource, as the authorizer sees it. `name` is empty for create and collection requests. */
export interface ResourceAttributes {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly name?: string;
}

/** A request on a non-resource URL (`/healthz`, `/metrics`). */
export interface NonResourceAttributes {
  readonly verb: string;
  readonly path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

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

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === apiGroup);
}

/** `combined` is `resource` or `resource/subresource`; `subresource` is empty for a top-level resource. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return rule.resources.some((r) => resourceEntryMatches(r, combined, subresource));
}

function resourceEntryMatches(entry: string, combined: string, subresource: string): boolean {
  if (entry === '*' || entry === combined) return true;
  if (subresource === '') return false;
  return entry.length === subresource.length + 2 && entry.startsWith('*/') && entry.endsWith(subresource);
}

/** `name` is empty when the request carries none. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((u) => {
    if (u === '*' || u === path) return true;
    return u.endsWith('*') && path.startsWith(u.slice(0, -1));
  });
}

/** upstream `RuleAllows`: does this one rule authorize the request? */
export function ruleAllows(rule: PolicyRule, request: RequestAttributes): boolean {
  if ('path' in request) return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  const sub = request.subresource ?? '';
  const combined = sub === '' ? request.resource : `${request.resource}/${sub}`;
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combined, sub) &&
    resourceNameMatches(rule, request.name ?? '')
  );
}

/** Splits `pods/exec` into `['pods', 'exec']`; `pods` into `['pods', '']`. */
export function splitResource(combined: string): readonly [string, string] {
  const slash = combined.indexOf('/');
  return slash < 0 ? [combined, ''] : [combined.slice(0, slash), combined.slice(slash + 1)];
}

/**
 * Whether a request with this verb on this resource carries an object name. Create of a
 * top-level object and deletecollection carry none, so `resourceNames` can never allow them
 * (RBAC doc, "Referring to resources"); create of a subresource (`pods/exec` of pod X,
 * `serviceaccounts/token` of SA Y) carries the parent's name and can be restricted.
 */
export function requestCanBeNamed(verb: string, combinedResource: string): boolean {
  if (verb === 'deletecollection') return false;
  return verb !== 'create' || splitResource(combinedResource)[1] !== '';
}

/** The entries of a rule that grant a request: the first matching verb, API group and resource entry. */
export interface GrantMatch {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
}

/**
 * Does the rule grant `verb` on `resource` (`secrets`, `pods/exec`) in `apiGroup` for SOME object
 * name? That is the static question a scanner asks of one rule: a rule limited by
 * `resourceNames` still grants it for the listed names (the caller says so), except for
 * requests that carry no name ({@link requestCanBeNamed}). Returns the entries that matched.
 */
export function grantMatch(
  rule: PolicyRule,
  verb: string,
  apiGroup: string,
  resource: string,
): GrantMatch | undefined {
  const v = rule.verbs.find((x) => x === '*' || x === verb);
  if (v === undefined) return undefined;
  const g = rule.apiGroups.find((x) => x === '*' || x === apiGroup);
  if (g === undefined) return undefined;
  const [, sub] = splitResource(resource);
  const r = rule.resources.find((x) => resourceEntryMatches(x, resource, sub));
  if (r === undefined) return undefined;
  if (rule.resourceNames.length > 0 && !requestCanBeNamed(verb, resource)) return undefined;
  return { verb: v, apiGroup: g, resource: r };
}
