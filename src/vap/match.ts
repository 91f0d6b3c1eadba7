// Which requests a ValidatingAdmissionPolicy (matchConstraints) or binding (matchResources) selects:
// k8s.io/apiserver/pkg/admission/plugin/policy/matching (matching.go) and the webhook rule matcher it
// reuses (pkg/admission/plugin/webhook/predicates/rules/rules.go).
import { compileLabelSelector, selectorMatches, type Labels } from '../k8s/selector.js';
import { asArray, asRecord, asString, asStringMap } from '../k8s/shape.js';

export interface AdmissionAttributes {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly labels: Labels;
  readonly oldLabels?: Labels;
  /** The namespace's labels (for namespaceSelector); undefined for cluster-scoped objects. */
  readonly namespaceLabels?: Labels;
}

const strings = (value: unknown): string[] => asArray(value).flatMap((v) => (typeof v === 'string' ? [v] : []));
const listMatches = (list: readonly string[], value: string): boolean => list.some((x) => x === '*' || x === value);

/** A NamedRuleWithOperations against the request (rules.go Matcher.Matches). */
export function ruleMatches(rule: unknown, a: AdmissionAttributes, equivalent: boolean): boolean {
  const r = asRecord(rule) ?? {};
  if (!listMatches(strings(r.operations), a.operation)) return false;
  if (!listMatches(strings(r.apiGroups), a.group)) return false;
  // matchPolicy Equivalent: a request for another version of the same group/resource is converted
  // to a version the rule names, so offline the version alone never excludes it.
  if (!equivalent && !listMatches(strings(r.apiVersions), a.version)) return false;
  const names = strings(r.resourceNames);
  if (names.length > 0 && !names.includes(a.name)) return false;
  const scope = asString(r.scope) ?? '*';
  if (scope === 'Cluster' && a.namespace !== undefined) return false;
  if (scope === 'Namespaced' && a.namespace === undefined) return false;
  return strings(r.resources).some((entry) => {
    // "*" is every resource but no subresource; "*/*" everything; "pods/*" every subresource of pods;
    // "*/scale" the scale subresource of every resource.
    const [res = '', sub] = entry.split('/', 2) as [string, string | undefined];
    if (sub === undefined) return a.subresource === '' && (res === '*' || res === a.resource);
    return (res === '*' || res === a.resource) && (sub === '*' || sub === a.subresource);
  });
}

/** namespaceSelector: cluster-scoped requests (and Namespace objects themselves, by their own labels) as matching.go decides. */
function namespaceSelectorMatches(selector: unknown, a: AdmissionAttributes): boolean {
  if (selector === undefined || selector === null) return true; // unset: every namespace
  const compiled = compileLabelSelector(selector);
  if (a.resource === 'namespaces' && a.subresource === '') return selectorMatches(compiled, a.labels);
  if (a.namespace === undefined) return true; // cluster-scoped objects are not filtered by namespace
  return selectorMatches(compiled, a.namespaceLabels ?? {});
}

/** objectSelector: matches when the object or the old object matches (matching.go). */
function objectSelectorMatches(selector: unknown, a: AdmissionAttributes): boolean {
  if (selector === undefined || selector === null) return true;
  const compiled = compileLabelSelector(selector);
  return selectorMatches(compiled, a.labels) || (a.oldLabels !== undefined && selectorMatches(compiled, a.oldLabels));
}

/** Whether MatchResources select the request. `requireRules`: a policy's matchConstraints must name resourceRules. */
export function matchResources(match: unknown, a: AdmissionAttributes, requireRules: boolean): boolean {
  const m = asRecord(match);
  if (m === undefined) return !requireRules;
  if (!namespaceSelectorMatches(m.namespaceSelector, a)) return false;
  if (!objectSelectorMatches(m.objectSelector, a)) return false;
  const equivalent = (asString(m.matchPolicy) ?? 'Equivalent') === 'Equivalent';
  if (asArray(m.excludeResourceRules).some((rule) => ruleMatches(rule, a, equivalent))) return false;
  const rules = asArray(m.resourceRules);
  if (rules.length === 0) return !requireRules;
  return rules.some((rule) => ruleMatches(rule, a, equivalent));
}

export const labelsOf = (object: unknown): Labels => asStringMap(asRecord(asRecord(object)?.metadata)?.labels);
