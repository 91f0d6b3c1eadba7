/**
 * Syntax checks the API server applies to label selectors and port names inside a
 * NetworkPolicy (k8s.io/apimachinery `validation.IsQualifiedName`, `IsValidLabelValue`,
 * `IsValidPortName`). A policy failing them never reaches a cluster; netpol-analyzer
 * rejects it too (`tests/bad_netpols/subdir2`, `subdir7`).
 */
import { isRecord } from '../k8s/shape.js';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a qualified name (`[prefix/]name`), or undefined when it is one. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `label key "${key}" has more than one "/"`;
  const name = parts[parts.length - 1]!;
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `label key "${key}": prefix must be a DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `label key "${key}": name must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** Why `value` is not a label value, or undefined when it is one (empty is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `label value "${value}" must be at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** Syntax problems of a raw `metav1.LabelSelector` (keys and values); operators are `compileLabelSelector`'s to check. */
export function selectorSyntaxProblems(selector: unknown): string[] {
  if (!isRecord(selector)) return [];
  const out: string[] = [];
  if (isRecord(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      const keyProblem = labelKeyProblem(k);
      if (keyProblem !== undefined) out.push(keyProblem);
      if (typeof v === 'string') {
        const valueProblem = labelValueProblem(v);
        if (valueProblem !== undefined) out.push(valueProblem);
      }
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expr of selector.matchExpressions) {
      if (!isRecord(expr)) continue;
      if (typeof expr.key === 'string') {
        const keyProblem = labelKeyProblem(expr.key);
        if (keyProblem !== undefined) out.push(keyProblem);
      }
      if (Array.isArray(expr.values)) {
        for (const v of expr.values) {
          const valueProblem =
            typeof v === 'string' ? labelValueProblem(v) : 'selector values must be strings';
          if (valueProblem !== undefined) out.push(valueProblem);
        }
      }
    }
  }
  return out;
}

/** IANA service name rules of a named port (`IsValidPortName`). */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 15) return `port name "${name}" must be 1-15 characters`;
  if (!/^[a-z0-9-]+$/.test(name))
    return `port name "${name}" may contain only lower-case letters, digits and '-'`;
  if (!/[a-z]/.test(name)) return `port name "${name}" must contain at least one letter`;
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) {
    return `port name "${name}" may not begin or end with '-' or contain '--'`;
  }
  return undefined;
}
