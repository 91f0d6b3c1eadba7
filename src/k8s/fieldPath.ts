/**
 * Field paths into Kubernetes objects, as lists of keys and indexes
 * (`['spec', 'containers', 0, 'securityContext']`), and their dotted form
 * (`spec.containers[0].securityContext`) — the notation `kubectl explain` and
 * the API server's validation errors use.
 */
export type FieldPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `spec.containers[0].securityContext`; keys that are not plain identifiers are quoted (`metadata.annotations["a/b"]`). */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The inverse of `formatFieldPath`: `spec.ingress[0].from[1]` → `['spec', 'ingress', 0, 'from', 1]`. */
export function parseFieldPath(text: string): FieldPath {
  const out: (string | number)[] = [];
  const segment = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let m: RegExpExecArray | null;
  while (segment.lastIndex < text.length && (m = segment.exec(text)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out;
}
