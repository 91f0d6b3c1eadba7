/**
 * Kubernetes audit events (`audit.k8s.io/v1` Event) read as the requests the RBAC authorizer
 * saw. The input is JSON lines (the log backend's format), one JSON array of events, or an
 * `EventList` (what the webhook backend posts), in any mix per line.
 *  - Only `stage: ResponseComplete` events count (the other stages repeat the same request);
 *    `401` responses are skipped: they have no authenticated identity to grant anything to.
 *    Requests the authorizer refused (`403`) count: they are what a workload tried and needs.
 *  - The identity is `impersonatedUser` when set (the authorizer judged the impersonated user),
 *    else `user`.
 *  - A request on an object (`objectRef`) is a resource request; without one it is a
 *    non-resource request on the path of `requestURI`.
 *  - A `create` of a collection carries no name at authorization time (the name is in the body;
 *    k8s.io/apiserver `request/requestinfo.go`), so a name the event shows is dropped there.
 * A malformed line or entry is a problem with its line number and is skipped; the rest is read.
 */
import type { AccessRequest, UserInfo } from './types.js';

export interface AuditRequest {
  /** 1-based line of the event in the log. */
  readonly line: number;
  readonly user: UserInfo;
  readonly request: AccessRequest;
  /** `responseStatus.code`, when the event has one. */
  readonly code?: number;
}

export interface AuditProblem {
  readonly line: number;
  readonly message: string;
}

export interface AuditLog {
  readonly requests: readonly AuditRequest[];
  readonly problems: readonly AuditProblem[];
  /** Events read but not counted: other stages, 401 responses. */
  readonly skipped: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function userOf(v: unknown): UserInfo | undefined {
  if (!isObject(v)) return undefined;
  const name = str(v.username);
  if (name === undefined || name === '') return undefined;
  const groups = Array.isArray(v.groups) ? v.groups.filter((g): g is string => typeof g === 'string') : [];
  return { name, groups };
}

type EventOutcome = { readonly request: AuditRequest } | { readonly skip: true } | { readonly error: string };

function readEvent(e: unknown, line: number): EventOutcome {
  if (!isObject(e)) return { error: 'not a JSON object' };
  const kind = str(e.kind);
  if (kind !== undefined && kind !== 'Event') return { error: `kind is "${kind}", not Event` };
  const apiVersion = str(e.apiVersion);
  if (apiVersion !== undefined && !apiVersion.startsWith('audit.k8s.io/')) {
    return { error: `apiVersion is "${apiVersion}", not audit.k8s.io/v1` };
  }
  const stage = str(e.stage);
  if (stage === undefined) return { error: 'event has no stage' };
  if (stage !== 'ResponseComplete') return { skip: true };
  const status = isObject(e.responseStatus) ? e.responseStatus.code : undefined;
  const code = typeof status === 'number' ? status : undefined;
  if (code === 401) return { skip: true };
  const verb = str(e.verb);
  if (verb === undefined || verb === '') return { error: 'event has no verb' };
  const user = userOf(e.impersonatedUser) ?? userOf(e.user);
  if (user === undefined) return { error: 'event has no user.username' };
  let request: AccessRequest;
  if (isObject(e.objectRef)) {
    const o = e.objectRef;
    const resource = str(o.resource);
    if (resource === undefined || resource === '') return { error: 'objectRef has no resource' };
    const subresource = str(o.subresource) ?? '';
    const name = verb === 'create' && subresource === '' ? '' : (str(o.name) ?? '');
    request = {
      verb,
      apiGroup: str(o.apiGroup) ?? '',
      resource,
      ...(subresource !== '' ? { subresource } : {}),
      ...(name !== '' ? { name } : {}),
      ...(str(o.namespace) ? { namespace: str(o.namespace) } : {}),
    };
  } else {
    const uri = str(e.requestURI);
    if (uri === undefined || !uri.startsWith('/'))
      return { error: 'event has neither objectRef nor a requestURI path' };
    request = { verb, path: uri.split('?')[0]! };
  }
  return { request: { line, user, request, ...(code !== undefined ? { code } : {}) } };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonError(e: unknown, text: string, base: number): AuditProblem {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  return {
    line: at ? lineAt(text, Number(at[1])) + base - 1 : base,
    message: `not valid JSON (${message.split('\n')[0]})`,
  };
}

export function parseAuditLog(text: string): AuditLog {
  const requests: AuditRequest[] = [];
  const problems: AuditProblem[] = [];
  let skipped = 0;
  const take = (value: unknown, line: number, where: string): void => {
    const items = Array.isArray(value)
      ? value
      : isObject(value) && value.kind === 'EventList' && Array.isArray(value.items)
        ? value.items
        : undefined;
    if (items !== undefined) {
      items.forEach((item, i) => take(item, line, `${where}entry ${i}: `));
      return;
    }
    const outcome = readEvent(value, line);
    if ('request' in outcome) requests.push(outcome.request);
    else if ('skip' in outcome) skipped++;
    else problems.push({ line, message: `${where}${outcome.error}` });
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const first = lineAt(text, text.length - trimmed.length);
    try {
      take(JSON.parse(text), first, '');
    } catch (e) {
      problems.push(jsonError(e, text, 1));
    }
    return { requests, problems, skipped };
  }
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const lineText = raw.trim();
    if (lineText === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (e) {
      problems.push({ ...jsonError(e, lineText, i + 1), line: i + 1 });
      return;
    }
    take(value, i + 1, '');
  });
  return { requests, problems, skipped };
}
