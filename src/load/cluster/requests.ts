/**
 * How the reader talks to the API server: retries with exponential backoff on 429 and 5xx
 * (honouring Retry-After, as client-go does: k8s.io/client-go/rest/request.go `checkWait`), and
 * a bounded number of requests in flight (API Priority and Fairness queues a client that sends
 * too many at once, and a scan must not crowd out the cluster's own controllers).
 */
import type { ClusterConnection, RawResponse } from './connection.js';

/** Statuses worth another try: throttled, or the server (or a proxy before it) failing for now. */
const RETRIED = new Set([429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** Tries after the first. @default 5 */
  readonly retries?: number;
  /** First backoff; doubled each try, with jitter. @default 250 */
  readonly baseDelayMs?: number;
  /** Longest wait, Retry-After included. @default 30000 */
  readonly maxDelayMs?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The wait before try `attempt` (0-based): Retry-After when the server sent one, else backoff with jitter. */
export function retryDelay(
  attempt: number,
  retryAfter: string | undefined,
  policy: RetryPolicy = {},
): number {
  const max = policy.maxDelayMs ?? 30_000;
  const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max);
  const base = (policy.baseDelayMs ?? 250) * 2 ** attempt;
  return Math.min(base * (0.5 + Math.random() / 2), max);
}

/** GET with retries; the last answer when retries run out; rejects only when the network failed on every try. */
export async function getWithRetry(
  conn: ClusterConnection,
  path: string,
  accept: string,
  policy: RetryPolicy = {},
  counter?: { requests: number },
): Promise<RawResponse> {
  const retries = policy.retries ?? 5;
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    let res: RawResponse | undefined;
    let failure: unknown;
    if (counter) counter.requests++;
    try {
      res = await conn.get(path, accept);
    } catch (e) {
      failure = e;
    }
    if (res !== undefined && !RETRIED.has(res.status)) return res;
    if (attempt >= retries) {
      if (res !== undefined) return res;
      throw failure instanceof Error ? failure : new Error(String(failure));
    }
    const after = res?.headers['retry-after'];
    await sleep(retryDelay(attempt, typeof after === 'string' ? after : undefined, policy));
  }
}

/** `fn` over `items` with at most `limit` running at once; results in the order of `items`. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
