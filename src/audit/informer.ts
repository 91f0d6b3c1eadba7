/**
 * Informers for the audit: per kind, a paged List (`limit`/`continue`) that gives the list's
 * resourceVersion, then watches from it; on 410 Gone (an HTTP 410, or an ERROR event with
 * code 410, which is how a watch cache says the version was compacted away) the kind is
 * listed again and watched from the new version, as client-go's reflector does.
 *
 * Not client-node's informer: its initial list does not paginate and it emits a spurious
 * error on stop (shared/reference/stack.md §1c). Each watch is one GET bounded by
 * `timeoutSeconds` (the cluster connection answers whole bodies, not streams), so events
 * arrive when a watch window closes and the next watch starts from the last version seen.
 *
 * Secrets are not listed or watched: the audit needs no Secret (the graph's Secrets come from
 * references), and so kubeward's audit role does not include them.
 */
import type { JsonRecord } from '../k8s/shape.js';
import type { ClusterConnection } from '../load/cluster/connection.js';
import { discoverKinds, type ServedKind } from '../load/cluster/discovery.js';
import { READ_KINDS } from '../load/cluster/kinds.js';
import { getWithRetry, mapBounded, type RetryPolicy } from '../load/cluster/requests.js';

const ACCEPT = 'application/json';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change to the cluster's objects, as the audit applies it. */
export interface ObjectChange {
  readonly type: WatchEventType;
  readonly object: JsonRecord;
}

export interface InformerEvents {
  /** Changes from one watch window of one kind, in order. */
  onChanges(kind: ServedKind, changes: readonly ObjectChange[]): void;
  /** A kind was listed (again): its objects now, replacing whatever was known of it. */
  onList(kind: ServedKind, objects: readonly JsonRecord[], relist: boolean): void;
  /** A failure that did not stop the informer (it retries). */
  onError(kind: ServedKind, message: string): void;
}

export interface InformerOptions {
  readonly namespace?: string;
  /** Seconds each watch request stays open. @default 10 */
  readonly watchSeconds?: number;
  readonly pageSize?: number;
  readonly retry?: RetryPolicy;
  readonly concurrency?: number;
  /** The wait after a failed watch or list before the next try. @default 1000 */
  readonly backoffMs?: number;
  /** Watch after the lists. @default true; false: list once (a one-cycle audit). */
  readonly watch?: boolean;
}

/** The path of a kind's collection (in `namespace` when it is namespaced and one is given). */
export function collectionPath(served: ServedKind, namespace: string | undefined): string {
  const base = served.group === '' ? `/api/${served.version}` : `/apis/${served.group}/${served.version}`;
  return served.namespaced && namespace !== undefined
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${served.resource}`
    : `${base}/${served.resource}`;
}

const apiVersionOf = (s: ServedKind): string => (s.group === '' ? s.version : `${s.group}/${s.version}`);

class Gone extends Error {}

interface ListPage {
  metadata?: { continue?: unknown; resourceVersion?: unknown };
  items?: unknown;
}

/** Every object of a kind, page by page, with the list's resourceVersion. */
export async function listKind(
  conn: ClusterConnection,
  served: ServedKind,
  options: InformerOptions,
  counter: { requests: number },
): Promise<{ objects: JsonRecord[]; resourceVersion: string }> {
  const path = collectionPath(served, options.namespace);
  const objects: JsonRecord[] = [];
  let cont: string | undefined;
  for (;;) {
    const query = `?limit=${options.pageSize ?? 500}${cont !== undefined ? `&continue=${encodeURIComponent(cont)}` : ''}`;
    const res = await getWithRetry(conn, path + query, ACCEPT, options.retry, counter);
    if (res.status === 410 && cont !== undefined) {
      objects.length = 0;
      cont = undefined;
      continue;
    }
    if (res.status !== 200) throw new Error(`list ${path}: ${res.status}`);
    const page = JSON.parse(res.body) as ListPage;
    const items = Array.isArray(page.items) ? (page.items as JsonRecord[]) : [];
    // List items come without kind and apiVersion; a rule needs both
    for (const { kind: _k, apiVersion: _a, ...rest } of items)
      objects.push({ apiVersion: apiVersionOf(served), kind: served.kind, ...rest });
    const next = page.metadata?.continue;
    if (typeof next !== 'string' || next === '') {
      const rv = page.metadata?.resourceVersion;
      return { objects, resourceVersion: typeof rv === 'string' ? rv : '' };
    }
    cont = next;
  }
}

/** The events of one watch body (newline-delimited JSON); a 410 ERROR event throws Gone. */
function parseEvents(body: string): { changes: ObjectChange[]; lastVersion?: string } {
  const changes: ObjectChange[] = [];
  let lastVersion: string | undefined;
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as { type?: unknown; object?: JsonRecord };
    const object = event.object ?? {};
    const rv = (object.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion;
    if (event.type === 'ERROR') {
      if ((object as { code?: unknown }).code === 410) throw new Gone();
      throw new Error(`watch error: ${String((object as { message?: unknown }).message)}`);
    }
    if (typeof rv === 'string') lastVersion = rv;
    if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED')
      changes.push({ type: event.type, object });
    // BOOKMARK: only its resourceVersion matters
  }
  return { changes, ...(lastVersion !== undefined ? { lastVersion } : {}) };
}

export interface Informers {
  /** The kinds being watched. */
  readonly kinds: readonly ServedKind[];
  /** Requests sent so far. */
  readonly requests: () => number;
  /** Lists and watches of 410s since the start. */
  readonly relists: () => number;
  /** Ends every watch; resolves when the loops have stopped. */
  stop(): Promise<void>;
}

/**
 * Lists every kind (all lists done before this resolves: the first cycle sees the whole
 * cluster), then watches each until `stop()`. `watchConn` carries the long watch requests: its
 * connection needs a socket per kind.
 */
export async function startInformers(
  conn: ClusterConnection,
  watchConn: ClusterConnection,
  events: InformerEvents,
  options: InformerOptions = {},
): Promise<Informers> {
  const counter = { requests: 0 };
  let relists = 0;
  let stopped = false;
  const served = await discoverKinds(
    conn,
    READ_KINDS,
    options.retry ?? {},
    counter,
    options.concurrency ?? 6,
  );
  const kinds = READ_KINDS.flatMap((k) => served.get(`${k.group}/${k.kind}`) ?? []);
  const versions = new Map<ServedKind, string>();
  const listed = await mapBounded(kinds, options.concurrency ?? 6, (k) =>
    listKind(conn, k, options, counter),
  );
  kinds.forEach((k, i) => {
    versions.set(k, listed[i]!.resourceVersion);
    events.onList(k, listed[i]!.objects, false);
  });
  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
  const watchLoop = async (k: ServedKind): Promise<void> => {
    const path = collectionPath(k, options.namespace);
    const seconds = Math.max(1, Math.round(options.watchSeconds ?? 10));
    while (!stopped) {
      try {
        const query = `?watch=1&allowWatchBookmarks=true&timeoutSeconds=${seconds}&resourceVersion=${encodeURIComponent(versions.get(k) ?? '')}`;
        counter.requests++;
        const res = await watchConn.get(path + query, ACCEPT);
        if (stopped) return;
        if (res.status === 410) throw new Gone();
        if (res.status !== 200) throw new Error(`watch ${path}: ${res.status}`);
        const { changes, lastVersion } = parseEvents(res.body);
        if (lastVersion !== undefined) versions.set(k, lastVersion);
        if (changes.length > 0) events.onChanges(k, changes);
      } catch (e) {
        if (stopped) return;
        if (e instanceof Gone) {
          relists++;
          try {
            const again = await listKind(conn, k, options, counter);
            versions.set(k, again.resourceVersion);
            events.onList(k, again.objects, true);
          } catch (err) {
            events.onError(k, (err as Error).message);
            await wait(options.backoffMs ?? 1000);
          }
        } else {
          events.onError(k, (e as Error).message);
          await wait(options.backoffMs ?? 1000);
        }
      }
    }
  };
  const loops = options.watch === false ? [] : kinds.map((k) => watchLoop(k));
  return {
    kinds,
    requests: () => counter.requests,
    relists: () => relists,
    stop: async () => {
      stopped = true;
      watchConn.close();
      await Promise.allSettled(loops);
    },
  };
}
