/**
 * The namespace labels the webhook decides by. An AdmissionReview names the namespace but
 * does not carry it (admission.md §3), so the labels come from a cache kept outside the
 * request path: a file of Namespace objects (tests, `kubeward review`), or a watch of the
 * cluster's namespaces (`watchNamespaces`, lazy-loading @kubernetes/client-node).
 */
import { parseManifestText } from '../load/parse.js';
import type { InputError } from '../load/inputError.js';

export interface NamespaceCache {
  /** The namespace's labels; undefined when the namespace is unknown (then the server's defaults apply). */
  labelsOf(name: string): Readonly<Record<string, string>> | undefined;
  /** True once the cache holds the cluster's namespaces (`/readyz` waits for it). */
  ready(): boolean;
  close(): void;
}

/** A fixed set of namespaces. */
export class StaticNamespaceCache implements NamespaceCache {
  private readonly labels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  constructor(labels: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map()) {
    this.labels = labels;
  }
  labelsOf(name: string): Readonly<Record<string, string>> | undefined {
    return this.labels.get(name);
  }
  ready(): boolean {
    return true;
  }
  close(): void {}
}

/** The Namespace objects of a YAML or JSON text (other kinds are ignored); problems as data. */
export function namespacesFromText(
  text: string,
  file: string,
): { cache: StaticNamespaceCache; errors: InputError[] } {
  const parsed = parseManifestText(text, file);
  const labels = new Map<string, Readonly<Record<string, string>>>();
  for (const r of parsed.resources)
    if (r.ref.kind === 'Namespace' && r.ref.name !== '') labels.set(r.ref.name, r.labels);
  return { cache: new StaticNamespaceCache(labels), errors: parsed.errors };
}
