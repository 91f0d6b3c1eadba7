/**
 * The command-line spelling of subjects and requests, parsed to the engine's types:
 *  - subjects `sa:<namespace>:<name>`, `user:<name>`, `group:<name>` (user and group names may
 *    themselves hold colons: `user:system:kube-proxy`, `group:system:serviceaccounts:shop`);
 *  - resources as `kubectl auth can-i` takes them: `pods`, `pods/exec`, `deployments.apps`,
 *    `deployments.apps/scale`, `*`; a bare name is looked up among the known resources (core group
 *    first, as kubectl prefers it), an unknown bare name is in the core group; a word starting with
 *    `/` is a non-resource URL (`/metrics`, `/healthz/*`).
 * A value that is not a subject or a resource comes back as an error message naming the forms.
 */
import type { ApiResource } from './builtinResources.js';
import type { SubjectRef } from './types.js';

export const SUBJECT_FORMS = 'sa:<namespace>:<name>, user:<name> or group:<name>';

export function parseSubject(text: string): SubjectRef | { readonly error: string } {
  const bad = { error: `"${text}" is not a subject: use ${SUBJECT_FORMS}` };
  if (text.startsWith('sa:')) {
    const rest = text.slice(3);
    const colon = rest.indexOf(':');
    const namespace = rest.slice(0, colon);
    const name = rest.slice(colon + 1);
    if (colon <= 0 || name === '' || name.includes(':')) return bad;
    return { kind: 'ServiceAccount', namespace, name };
  }
  for (const [prefix, kind] of [
    ['user:', 'User'],
    ['group:', 'Group'],
  ] as const) {
    if (text.startsWith(prefix)) {
      const name = text.slice(prefix.length);
      return name === '' ? bad : { kind, name };
    }
  }
  return bad;
}

export type ResourceSpec =
  | { readonly apiGroup: string; readonly resource: string; readonly subresource: string }
  | { readonly path: string };

const NAME = /^(?:\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

export function parseResource(
  text: string,
  known: readonly ApiResource[],
): ResourceSpec | { readonly error: string } {
  if (text.startsWith('/')) return { path: text };
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const subresource = slash < 0 ? '' : text.slice(slash + 1);
  const dot = head.indexOf('.');
  const resource = dot < 0 ? head : head.slice(0, dot);
  const bad = {
    error: `"${text}" is not a resource: use <resource>[.<group>][/<subresource>] (pods, pods/exec, deployments.apps/scale) or a URL path (/metrics)`,
  };
  if (!NAME.test(resource) || (slash >= 0 && !NAME.test(subresource))) return bad;
  if (dot >= 0) {
    const apiGroup = head.slice(dot + 1);
    return apiGroup === '' ? bad : { apiGroup, resource, subresource };
  }
  const matches = known.filter((r) => r.resource === resource);
  const apiGroup = matches.find((r) => r.group === '')?.group ?? matches[0]?.group ?? '';
  return { apiGroup, resource, subresource };
}

/** Verbs are words (`get`, `impersonate`, `deletecollection`) or `*`. */
export function looksLikeVerb(text: string): boolean {
  return text === '*' || /^[a-z]+$/i.test(text);
}
