/**
 * A Kubernetes API server for tests: HTTPS on loopback (a CA and serving certificate made in
 * the test by src/admission/certificates.ts), bearer-token auth, discovery (`/api`, `/apis`,
 * `/apis/<group>/<version>`), List and watch of the objects it is given, as a real server
 * answers them (https://kubernetes.io/docs/reference/using-api/api-concepts/):
 *
 * - List bodies are `<Kind>List` with `apiVersion`, `metadata.resourceVersion` (and `continue`,
 *   `remainingItemCount` when paged with `limit`), and `items` WITHOUT `kind`/`apiVersion`
 *   (the API server leaves them out of list items; readers restore them).
 * - `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` gives a
 *   PartialObjectMetadataList (items `PartialObjectMetadata`, metadata only).
 * - Secrets are served ONLY as metadata: any request for full Secret objects (list, get or
 *   watch without that Accept) is recorded in `violations`, answered 500, and makes `close()`
 *   reject, so a test that ever asks for Secret values fails.
 * - `forbidden` kinds answer 403 with the Status body of the RBAC authorizer; `faults` answer
 *   429 (with Retry-After) or 5xx a given number of times; a watch may be made to answer 410 Gone
 *   (as an HTTP status or as an ERROR event), and the watch history can be compacted.
 * - `apply()` and `remove()` change the objects and stream ADDED/MODIFIED/DELETED events to open
 *   watches (global resourceVersions, as etcd's revision).
 *
 * Every request is recorded (`requests`, `countRequests()`). `writeKubeconfig()` writes a
 * kubeconfig pointing here (certificate-authority-data and a token; a second context whose user
 * is an exec credential plugin). Interface documented in test/apiServer/README.md; kept stable.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWebhookCertificates } from '../../src/admission/certificates.js';
import { BUILTIN_API_RESOURCES, groupVersionOf, type FixtureApiResource } from './discovery.js';
import { writeFixtureKubeconfig, type KubeconfigOptions } from './kubeconfig.js';

export type FixtureObject = Record<string, unknown> & { apiVersion: string; kind: string };

/** A kind (by group and plural resource) and the verbs refused on it. */
export interface ForbiddenRule {
  readonly group: string;
  readonly resource: string;
  /** @default ['list', 'watch', 'get'] */
  readonly verbs?: readonly string[];
}

/** Answer the next `times` matching requests with this status instead. */
export interface FaultRule {
  readonly group?: string;
  readonly resource: string;
  readonly status: 429 | 500 | 502 | 503 | 504;
  readonly times: number;
  /** Retry-After header (seconds) and `details.retryAfterSeconds`, for 429 and 503. */
  readonly retryAfterSeconds?: number;
  /** Only list requests (`false`), only watches (`true`). @default both */
  readonly watch?: boolean;
}

/** Make the next `times` watches of a kind fail with 410 Gone (too old resource version). */
export interface GoneRule {
  readonly group: string;
  readonly resource: string;
  readonly times: number;
  /** `status`: HTTP 410 with a Status body; `event`: HTTP 200 and an ERROR watch event (what a watch cache does). @default 'event' */
  readonly as?: 'status' | 'event';
}

export interface FixtureApiServerOptions {
  /** Full objects (apiVersion, kind, metadata…); the server sets uid, resourceVersion, creationTimestamp where missing. */
  readonly objects?: readonly FixtureObject[];
  /** @default BUILTIN_API_RESOURCES (add GATEWAY_API_RESOURCES, ADMIN_POLICY_API_RESOURCES as if their CRDs were installed) */
  readonly apiResources?: readonly FixtureApiResource[];
  /** The bearer token required. @default 'fixture-token' */
  readonly token?: string;
  /** The user named in 403 messages. @default 'system:serviceaccount:kubeward:scanner' */
  readonly user?: string;
  readonly forbidden?: readonly ForbiddenRule[];
  readonly faults?: readonly FaultRule[];
  readonly gone?: readonly GoneRule[];
}

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly accept: string;
  /** 'discovery', 'list', 'get', 'watch', or 'other'. */
  readonly verb: string;
  readonly group?: string;
  readonly resource?: string;
  readonly namespace?: string;
  readonly status: number;
}

export interface RequestFilter {
  readonly verb?: string;
  readonly group?: string;
  readonly resource?: string;
}

export interface FixtureApiServer {
  /** `https://localhost:<port>` */
  readonly url: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly caCert: string;
  readonly token: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests for full Secret objects (each also answered 500); must stay empty. */
  readonly violations: readonly string[];
  countRequests(filter?: RequestFilter): number;
  /** The objects as stored, with kind, apiVersion and the fields the server set (what a file dump of the cluster would hold). */
  objects(): FixtureObject[];
  /** Creates or replaces an object (new resourceVersion), streaming ADDED or MODIFIED to open watches. */
  apply(object: FixtureObject): FixtureObject;
  /** Deletes an object, streaming DELETED; false when there was none. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  /** Forgets the event history: a watch from any resourceVersion older than now gets 410 Gone. */
  compactWatchHistory(): void;
  /** Adds a 410 Gone rule (see `GoneRule`) from now on. */
  goneOnWatch(rule: GoneRule): void;
  /** The current resourceVersion (etcd revision). */
  resourceVersion(): string;
  /** Writes a kubeconfig for this server into `dir`; returns its path. */
  writeKubeconfig(dir: string, options?: KubeconfigOptions): Promise<string>;
  /** Stops (open watches end); rejects when `violations` is not empty. */
  close(): Promise<void>;
}

interface Stored {
  object: FixtureObject;
  /** JSON of the object as a list item (no kind/apiVersion), made on first use. */
  itemJson?: string;
  /** JSON of its PartialObjectMetadata, made on first use. */
  metaJson?: string;
}

interface WatchEvent {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly typeKey: string;
  readonly object: FixtureObject;
}

interface Watcher {
  readonly typeKey: string;
  readonly namespace?: string;
  readonly partial: boolean;
  readonly res: ServerResponse;
}

const PARTIAL_LIST = /(^|[;,\s])as=PartialObjectMetadataList(;|,|$)/;
const PARTIAL_ONE = /(^|[;,\s])as=PartialObjectMetadata(;|,|$)/;
const CREATED = '2026-12-01T00:00:00Z';

const typeKeyOf = (group: string, resource: string): string => `${group}/${resource}`;
const objectKey = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`;

function meta(o: FixtureObject): Record<string, unknown> {
  const m = o.metadata;
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new Error(`${o.kind} without metadata`);
  return m as Record<string, unknown>;
}

/** A stable UUID for an object from its identity (so two runs store the same objects). */
function uidOf(kind: string, ns: string | undefined, name: string): string {
  const h = createHash('sha1')
    .update(`${kind}/${ns ?? ''}/${name}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

/** `fieldSelector` on `metadata.name` and `metadata.namespace` (`=`, `==`, `!=`, comma = and), which every kind supports. */
function fieldsMatch(o: FixtureObject, query: URLSearchParams): boolean {
  const selector = query.get('fieldSelector');
  if (!selector) return true;
  const m = meta(o);
  return selector.split(',').every((term) => {
    const found = /^(metadata\.name|metadata\.namespace)(==|=|!=)(.*)$/.exec(term.trim());
    if (!found) return false;
    const value = found[1] === 'metadata.name' ? m.name : m.namespace;
    return found[2] === '!=' ? value !== found[3] : value === found[3];
  });
}

/** Parsed resource path: `/api/v1[/namespaces/<ns>]/<resource>[/<name>]`, `/apis/<g>/<v>/…`. */
interface ResourcePath {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

function parseResourcePath(parts: readonly string[]): ResourcePath | 'discovery' | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length <= 2) return 'discovery';
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length <= 3) return 'discovery';
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, sub] = rest;
  if (resource === undefined || sub !== undefined) return undefined;
  return { group, version, resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

/** Starts the server on a free loopback port. */
export async function startFixtureApiServer(
  options: FixtureApiServerOptions = {},
): Promise<FixtureApiServer> {
  const apiResources = options.apiResources ?? BUILTIN_API_RESOURCES;
  const token = options.token ?? 'fixture-token';
  const user = options.user ?? 'system:serviceaccount:kubeward:scanner';
  const forbidden = options.forbidden ?? [];
  const faults = (options.faults ?? []).map((f) => ({ ...f, left: f.times }));
  const gone = (options.gone ?? []).map((g) => ({ ...g, left: g.times }));
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const watchers = new Set<Watcher>();
  let events: WatchEvent[] = [];
  let compactedRv = 0;
  let rv = 1000;

  const byKind = new Map<string, FixtureApiResource>();
  const byTypeKey = new Map<string, FixtureApiResource>();
  for (const r of apiResources) {
    if (r.name.includes('/')) continue;
    const gvKind = `${r.group}/${r.kind}`;
    // the first version listed is the preferred one
    if (!byKind.has(gvKind)) byKind.set(gvKind, r);
    byTypeKey.set(`${r.group}/${r.version}/${r.name}`, r);
  }
  /** Objects per type (group/resource), in insertion order. */
  const store = new Map<string, Map<string, Stored>>();

  const resourceOf = (o: FixtureObject): FixtureApiResource => {
    const [group] = groupVersionOf(o.apiVersion);
    const r = byKind.get(`${group}/${o.kind}`);
    if (r === undefined)
      throw new Error(`fixture API server: no API resource serves ${o.apiVersion} ${o.kind}`);
    return r;
  };

  const put = (input: FixtureObject): { stored: FixtureObject; created: boolean } => {
    const r = resourceOf(input);
    const m = { ...meta(input) };
    const name = typeof m.name === 'string' ? m.name : '';
    const ns = r.namespaced ? (typeof m.namespace === 'string' ? m.namespace : 'default') : undefined;
    if (ns !== undefined) m.namespace = ns;
    else delete m.namespace;
    m.uid ??= uidOf(input.kind, ns, name);
    m.creationTimestamp ??= CREATED;
    rv++;
    m.resourceVersion = String(rv);
    const object = { ...input, metadata: m } as FixtureObject;
    const tk = typeKeyOf(r.group, r.name);
    let objects = store.get(tk);
    if (!objects) store.set(tk, (objects = new Map()));
    const created = !objects.has(objectKey(ns, name));
    objects.set(objectKey(ns, name), { object });
    return { stored: object, created };
  };

  for (const o of options.objects ?? []) put(o);
  rv++; // the objects given are the starting state: no watch replays them as events
  compactedRv = rv;

  const emit = (event: WatchEvent): void => {
    events.push(event);
    for (const w of watchers) {
      if (w.typeKey !== event.typeKey) continue;
      if (w.namespace !== undefined && meta(event.object).namespace !== w.namespace) continue;
      w.res.write(eventJson(event.type, event.object, w.partial));
    }
  };

  const eventJson = (type: string, object: FixtureObject, partial: boolean): string =>
    `${JSON.stringify({ type, object: partial ? partialOf(object) : object })}\n`;

  const partialOf = (o: FixtureObject): Record<string, unknown> => ({
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: o.metadata,
  });

  const itemJson = (s: Stored, partial: boolean): string => {
    if (partial) return (s.metaJson ??= JSON.stringify(partialOf(s.object)));
    if (s.itemJson === undefined) {
      // the API server leaves kind and apiVersion out of List items
      const { kind: _k, apiVersion: _a, ...rest } = s.object;
      s.itemJson = JSON.stringify(rest);
    }
    return s.itemJson;
  };

  const send = (
    res: ServerResponse,
    code: number,
    body: string,
    headers: Record<string, string> = {},
  ): number => {
    res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
    return code;
  };

  const discovery = (parts: readonly string[], res: ServerResponse): number => {
    const served = apiResources;
    if (parts[0] === 'api' && parts.length === 1) {
      return send(
        res,
        200,
        JSON.stringify({
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
        }),
      );
    }
    if (parts[0] === 'apis' && parts.length === 1) {
      const groups = new Map<string, string[]>();
      for (const r of served) {
        if (r.group === '') continue;
        const versions = groups.get(r.group) ?? [];
        if (!versions.includes(r.version)) versions.push(r.version);
        groups.set(r.group, versions);
      }
      return send(
        res,
        200,
        JSON.stringify({
          kind: 'APIGroupList',
          apiVersion: 'v1',
          groups: [...groups].map(([name, versions]) => ({
            name,
            versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
            preferredVersion: { groupVersion: `${name}/${versions[0]!}`, version: versions[0]! },
          })),
        }),
      );
    }
    const [group, version] = parts[0] === 'api' ? ['', parts[1]!] : [parts[1]!, parts[2]];
    if (parts[0] === 'apis' && version === undefined) {
      const versions = [...new Set(served.filter((r) => r.group === group).map((r) => r.version))];
      if (versions.length === 0)
        return send(
          res,
          404,
          statusBody(404, 'NotFound', 'the server could not find the requested resource'),
        );
      return send(
        res,
        200,
        JSON.stringify({
          kind: 'APIGroup',
          apiVersion: 'v1',
          name: group,
          versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
          preferredVersion: { groupVersion: `${group}/${versions[0]!}`, version: versions[0]! },
        }),
      );
    }
    const list = served.filter((r) => r.group === group && r.version === version);
    if (list.length === 0)
      return send(res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
    return send(
      res,
      200,
      JSON.stringify({
        kind: 'APIResourceList',
        ...(group !== '' ? { apiVersion: 'v1' } : {}),
        groupVersion: group === '' ? version : `${group}/${version}`,
        resources: list.map((r) => ({
          name: r.name,
          singularName: r.singularName,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs,
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          ...(r.name.includes('/')
            ? {}
            : { storageVersionHash: createHash('sha256').update(r.name).digest('base64').slice(0, 11) }),
        })),
      }),
    );
  };

  const forbiddenBody = (verb: string, p: ResourcePath): string => {
    const scope = p.namespace !== undefined ? `in the namespace "${p.namespace}"` : 'at the cluster scope';
    return statusBody(
      403,
      'Forbidden',
      `${p.resource} is forbidden: User "${user}" cannot ${verb} resource "${p.resource}" in API group "${p.group}" ${scope}`,
      { ...(p.group !== '' ? { group: p.group } : {}), kind: p.resource },
    );
  };

  const faultFor = (p: ResourcePath, watch: boolean) =>
    faults.find(
      (f) =>
        f.left > 0 &&
        f.resource === p.resource &&
        (f.group === undefined || f.group === p.group) &&
        (f.watch === undefined || f.watch === watch),
    );

  const list = (p: ResourcePath, query: URLSearchParams, partial: boolean, res: ServerResponse): number => {
    const r = byTypeKey.get(`${p.group}/${p.version}/${p.resource}`)!;
    const all = [...(store.get(typeKeyOf(r.group, r.name))?.values() ?? [])].filter(
      (s) =>
        (p.namespace === undefined || meta(s.object).namespace === p.namespace) &&
        fieldsMatch(s.object, query),
    );
    let start = 0;
    const cont = query.get('continue');
    if (cont) {
      try {
        const token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as { start?: unknown };
        if (typeof token.start !== 'number') throw new Error('bad token');
        start = token.start;
      } catch {
        return send(
          res,
          400,
          statusBody(400, 'BadRequest', 'continue key is not valid: illegal base64 data'),
        );
      }
    }
    const limitText = query.get('limit');
    const limit = limitText !== null && Number(limitText) > 0 ? Number(limitText) : Infinity;
    const page = all.slice(start, start + limit);
    const next = start + page.length;
    const listMeta: Record<string, unknown> = { resourceVersion: String(rv) };
    if (next < all.length) {
      listMeta.continue = Buffer.from(JSON.stringify({ rv, start: next }), 'utf8').toString('base64url');
      listMeta.remainingItemCount = all.length - next;
    }
    const apiVersion = partial ? 'meta.k8s.io/v1' : p.group === '' ? p.version : `${p.group}/${p.version}`;
    const kind = partial ? 'PartialObjectMetadataList' : `${r.kind}List`;
    const body =
      `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(listMeta)},"items":[` +
      page.map((s) => itemJson(s, partial)).join(',') +
      ']}';
    return send(res, 200, body);
  };

  const watch = (
    p: ResourcePath,
    query: URLSearchParams,
    partial: boolean,
    req: IncomingMessage,
    res: ServerResponse,
  ): number => {
    const r = byTypeKey.get(`${p.group}/${p.version}/${p.resource}`)!;
    const tk = typeKeyOf(r.group, r.name);
    const from = query.get('resourceVersion');
    const goneRule = gone.find((g) => g.left > 0 && g.group === p.group && g.resource === p.resource);
    const tooOld = from !== null && from !== '' && from !== '0' && Number(from) < compactedRv;
    if (goneRule || tooOld) {
      if (goneRule) goneRule.left--;
      const message = `too old resource version: ${from ?? ''} (${rv})`;
      if ((goneRule?.as ?? 'event') === 'status') return send(res, 410, statusBody(410, 'Expired', message));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        `${JSON.stringify({ type: 'ERROR', object: JSON.parse(statusBody(410, 'Expired', message)) as unknown })}\n`,
      );
      return 200;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const inNs = (o: FixtureObject): boolean =>
      p.namespace === undefined || meta(o).namespace === p.namespace;
    if (from === null || from === '' || from === '0') {
      // no resourceVersion: "start at most recent", sending ADDED for every object first
      for (const s of store.get(tk)?.values() ?? [])
        if (inNs(s.object)) res.write(eventJson('ADDED', s.object, partial));
    } else {
      for (const e of events)
        if (e.typeKey === tk && e.rv > Number(from) && inNs(e.object))
          res.write(eventJson(e.type, e.object, partial));
    }
    const w: Watcher = {
      typeKey: tk,
      ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
      partial,
      res,
    };
    watchers.add(w);
    const timeout = Number(query.get('timeoutSeconds') ?? '0');
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    const done = (): void => {
      watchers.delete(w);
      if (timer) clearTimeout(timer);
    };
    req.on('close', done);
    res.on('close', done);
    return 200;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const query = url.searchParams;
    const accept = req.headers.accept ?? '';
    const parts = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const record = (verb: string, status: number, p?: ResourcePath): void => {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(query),
        accept,
        verb,
        ...(p
          ? {
              group: p.group,
              resource: p.resource,
              ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
            }
          : {}),
        status,
      });
    };
    if (req.headers.authorization !== `Bearer ${token}`) {
      record('other', send(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized')));
      return;
    }
    if (url.pathname === '/version') {
      record(
        'discovery',
        send(
          res,
          200,
          JSON.stringify({ major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' }),
        ),
      );
      return;
    }
    const p = parseResourcePath(parts);
    if (p === 'discovery') {
      record('discovery', discovery(parts, res));
      return;
    }
    const r = p && byTypeKey.get(`${p.group}/${p.version}/${p.resource}`);
    if (!p || !r || req.method !== 'GET') {
      record(
        'other',
        send(res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource')),
        p,
      );
      return;
    }
    const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
    const verb = isWatch ? 'watch' : p.name !== undefined ? 'get' : 'list';
    const partial = p.name !== undefined ? PARTIAL_ONE.test(accept) : PARTIAL_LIST.test(accept);
    if (r.group === '' && r.name === 'secrets' && !partial) {
      violations.push(
        `${verb} ${url.pathname}${url.search} with Accept "${accept}": full Secret objects requested`,
      );
      record(
        verb,
        send(
          res,
          500,
          statusBody(500, 'InternalError', 'fixture API server: full Secret objects were requested'),
        ),
        p,
      );
      return;
    }
    if (
      forbidden.some(
        (f) =>
          f.group === p.group &&
          f.resource === p.resource &&
          (f.verbs ?? ['list', 'watch', 'get']).includes(verb),
      )
    ) {
      record(verb, send(res, 403, forbiddenBody(verb, p)), p);
      return;
    }
    const fault = faultFor(p, isWatch);
    if (fault) {
      fault.left--;
      const retry = fault.retryAfterSeconds;
      const reasons: Record<number, [string, string]> = {
        429: ['TooManyRequests', 'Too many requests, please try again later.'],
        500: ['InternalError', 'Internal error occurred: fixture fault'],
        502: ['InternalError', 'bad gateway'],
        503: ['ServiceUnavailable', 'The server is currently unable to handle the request'],
        504: ['Timeout', 'The server was unable to return a response in the time allotted'],
      };
      const [reason, message] = reasons[fault.status]!;
      record(
        verb,
        send(
          res,
          fault.status,
          statusBody(
            fault.status,
            reason,
            message,
            retry !== undefined ? { retryAfterSeconds: retry } : undefined,
          ),
          retry !== undefined ? { 'Retry-After': String(retry) } : {},
        ),
        p,
      );
      return;
    }
    if (isWatch) {
      record(verb, watch(p, query, partial, req, res), p);
      return;
    }
    if (p.name !== undefined) {
      const s = store
        .get(typeKeyOf(r.group, r.name))
        ?.get(objectKey(r.namespaced ? p.namespace : undefined, p.name));
      if (!s) {
        record(
          verb,
          send(
            res,
            404,
            statusBody(404, 'NotFound', `${p.resource} "${p.name}" not found`, {
              name: p.name,
              kind: p.resource,
            }),
          ),
          p,
        );
        return;
      }
      record(
        verb,
        send(res, 200, partial ? JSON.stringify(partialOf(s.object)) : JSON.stringify(s.object)),
        p,
      );
      return;
    }
    record(verb, list(p, query, partial, res), p);
  };

  const certs = generateWebhookCertificates({ dnsNames: ['localhost'] });
  const server: Server = createServer({ cert: certs.cert, key: certs.key }, handle);
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://localhost:${port}`;

  const api: FixtureApiServer = {
    url,
    caCert: certs.caCert,
    token,
    requests,
    violations,
    countRequests: (f = {}) =>
      requests.filter(
        (q) =>
          (f.verb === undefined || q.verb === f.verb) &&
          (f.group === undefined || q.group === f.group) &&
          (f.resource === undefined || q.resource === f.resource),
      ).length,
    objects: () => [...store.values()].flatMap((m) => [...m.values()].map((s) => s.object)),
    apply(object) {
      const { stored, created } = put(object);
      const r = resourceOf(stored);
      emit({ rv, type: created ? 'ADDED' : 'MODIFIED', typeKey: typeKeyOf(r.group, r.name), object: stored });
      return stored;
    },
    remove(apiVersion, kind, namespace, name) {
      const r = resourceOf({ apiVersion, kind });
      const tk = typeKeyOf(r.group, r.name);
      const key = objectKey(r.namespaced ? (namespace ?? 'default') : undefined, name);
      const s = store.get(tk)?.get(key);
      if (!s) return false;
      store.get(tk)!.delete(key);
      rv++;
      const object = {
        ...s.object,
        metadata: { ...meta(s.object), resourceVersion: String(rv) },
      } as FixtureObject;
      emit({ rv, type: 'DELETED', typeKey: tk, object });
      return true;
    },
    compactWatchHistory() {
      events = [];
      rv++;
      compactedRv = rv;
    },
    goneOnWatch(rule) {
      gone.push({ ...rule, left: rule.times });
    },
    resourceVersion: () => String(rv),
    writeKubeconfig: (dir, kubeconfigOptions) =>
      writeFixtureKubeconfig(dir, { url, caCert: certs.caCert, token }, kubeconfigOptions),
    async close() {
      for (const w of watchers) w.res.end();
      watchers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (violations.length > 0) {
        throw new Error(`fixture API server: Secret values were requested:\n${violations.join('\n')}`);
      }
    },
  };
  return api;
}
