/**
 * One PolicyRule against one request: the only place in kubeward that decides whether a rule
 * grants a request. Semantics of kubernetes `pkg/apis/rbac/v1/evaluation_helpers.go`
 * (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches)
 * as combined by `plugin/pkg/auth/authorizer/rbac/rbac.go` RuleAllows:
 *  - verbs and API groups compare as exact, case-sensitive strings, or match through `*`;
 *  - a `resources` entry matches `resource` or `resource/subresource` exactly; `*` matches every
 *    resource and every subresource; `*\/<sub>` matches that subresource of any resource; nothing
 *    else is a pattern: `pods` does not cover `pods/exec`, `pods/*` matches only a subresource
 *    literally named `*` (kubernetes#78936);
 *  - empty `resourceNames` allow every name, otherwise the request's name must be listed, so a
 *    request without a name (create, deletecollection, an un-named list or watch) is refused;
 *  - a `nonResourceURLs` entry matches exactly, through `*`, or, ending in `*`, as a prefix
 *    (`/healthz/*` matches `/healthz/etcd`, not `/healthz`);
 *  - a resource request is judged on the resource fields only and a non-resource request on the
 *    URL only, so a rule of one kind never grants the other.
 */
import type { V1PolicyRule } from '@kubernetes/client-node';
import type { JsonRecord } from '../k8s/shape.js';
import type { AccessRequest, PolicyRule, ResourceRequest } from './types.js';

const ALL = '*';

function stringsOf(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return [];
  const list: readonly unknown[] = value;
  const isString = (v: unknown): v is string => typeof v === 'string';
  return list.every(isString) ? list : list.filter(isString);
}

/** Narrows a rule of an input object; lists of the wrong type read as empty (they grant nothing). */
/** `rule` is typed as decoded (V1PolicyRule), but input may be malformed: any value is accepted. */
export function policyRuleOf(rule: V1PolicyRule | JsonRecord | undefined): PolicyRule {
  const r: Partial<Record<keyof PolicyRule, unknown>> = typeof rule === 'object' && rule !== null ? rule : {};
  return {
    verbs: stringsOf(r.verbs),
    apiGroups: stringsOf(r.apiGroups),
    resources: stringsOf(r.resources),
    resourceNames: stringsOf(r.resourceNames),
    nonResourceURLs: stringsOf(r.nonResourceURLs),
  };
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, apiGroup: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === apiGroup);
}

/** True when one `resources` entry covers `resource[/subresource]`. */
export function resourceEntryMatches(entry: string, resource: string, subresource: string): boolean {
  if (entry === ALL) return true;
  if (subresource === '') return entry === resource;
  if (entry === `${resource}/${subresource}`) return true;
  return entry.length === subresource.length + 2 && entry.startsWith('*/') && entry.endsWith(subresource);
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  return rule.resources.some((entry) => resourceEntryMatches(entry, resource, subresource));
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((url) => {
    if (url === ALL || url === path) return true;
    // upstream trims every trailing `*` (strings.TrimRight) before the prefix test
    return url.endsWith(ALL) && path.startsWith(url.replace(/\*+$/, ''));
  });
}

export function isResourceRequest(request: AccessRequest): request is ResourceRequest {
  return !('path' in request);
}

/** upstream RuleAllows: does this one rule authorize the request? */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (!isResourceRequest(request)) return nonResourceURLMatches(rule, request.path);
  return (
    apiGroupMatches(rule, request.apiGroup ?? '') &&
    resourceMatches(rule, request.resource, request.subresource ?? '') &&
    resourceNameMatches(rule, request.name ?? '')
  );
}

/** The entries of a rule that grant a request: the verb and `resources` entry that matched. */
export interface RuleEntries {
  readonly verb: string;
  readonly resource: string;
}

/**
 * Does the rule grant the request for SOME object name? The static question a scanner asks of
 * one rule: a rule narrowed by `resourceNames` grants it for the listed names, except a request
 * that carries no name — create of a top-level object and deletecollection (RBAC doc,
 * "Referring to resources"); create of a subresource carries its parent's name. Returns the
 * entries that matched, for pointing at them.
 */
export function ruleGrantsSomeName(rule: PolicyRule, request: ResourceRequest): RuleEntries | undefined {
  const subresource = request.subresource ?? '';
  const unnamed = request.verb === 'deletecollection' || (request.verb === 'create' && subresource === '');
  if (rule.resourceNames.length > 0 && unnamed) return undefined;
  if (!ruleAllows(rule, { ...request, name: rule.resourceNames[0] ?? '' })) return undefined;
  const resource = rule.resources.find((e) => resourceEntryMatches(e, request.resource, subresource)) ?? ALL;
  return { verb: rule.verbs.includes(request.verb) ? request.verb : ALL, resource };
}
