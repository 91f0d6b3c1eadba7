/**
 * Representative peers: what a rule peer stands for beyond the workloads of the input —
 * pods that may exist in the cluster, or be created later, and match its selectors.
 * Exposure analysis reports them in netpol-analyzer's notation (docs/exposure_analysis.md):
 * `entire-cluster`, `[all namespaces]/[pod with {k=v}]`, `ns/[all pods]`,
 * `[namespace with {k=v}]/[all pods]`. Selectors are printed as netpol-analyzer prints
 * them: `{k=v,...}` for matchLabels, Go's `%+v` of the requirements otherwise
 * (`{{Key:app,Operator:NotIn,Values:[a b],}}`).
 */
import { asArray, asRecord } from '../k8s/shape.js';
import { NAMESPACE_NAME_LABEL } from './model.js';

export interface Representative {
  /** netpol-analyzer's name of the peer; also its identity. */
  readonly text: string;
  /** True when the peer is every pod of every namespace (`entire-cluster`). */
  readonly entireCluster: boolean;
  /** True when the peer is every pod of the namespaces it names (new pods there always match). */
  readonly allPods: boolean;
}

export const ENTIRE_CLUSTER = 'entire-cluster';

/**
 * The representative of a pods peer, from its raw selectors: `namespaceSelector`
 * undefined means the policy's namespace (`policyNamespace`; undefined for cluster-scoped
 * admin policies, whose absent selector means every namespace), `podSelector` undefined
 * means every pod.
 */
export function representativeOf(
  namespaceSelector: unknown,
  podSelector: unknown,
  policyNamespace: string | undefined,
): Representative {
  const allPods = podSelector === undefined || isEmptySelector(podSelector);
  const allNamespaces =
    namespaceSelector === undefined ? policyNamespace === undefined : isEmptySelector(namespaceSelector);
  if (allPods && allNamespaces) return { text: ENTIRE_CLUSTER, entireCluster: true, allPods: true };
  const ns =
    namespaceSelector === undefined
      ? (policyNamespace ?? '[all namespaces]')
      : allNamespaces
        ? '[all namespaces]'
        : (namespaceName(namespaceSelector) ?? `[namespace with ${selectorText(namespaceSelector)}]`);
  const pods = allPods ? '[all pods]' : `[pod with ${selectorText(podSelector)}]`;
  return { text: `${ns}/${pods}`, entireCluster: false, allPods };
}

function labelsOf(selector: unknown): [string, string][] {
  const labels = asRecord(asRecord(selector)?.matchLabels);
  return labels === undefined ? [] : Object.entries(labels).map(([k, v]) => [k, String(v)]);
}

function expressionsOf(selector: unknown): readonly unknown[] {
  return asArray(asRecord(selector)?.matchExpressions);
}

function isEmptySelector(selector: unknown): boolean {
  return labelsOf(selector).length === 0 && expressionsOf(selector).length === 0;
}

/** The namespace a selector names when it is exactly `matchLabels: {kubernetes.io/metadata.name: X}`. */
function namespaceName(selector: unknown): string | undefined {
  const labels = labelsOf(selector);
  if (labels.length !== 1 || expressionsOf(selector).length > 0 || labels[0]![0] !== NAMESPACE_NAME_LABEL)
    return undefined;
  return labels[0]![1];
}

function selectorText(selector: unknown): string {
  const labels = labelsOf(selector)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  const expressions = expressionsOf(selector).map((raw) => {
    const e = asRecord(raw) ?? {};
    const values = asArray(e.values).map(String).join(' ');
    return `{Key:${String(e.key)},Operator:${String(e.operator)},Values:[${values}],}`;
  });
  return `{${[...labels, ...expressions].join(',')}}`;
}
