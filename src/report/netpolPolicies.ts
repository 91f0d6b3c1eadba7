/**
 * Generated NetworkPolicies as YAML people can review: one document per policy, a
 * comment saying what it is for, and above every rule the intended connections it
 * carries and where each came from (intent file line, flow line, or the configuration it
 * was inferred from).
 */
import type { GeneratedPolicy } from '../netpol/synthesize.js';

/** A plain scalar when YAML would read it back as the same string, quoted otherwise. */
function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const plain =
    /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/.test(text) &&
    !/^(?:true|false|yes|no|on|off|null|~|y|n)$/i.test(text) &&
    !/^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text) &&
    !/^0[xo]/i.test(text);
  return plain ? text : JSON.stringify(text);
}

function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isMap(value) && Object.keys(value).length === 0);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emit(
  value: unknown,
  indent: string,
  path: string,
  comments: ReadonlyMap<string, readonly string[]>,
  out: string[],
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const at = `${path}[${i}]`;
      for (const line of comments.get(at) ?? []) out.push(`${indent}# ${line.replace(/\s+/g, ' ')}`);
      if (isMap(item) && !isEmpty(item)) {
        const inner: string[] = [];
        emit(item, `${indent}  `, at, comments, inner);
        out.push(`${indent}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
      } else out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
    });
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (isEmpty(v)) out.push(`${indent}${scalar(key)}: ${Array.isArray(v) ? '[]' : '{}'}`);
    else if (Array.isArray(v)) {
      out.push(`${indent}${scalar(key)}:`);
      emit(v, `${indent}  `, `${path}.${key}`, comments, out);
    } else if (isMap(v)) {
      out.push(`${indent}${scalar(key)}:`);
      emit(v, `${indent}  `, `${path}.${key}`, comments, out);
    } else out.push(`${indent}${scalar(key)}: ${scalar(v)}`);
  }
}

export function formatGeneratedPolicies(
  policies: readonly GeneratedPolicy[],
  header: readonly string[],
): string {
  const docs = policies.map((g) => {
    const comments = new Map<string, readonly string[]>();
    g.ingress.forEach((c, i) => comments.set(`.spec.ingress[${i}]`, c.lines));
    g.egress.forEach((c, i) => comments.set(`.spec.egress[${i}]`, c.lines));
    const out = [`# ${g.title}`];
    emit(g.policy, '', '', comments, out);
    return out.join('\n');
  });
  return `${header.map((h) => `# ${h}`).join('\n')}\n${docs.map((d) => `---\n${d}\n`).join('')}`;
}
