/**
 * Reads a live cluster: discovery, then a paged List (`limit`/`continue`) of every kind the rules
 * and the model use (kinds.ts), a few kinds at once, each retried on 429/5xx. List items come
 * without `kind`/`apiVersion` (the API server leaves them out); they are put back, so every
 * object is what `kubectl get -o yaml` shows and what a file of it would hold.
 *
 * Secrets are never read: not listed at all by default (the Secrets the graph needs come from
 * the references to them); with `secretMetadata` listed as PartialObjectMetadataList only, with
 * no fallback to full objects, and their value-carrying annotations dropped on arrival
 * (secretMetadata.ts). A kind the credentials may not list (403) is recorded in `notVisible`
 * with the permission that is missing, and the read goes on.
 */
import type { JsonRecord } from '../../k8s/shape.js';
import { InputError } from '../../errors.js';
import type { InputError as InputProblem } from '../inputError.js';
import { connect, type ClusterConnection, type ConnectOptions } from './connection.js';
import { discoverKinds, type ServedKind } from './discovery.js';
import { READ_KINDS, SECRET_KIND, type ReadKind } from './kinds.js';
import { getWithRetry, mapBounded, type RetryPolicy } from './requests.js';
import { redactSecretMetadata } from './secretMetadata.js';

export interface ReadClusterOptions extends ConnectOptions {
  /** Read namespaced kinds in this namespace only (cluster-scoped kinds are still read: bindings, nodes, webhooks). */
  readonly namespace?: string;
  /** List Secrets as metadata (PartialObjectMetadataList). @default false: no Secret list at all */
  readonly secretMetadata?: boolean;
  /** Kinds to read besides the built-in ones, by kind name (the configuration's custom pod-template kinds). */
  readonly extraKinds?: readonly string[];
  /** Items per List page. @default 500 (what kubectl asks for) */
  readonly pageSize?: number;
  readonly retry?: RetryPolicy;
  /** Told after each List page: kinds done of all, objects so far. */
  readonly onProgress?: (progress: ReadProgress) => void;
  /** The clock (`readAt`). @default new Date() */
  readonly now?: () => Date;
  /** An open connection to use instead of connecting (tests, fleets). */
  readonly connection?: ClusterConnection;
}

export interface ReadProgress {
  readonly kindsDone: number;
  readonly kinds: number;
  readonly objects: number;
}

/** A kind that could not be read: who may not do what (the permission to grant). */
export interface NotVisible {
  readonly group: string;
  readonly kind: string;
  readonly resource: string;
  readonly verb: 'list';
  /** Set when the list was of one namespace. */
  readonly namespace?: string;
  /** The API server's message. */
  readonly message: string;
}

/** What was read from one cluster: the objects as the server has them, and what could not be seen. */
export interface ClusterRead {
  readonly context: string;
  readonly server: string;
  /** ISO time the read began. */
  readonly readAt: string;
  readonly namespace?: string;
  readonly secretMetadata: boolean;
  readonly objects: JsonRecord[];
  readonly notVisible: NotVisible[];
  /** Kinds that failed for another reason (5xx after retries, a malformed answer). */
  readonly errors: InputProblem[];
  /** HTTP requests sent (retries and discovery included). */
  readonly requests: number;
}

const JSON_ACCEPT = 'application/json';
/** No `,application/json` fallback: a server that cannot answer metadata-only must refuse (406), not send values. */
export const PARTIAL_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

interface ListBody {
  metadata?: { continue?: unknown };
  items?: unknown;
}

function statusMessage(body: string, fallback: string): string {
  try {
    const s = JSON.parse(body) as { message?: unknown };
    return typeof s.message === 'string' ? s.message : fallback;
  } catch {
    return fallback;
  }
}

function listPath(served: ServedKind, namespace: string | undefined): string {
  const base = served.group === '' ? `/api/${served.version}` : `/apis/${served.group}/${served.version}`;
  if (served.namespaced && namespace !== undefined)
    return `${base}/namespaces/${encodeURIComponent(namespace)}/${served.resource}`;
  return `${base}/${served.resource}`;
}

/** The object a List item stands for: kind and apiVersion put back (first, as kubectl prints them). */
function restore(item: JsonRecord, served: ServedKind, partial: boolean): JsonRecord {
  const apiVersion = served.group === '' ? served.version : `${served.group}/${served.version}`;
  if (partial) {
    const metadata = (item.metadata ?? {}) as Record<string, unknown>;
    return { apiVersion, kind: served.kind, metadata: redactSecretMetadata(metadata) };
  }
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = item;
  return { apiVersion, kind: served.kind, ...rest };
}

type ListOutcome = { objects: JsonRecord[] } | { forbidden: string } | { error: string };

async function listKind(
  conn: ClusterConnection,
  served: ServedKind,
  options: ReadClusterOptions,
  counter: { requests: number },
  onPage: (items: number) => void,
): Promise<ListOutcome> {
  const partial = served.group === '' && served.kind === 'Secret';
  const accept = partial ? PARTIAL_LIST_ACCEPT : JSON_ACCEPT;
  const pageSize = options.pageSize ?? 500;
  const path = listPath(served, options.namespace);
  const nameFilter =
    served.group === '' && served.kind === 'Namespace' && options.namespace !== undefined
      ? `&fieldSelector=${encodeURIComponent(`metadata.name=${options.namespace}`)}`
      : '';
  let objects: JsonRecord[] = [];
  let cont: string | undefined;
  let restarted = false;
  for (;;) {
    const query = `?limit=${pageSize}${nameFilter}${cont !== undefined ? `&continue=${encodeURIComponent(cont)}` : ''}`;
    const res = await getWithRetry(conn, path + query, accept, options.retry, counter);
    if (res.status === 403) return { forbidden: statusMessage(res.body, 'forbidden') };
    if (res.status === 410 && cont !== undefined && !restarted) {
      // the continue token expired (the server compacted past it): list again from the start, once
      restarted = true;
      objects = [];
      cont = undefined;
      continue;
    }
    if (res.status !== 200)
      return { error: `${res.status}: ${statusMessage(res.body, res.body.slice(0, 200))}` };
    let body: ListBody;
    try {
      body = JSON.parse(res.body) as ListBody;
    } catch {
      return { error: 'the List answer is not JSON' };
    }
    const items = Array.isArray(body.items) ? (body.items as JsonRecord[]) : [];
    for (const item of items) objects.push(restore(item, served, partial));
    onPage(items.length);
    const next = body.metadata?.continue;
    if (typeof next !== 'string' || next === '') return { objects };
    cont = next;
  }
}

/** The kinds to read, in order: the built-in ones, Secrets when asked for, the extra ones by kind name. */
function wantedKinds(options: ReadClusterOptions): ReadKind[] {
  const kinds = [...READ_KINDS];
  if (options.secretMetadata === true) kinds.push(SECRET_KIND);
  for (const kind of options.extraKinds ?? []) {
    if (!kinds.some((k) => k.kind === kind)) kinds.push({ group: '*', kind, resource: '', optional: true });
  }
  return kinds;
}

/**
 * Reads one cluster (the context of `options`). Throws InputError when the kubeconfig or the
 * context is unusable, Error when the server cannot be reached or refuses the credentials;
 * everything after discovery is data (`notVisible`, `errors`).
 */
export async function readCluster(options: ReadClusterOptions = {}): Promise<ClusterRead> {
  const readAt = (options.now ?? (() => new Date()))().toISOString();
  const conn = options.connection ?? (await connect(options));
  const concurrency = options.concurrency ?? 6;
  const retry = options.retry ?? {};
  const counter = { requests: 0 };
  try {
    const wanted = wantedKinds(options);
    const builtin = wanted.filter((w) => w.group !== '*');
    let served: Map<string, ServedKind>;
    try {
      served = await discoverKinds(conn, builtin, retry, counter, concurrency);
    } catch (e) {
      throw new InputError(`cluster ${conn.context} (${conn.server}): ${(e as Error).message}`);
    }
    const toRead: ServedKind[] = [];
    for (const w of builtin) {
      const s = served.get(`${w.group}/${w.kind}`);
      if (s !== undefined) toRead.push(s);
    }
    // extra kinds by name: look them up in every group discovery has (a second, wider pass)
    const extra = wanted.filter((w) => w.group === '*');
    if (extra.length > 0) {
      const all = await discoverAnyGroup(conn, extra, retry, counter, concurrency);
      toRead.push(...all);
    }
    const notVisible: NotVisible[] = [];
    const errors: InputProblem[] = [];
    let objects = 0;
    let kindsDone = 0;
    const results = await mapBounded(toRead, concurrency, async (s) => {
      const outcome = await listKind(conn, s, options, counter, (n) => {
        objects += n;
        options.onProgress?.({ kindsDone, kinds: toRead.length, objects });
      });
      kindsDone++;
      options.onProgress?.({ kindsDone, kinds: toRead.length, objects });
      return outcome;
    });
    const out: JsonRecord[] = [];
    results.forEach((r, i) => {
      const s = toRead[i]!;
      if ('objects' in r) for (const o of r.objects) out.push(o);
      else if ('forbidden' in r) {
        notVisible.push({
          group: s.group,
          kind: s.kind,
          resource: s.resource,
          verb: 'list',
          ...(s.namespaced && options.namespace !== undefined ? { namespace: options.namespace } : {}),
          message: r.forbidden,
        });
      } else
        errors.push({
          file: `cluster:${conn.context}`,
          message: `list ${s.kind} (${listPath(s, options.namespace)}): ${r.error}`,
        });
    });
    return {
      context: conn.context,
      server: conn.server,
      readAt,
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      secretMetadata: options.secretMetadata === true,
      objects: out,
      notVisible,
      errors,
      requests: counter.requests,
    };
  } finally {
    if (options.connection === undefined) conn.close();
  }
}

/** Kinds named only by kind: found in whichever group serves them (every group's preferred version). */
async function discoverAnyGroup(
  conn: ClusterConnection,
  extra: readonly ReadKind[],
  retry: RetryPolicy,
  counter: { requests: number },
  concurrency: number,
): Promise<ServedKind[]> {
  const res = await getWithRetry(conn, '/apis', JSON_ACCEPT, retry, counter);
  if (res.status !== 200) return [];
  const groups = (JSON.parse(res.body) as { groups?: { name?: string }[] }).groups ?? [];
  const kinds = groups.flatMap((g) =>
    g.name !== undefined ? extra.map((e) => ({ ...e, group: g.name! })) : [],
  );
  const served = await discoverKinds(conn, kinds, retry, counter, concurrency);
  return extra.flatMap((e) => [...served.values()].filter((s) => s.kind === e.kind).slice(0, 1));
}

/** `what is missing` for a report line: `list secrets (group "")`, as an RBAC rule says it. */
export function describeNotVisible(n: NotVisible): string {
  return `${n.kind}: cannot list ${n.resource}${n.group !== '' ? `.${n.group}` : ''}${n.namespace !== undefined ? ` in namespace ${n.namespace}` : ' at cluster scope'} (grant verb "list" on resource "${n.resource}" in apiGroup "${n.group}")`;
}
