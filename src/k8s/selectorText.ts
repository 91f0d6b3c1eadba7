/**
 * Label sets and label selectors as people read them in messages, in the notation
 * `kubectl get -l` accepts and apimachinery's `Selector.String()` prints:
 * `app=web,tier in (a,b),tier notin (c),zone,!debug`.
 */
import { asArray, asRecord, asString, isRecord } from './shape.js';
import type { Labels } from './selector.js';

/** `app=web,tier=front`, or `(no labels)`. */
export function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length > 0 ? pairs.join(',') : '(no labels)';
}

/** A `metav1.LabelSelector` in selector notation; `{}` is `(all)`, a missing selector `(none)`. */
export function formatLabelSelector(selector: unknown): string {
  if (!isRecord(selector)) return '(none)';
  const parts: string[] = [];
  const matchLabels = asRecord(selector.matchLabels);
  if (matchLabels) for (const [k, v] of Object.entries(matchLabels)) parts.push(`${k}=${String(v)}`);
  for (const raw of asArray(selector.matchExpressions)) {
    const expr = asRecord(raw);
    const key = asString(expr?.key) ?? '?';
    const values = asArray(expr?.values).map(String).join(',');
    switch (asString(expr?.operator)) {
      case 'In':
        parts.push(`${key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
      default:
        parts.push(`${key} ${asString(expr?.operator) ?? '?'} (${values})`);
    }
  }
  return parts.length > 0 ? parts.join(',') : '(all)';
}
