/**
 * `kubeward serve`'s HTTPS server (node:https and a router of a few lines, as
 * stack.md recommends): `/validate` and `/mutate` answer AdmissionReviews through the
 * AdmissionHandler, `/healthz`, `/readyz` and `/metrics` serve the kubelet and Prometheus.
 * What keeps it from becoming the outage (admission.md §4):
 * - TLS 1.2+, the certificate and key re-read when they change on disk and swapped in with
 *   `setSecureContext` (new handshakes get the new pair, open connections are untouched);
 *   a half-written pair is ignored until both files match.
 * - Bodies over 3 MiB (the API server's own limit) are refused with 413 before they are
 *   buffered; a body not received within the deadline gets 408; more than `maxInFlight`
 *   requests at once get 503 (the webhook's failurePolicy then decides, in the API server).
 * - `close()` drains: stop accepting, answer every request in flight (`Connection: close`),
 *   close idle keep-alive connections, flush the decision log.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { DecisionLog } from './decisionLog.js';
import { objectRef } from './decide.js';
import { errorAnswer, type AdmissionHandler, type Endpoint, type HttpAnswer } from './handler.js';
import { AdmissionMetrics, type MetricDecision, type Rejection } from './metrics.js';
import type { NamespaceCache } from './namespaceCache.js';

/** The API server's request body limit (3 MiB); an AdmissionReview is never larger. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ServeOptions {
  readonly certFile: string;
  readonly keyFile: string;
  /** @default 8443; 0 picks a free port */
  readonly port?: number;
  /** @default "0.0.0.0" */
  readonly host?: string;
  readonly handler: AdmissionHandler;
  readonly namespaces: NamespaceCache;
  /** How often the certificate files are checked for changes. @default 2000 */
  readonly certCheckMs?: number;
  /** How long `close()` waits for requests in flight. @default 10000 */
  readonly drainTimeoutMs?: number;
  /** Operational messages (start, reloads, drain); the CLI writes them to stderr. */
  readonly log?: (message: string) => void;
}

export interface RunningServer {
  readonly port: number;
  readonly metrics: AdmissionMetrics;
  readonly server: Server;
  /** Graceful shutdown: resolves once every request in flight is answered and the log is flushed. */
  close(): Promise<void>;
}

const ENDPOINTS: Readonly<Record<string, Endpoint>> = { '/validate': 'validate', '/mutate': 'mutate' };

function expiryOf(cert: Buffer): number {
  return Math.floor(Date.parse(new X509Certificate(cert).validTo) / 1000);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { handler, namespaces } = options;
  const config = handler.decider.config;
  const log = options.log ?? (() => {});
  const metrics = new AdmissionMetrics();
  const decisionLog = config.decisionLog !== undefined ? new DecisionLog(config.decisionLog) : undefined;
  let cert = readFileSync(options.certFile);
  let key = readFileSync(options.keyFile);
  metrics.certificateExpiry = expiryOf(cert);
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const server = createServer({ cert, key, minVersion: 'TLSv1.2' });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('tlsClientError', () => {}); // a failed handshake is the client's problem, not a crash

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json'): void => {
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      ...(draining ? { connection: 'close' } : {}),
    });
    res.end(body);
  };

  const reject = (res: ServerResponse, status: number, reason: Rejection, message: string): void => {
    metrics.rejected(reason);
    const answer = errorAnswer(status, message);
    send(res, answer.status, answer.body);
  };

  const finished = (): void => {
    inFlight--;
    metrics.inFlight = inFlight;
    if (inFlight === 0) drained?.();
  };

  const record = (endpoint: Endpoint, answer: HttpAnswer, startedAt: number): void => {
    const seconds = (performance.now() - startedAt) / 1000;
    const d = answer.decision;
    const decision: MetricDecision = d === undefined ? 'error' : d.verdict;
    metrics.request(endpoint, decision, seconds);
    for (const id of d?.ruleErrors ?? []) metrics.ruleError(id);
    const req = answer.request;
    if (decisionLog === undefined || req === undefined || d === undefined) return;
    if (!decisionLog.wants(d.verdict, d.failureMode !== undefined)) return;
    decisionLog.write({
      time: new Date().toISOString(),
      uid: req.uid,
      user: req.username,
      operation: req.operation,
      object: objectRef(req),
      resource: `${req.resource.group !== '' ? `${req.resource.group}/` : ''}${req.resource.version}/${req.resource.resource}${req.subResource !== '' ? `/${req.subResource}` : ''}`,
      endpoint,
      verdict: d.verdict,
      rules: d.rules,
      dryRun: req.dryRun,
      durationMs: Math.round(seconds * 1e6) / 1000,
      ...(d.failureMode !== undefined ? { failureMode: d.failureMode } : {}),
      ...(d.response.status !== undefined ? { message: d.response.status.message } : {}),
    });
  };

  const review = (endpoint: Endpoint, req: IncomingMessage, res: ServerResponse, startedAt: number): void => {
    if (inFlight >= config.maxInFlight) {
      req.resume();
      reject(res, 503, 'overloaded', `kubeward is answering ${inFlight} requests; try again`);
      return;
    }
    inFlight++;
    metrics.inFlight = inFlight;
    let done = false;
    // A body not received within the deadline: answered 408 and the connection closed.
    const timer = setTimeout(() => {
      if (done) return;
      res.setHeader('connection', 'close');
      reject(res, 408, 'body_timeout', `request body not received within ${config.deadlineMs} ms`);
      res.on('finish', () => req.destroy());
      end();
    }, config.deadlineMs);
    const end = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      finished();
    };
    res.on('close', end);
    const declared = Number(req.headers['content-length'] ?? '0');
    const tooLarge = (): void => {
      req.resume(); // read and discard the rest, so the client sees the answer rather than a reset
      reject(
        res,
        413,
        'body_too_large',
        `request body larger than ${MAX_BODY_BYTES} bytes (the API server's limit)`,
      );
      end();
    };
    if (declared > MAX_BODY_BYTES) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', end);
    req.on('end', () => {
      if (done) return;
      const answer = handler.handle(endpoint, Buffer.concat(chunks).toString('utf8'), startedAt);
      if (answer.status !== 200) metrics.rejected('bad_request');
      record(endpoint, answer, startedAt);
      send(res, answer.status, answer.body);
      end();
    });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    const path = (req.url ?? '/').split('?')[0]!;
    const endpoint = ENDPOINTS[path];
    if (endpoint !== undefined) {
      if (req.method !== 'POST') {
        req.resume();
        send(res, 405, JSON.stringify({ error: `${path} takes POST` }));
        return;
      }
      review(endpoint, req, res, startedAt);
      return;
    }
    req.resume();
    if (path === '/healthz') send(res, 200, 'ok\n', 'text/plain');
    else if (path === '/readyz')
      send(
        res,
        !draining && namespaces.ready() ? 200 : 503,
        draining ? 'draining\n' : namespaces.ready() ? 'ok\n' : 'namespace cache not synced\n',
        'text/plain',
      );
    else if (path === '/metrics') send(res, 200, metrics.render(), 'text/plain; version=0.0.4');
    else
      reject(
        res,
        404,
        'not_found',
        `no such endpoint ${path} (try /validate, /mutate, /healthz, /readyz, /metrics)`,
      );
  });

  // Certificate rotation: both files re-read on a change of either; swapped in only when they form a pair.
  const reload = (): void => {
    try {
      const nextCert = readFileSync(options.certFile);
      const nextKey = readFileSync(options.keyFile);
      if (nextCert.equals(cert) && nextKey.equals(key)) return;
      createSecureContext({ cert: nextCert, key: nextKey }); // throws on a mismatched or partial pair
      server.setSecureContext({ cert: nextCert, key: nextKey, minVersion: 'TLSv1.2' });
      cert = nextCert;
      key = nextKey;
      metrics.certificateExpiry = expiryOf(cert);
      metrics.certificateReload(true);
      log(
        `reloaded the serving certificate (expires ${new Date(metrics.certificateExpiry * 1000).toISOString()})`,
      );
    } catch (e) {
      metrics.certificateReload(false);
      log(
        `certificate files changed but do not form a pair yet (${e instanceof Error ? e.message : String(e)}); keeping the current one`,
      );
    }
  };
  const interval = options.certCheckMs ?? 2000;
  watchFile(options.certFile, { interval, persistent: false }, reload);
  watchFile(options.keyFile, { interval, persistent: false }, reload);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8443, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log(
    `listening on https://${options.host ?? '0.0.0.0'}:${port} (validate, mutate, healthz, readyz, metrics)`,
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      draining = true;
      unwatchFile(options.certFile, reload);
      unwatchFile(options.keyFile, reload);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        log(`draining ${inFlight} requests in flight`);
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, options.drainTimeoutMs ?? 10_000).unref()),
        ]);
      }
      server.closeIdleConnections();
      // Connections still open past the drain timeout are cut: a request on them waited too long anyway.
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      cut.unref();
      await closed;
      clearTimeout(cut);
      namespaces.close();
      decisionLog?.close();
      log('stopped');
    })());
  return { port, metrics, server, close };
}
