/**
 * Label selectors, exactly as k8s.io/apimachinery `metav1.LabelSelectorAsSelector`
 * decides them:
 *  - a missing (null) selector matches nothing; an empty one (`{}`) matches everything;
 *  - `matchLabels` and `matchExpressions` are ANDed;
 *  - `In` needs the key present with a listed value; `NotIn` matches when the key is
 *    absent or its value is not listed; `Exists` / `DoesNotExist` test the key only;
 *  - `In`/`NotIn` with no values, `Exists`/`DoesNotExist` with values, or an unknown
 *    operator make the selector invalid (the API server rejects the object).
 */
import { asArray, asRecord, asString, isRecord } from './shape.js';

export type Labels = Readonly<Record<string, string>>;

type Requirement =
  | { readonly key: string; readonly op: 'In' | 'NotIn'; readonly values: ReadonlySet<string> }
  | { readonly key: string; readonly op: 'Exists' | 'DoesNotExist' };

export interface CompiledSelector {
  /** True when the selector matches every label set (`{}`). */
  readonly matchesAll: boolean;
  /** True when the selector was absent: it matches nothing. */
  readonly matchesNone: boolean;
  readonly requirements: readonly Requirement[];
  /** Why the selector is invalid, if it is; an invalid selector matches nothing. */
  readonly error?: string;
}

const NOTHING: CompiledSelector = { matchesAll: false, matchesNone: true, requirements: [] };
const EVERYTHING: CompiledSelector = { matchesAll: true, matchesNone: false, requirements: [] };

/** Compiles a `metav1.LabelSelector` (`{matchLabels, matchExpressions}`); null/undefined matches nothing. */
export function compileLabelSelector(selector: unknown): CompiledSelector {
  if (selector === undefined || selector === null) return NOTHING;
  if (!isRecord(selector)) return { ...NOTHING, error: 'selector is not an object' };
  const requirements: Requirement[] = [];
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return { ...NOTHING, error: 'matchLabels is not a map' };
    for (const [key, value] of Object.entries(matchLabels)) {
      if (typeof value !== 'string') return { ...NOTHING, error: `matchLabels.${key} is not a string` };
      requirements.push({ key, op: 'In', values: new Set([value]) });
    }
  }
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && expressions !== null && !Array.isArray(expressions)) {
    return { ...NOTHING, error: 'matchExpressions is not a list' };
  }
  for (const [i, raw] of asArray(expressions).entries()) {
    const expr = asRecord(raw);
    const key = asString(expr?.key);
    const op = asString(expr?.operator);
    if (key === undefined || op === undefined) {
      return { ...NOTHING, error: `matchExpressions[${i}] needs a key and an operator` };
    }
    const values = asArray(expr?.values).filter((v): v is string => typeof v === 'string');
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          return { ...NOTHING, error: `matchExpressions[${i}]: operator ${op} needs at least one value` };
        }
        requirements.push({ key, op, values: new Set(values) });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          return { ...NOTHING, error: `matchExpressions[${i}]: operator ${op} takes no values` };
        }
        requirements.push({ key, op });
        break;
      default:
        return { ...NOTHING, error: `matchExpressions[${i}]: unknown operator "${op}"` };
    }
  }
  if (requirements.length === 0) return EVERYTHING;
  return { matchesAll: false, matchesNone: false, requirements };
}

export function selectorMatches(selector: CompiledSelector, labels: Labels): boolean {
  if (selector.matchesNone) return false;
  if (selector.matchesAll) return true;
  for (const req of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.op) {
      case 'In':
        if (!has || !req.values.has(labels[req.key]!)) return false;
        break;
      case 'NotIn':
        if (has && req.values.has(labels[req.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/**
 * A Service-style equality selector (`spec.selector: {app: web}`): every pair must be
 * present. Kubernetes treats an empty or missing Service selector as "select no pods"
 * (the endpoints are managed by hand), unlike a `LabelSelector`.
 */
export function mapSelectorMatches(selector: unknown, labels: Labels): boolean {
  if (!isRecord(selector)) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  for (const [k, v] of entries) if (labels[k] !== v) return false;
  return true;
}
