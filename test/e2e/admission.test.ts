/**
 * The webhook end to end over real HTTPS on loopback: AdmissionReviews as the API server
 * sends them, answered by `startServer` (in process) and by `kubeward serve` (a child
 * process, for SIGTERM), with a throwaway CA and certificate made for the test.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admissionReview,
  DEPLOYMENT_KIND,
  DEPLOYMENTS,
  deployment,
  pod,
  POD_KIND,
  PODS,
  RESTRICTED_CONTAINER,
  type ReviewInput,
} from '../admissionReviews.js';
import { generateWebhookCertificates } from '../../src/admission/certificates.js';
import { AdmissionDecider, OBJECT_SCOPED_RULES } from '../../src/admission/decide.js';
import { AdmissionHandler } from '../../src/admission/handler.js';
import { namespacesFromText } from '../../src/admission/namespaceCache.js';
import { startServer, type RunningServer } from '../../src/admission/server.js';
import { DEFAULT_SERVER_CONFIG } from '../../src/admission/serverConfig.js';
import { DEFAULT_CONFIG } from '../../src/policy/config.js';
import { defineRule } from '../../src/policy/types.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-webhook-'));
const pki = generateWebhookCertificates({ dnsNames: ['localhost'] });
const certFile = join(dir, 'tls.crt');
const keyFile = join(dir, 'tls.key');
writeFileSync(certFile, pki.cert);
writeFileSync(keyFile, pki.key);

const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels: {kubeward.io/enforce: privileged, kubeward.io/warn: baseline}
---
apiVersion: v1
kind: Namespace
metadata:
  name: patched
  labels: {kubeward.io/mutate: "true", kubeward.io/enforce: restricted}
`;
const namespacesFile = join(dir, 'namespaces.yaml');
writeFileSync(namespacesFile, NAMESPACES);

const throwing = defineRule({
  ...OBJECT_SCOPED_RULES[0]!,
  id: 'explodes-on-debug',
  targets: ['workload'],
  check: (ctx) => {
    if (ctx.resource.labels.debug === 'explode') throw new Error('cannot read property of undefined');
    return [];
  },
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => {
    response: {
      uid: string;
      allowed: boolean;
      status?: { code: number; message: string };
      warnings?: string[];
      auditAnnotations?: Record<string, string>;
      patch?: string;
    };
    apiVersion: string;
  };
  certFingerprint: string;
}

/** The CAs clients trust: the first one, and the next one once the certificate rotates. */
let trust = pki.caCert;

function post(port: number, path: string, body: string | Buffer, agent?: Agent, ca = trust): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        ca,
        servername: 'localhost',
        agent: agent ?? false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const peer = (res.socket as TLSSocket).getPeerX509Certificate?.();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as ReturnType<Reply['json']>,
            certFingerprint: peer?.fingerprint256 ?? '',
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, ca: trust, servername: 'localhost', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    })
      .on('error', reject)
      .end();
  });
}

const json = (input: ReviewInput): string => JSON.stringify(admissionReview(input));
const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';
const podCreate = (o: Parameters<typeof pod>[0] = {}, extra: Partial<ReviewInput> = {}): ReviewInput => ({
  kind: POD_KIND,
  resource: PODS,
  name: o.name ?? 'web',
  namespace: o.namespace ?? 'shop',
  object: pod(o),
  ...extra,
});

let server: RunningServer;
const decisions = join(dir, 'decisions.log');

beforeAll(async () => {
  const namespaces = namespacesFromText(NAMESPACES, 'namespaces.yaml').cache;
  const handler = new AdmissionHandler(
    new AdmissionDecider({
      config: {
        ...DEFAULT_SERVER_CONFIG,
        exemptions: {
          namespaces: ['kube-system'],
          usernames: ['system:serviceaccount:ci:deployer'],
          runtimeClasses: [],
        },
        deadlineMs: 400,
        decisionLog: { path: decisions, maxBytes: 1 << 20, keep: 2, all: false },
      },
      policy: DEFAULT_CONFIG,
      namespaces,
      rules: [...OBJECT_SCOPED_RULES, throwing],
    }),
  );
  server = await startServer({
    certFile,
    keyFile,
    port: 0,
    host: '127.0.0.1',
    handler,
    namespaces,
    certCheckMs: 50,
  });
});
afterAll(async () => {
  await server.close();
});

describe('AdmissionReviews over HTTPS', () => {
  it('Pod CREATE: privileged is denied under the default enforce baseline:latest', async () => {
    const r = await post(
      server.port,
      '/validate',
      json(podCreate({ securityContext: { privileged: true } })),
    );
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.apiVersion).toBe('admission.k8s.io/v1');
    expect(body.response.uid).toBe(UID);
    expect(body.response.allowed).toBe(false);
    expect(body.response.status?.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
    expect(body.response.warnings).toBeUndefined();
  });

  it('Deployment CREATE: the pod template is enforced', async () => {
    const r = await post(
      server.port,
      '/validate',
      json({
        kind: DEPLOYMENT_KIND,
        resource: DEPLOYMENTS,
        name: 'web',
        namespace: 'shop',
        object: deployment({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }),
      }),
    );
    expect(r.json().response.status?.message).toBe(
      'deployments "web" is forbidden: violates PodSecurity "baseline:latest": non-default capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    );
  });

  it('UPDATE with oldObject: a relabel of a violating pod is allowed, an image change is evaluated', async () => {
    const old = pod({ securityContext: { privileged: true } });
    const relabelled = structuredClone(old);
    (relabelled.metadata as { labels: Record<string, string> }).labels.version = 'v2';
    const a = await post(
      server.port,
      '/validate',
      json({ ...podCreate(), operation: 'UPDATE', object: relabelled, oldObject: old }),
    );
    expect(a.json().response).toEqual({ uid: UID, allowed: true });
    const b = await post(
      server.port,
      '/validate',
      json({
        ...podCreate(),
        operation: 'UPDATE',
        object: pod({ securityContext: { privileged: true }, image: 'registry.example.com/shop/web:2' }),
        oldObject: old,
      }),
    );
    expect(b.json().response.allowed).toBe(false);
  });

  it('DELETE with a null object is allowed', async () => {
    const r = await post(
      server.port,
      '/validate',
      json({ ...podCreate(), operation: 'DELETE', object: null, oldObject: pod() }),
    );
    expect(r.json().response).toEqual({ uid: UID, allowed: true });
  });

  it('dry-run gets the same decision (and is logged as dry-run)', async () => {
    const r = await post(
      server.port,
      '/validate',
      json(
        podCreate(
          { name: 'dry', securityContext: { privileged: true } },
          { dryRun: true, uid: 'dry-run-uid' },
        ),
      ),
    );
    expect(r.json().response.allowed).toBe(false);
    await new Promise((res) => setTimeout(res, 300)); // the log flushes every 200 ms
    const lines = readFileSync(decisions, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { uid: string; dryRun: boolean; verdict: string; object: string; rules: string[] },
      );
    const line = lines.find((l) => l.uid === 'dry-run-uid');
    expect(line).toMatchObject({
      dryRun: true,
      verdict: 'deny',
      object: 'Pod shop/dry',
      rules: ['privileged'],
    });
  });

  it('the ephemeralcontainers subresource is evaluated; exec is not', async () => {
    const withDebug = pod();
    (withDebug.spec as { ephemeralContainers?: unknown[] }).ephemeralContainers = [
      { name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } },
    ];
    const r = await post(
      server.port,
      '/validate',
      json({
        ...podCreate(),
        subResource: 'ephemeralcontainers',
        operation: 'UPDATE',
        object: withDebug,
        oldObject: pod(),
      }),
    );
    expect(r.json().response.status?.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "debug" must not set securityContext.privileged=true)',
    );
    const exec = await post(
      server.port,
      '/validate',
      json({
        kind: { group: '', version: 'v1', kind: 'PodExecOptions' },
        resource: PODS,
        subResource: 'exec',
        name: 'web',
        namespace: 'shop',
        operation: 'CONNECT',
        object: { apiVersion: 'v1', kind: 'PodExecOptions', command: ['sh'] },
      }),
    );
    expect(exec.json().response).toEqual({ uid: UID, allowed: true });
  });

  it('exempt namespace and exempt user are allowed with the exempt annotation', async () => {
    const ns = await post(
      server.port,
      '/validate',
      json(podCreate({ namespace: 'kube-system', securityContext: { privileged: true } })),
    );
    expect(ns.json().response).toEqual({
      uid: UID,
      allowed: true,
      auditAnnotations: { exempt: 'namespace' },
    });
    const user = await post(
      server.port,
      '/validate',
      json(
        podCreate(
          { securityContext: { privileged: true } },
          { username: 'system:serviceaccount:ci:deployer' },
        ),
      ),
    );
    expect(user.json().response).toEqual({ uid: UID, allowed: true, auditAnnotations: { exempt: 'user' } });
  });

  it('a warn-only namespace allows and warns', async () => {
    const r = await post(
      server.port,
      '/validate',
      json(podCreate({ namespace: 'legacy', securityContext: { privileged: true } })),
    );
    const { response } = r.json();
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([
      'would violate PodSecurity "baseline:latest":',
      'privileged (container "app" must not set securityContext.privileged=true)',
    ]);
  });

  it('/mutate returns the decoded secure-defaults patch in an opted-in namespace', async () => {
    const r = await post(server.port, '/mutate', json(podCreate({ namespace: 'patched' })));
    const { response } = r.json();
    expect(JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString())).toEqual([
      { op: 'add', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } } },
      {
        op: 'add',
        path: '/spec/containers/0/securityContext',
        value: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ]);
  });
});

describe('faults', () => {
  it('malformed bodies get 400 with a message; the server keeps serving', async () => {
    const bad = await post(server.port, '/validate', '{"kind": "AdmissionReview", ');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/^malformed JSON: /);
    const notReview = await post(server.port, '/validate', JSON.stringify(pod()));
    expect(notReview.status).toBe(400);
    expect(JSON.parse(notReview.text).error).toBe(
      'not an AdmissionReview: kind must be AdmissionReview, not "Pod"',
    );
    expect((await post(server.port, '/validate', json(podCreate()))).status).toBe(200);
  });

  it('a 4 MiB body is refused with 413', async () => {
    const r = await post(server.port, '/validate', Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).error).toBe("request body larger than 3145728 bytes (the API server's limit)");
  });

  it('a slow client gets 408 at the deadline while other requests are answered', async () => {
    const body = json(podCreate());
    const slow = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/validate',
          method: 'POST',
          ca: pki.caCert,
          servername: 'localhost',
          agent: false,
          headers: { 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10)); // and never the rest
    });
    const fast = await post(server.port, '/validate', body);
    expect(fast.status).toBe(200);
    expect(await slow).toBe(408);
  });

  it('past maxInFlight requests are refused with 503 at once (bounded concurrency)', async () => {
    const namespaces = namespacesFromText(NAMESPACES, 'namespaces.yaml').cache;
    const handler = new AdmissionHandler(
      new AdmissionDecider({
        config: { ...DEFAULT_SERVER_CONFIG, maxInFlight: 1, deadlineMs: 1000 },
        policy: DEFAULT_CONFIG,
        namespaces,
      }),
    );
    const small = await startServer({ certFile, keyFile, port: 0, host: '127.0.0.1', handler, namespaces });
    const body = json(podCreate());
    const held = request({
      host: '127.0.0.1',
      port: small.port,
      path: '/validate',
      method: 'POST',
      ca: trust,
      servername: 'localhost',
      agent: false,
      headers: { 'content-length': Buffer.byteLength(body) },
    });
    const heldStatus = new Promise<number>((resolve) =>
      held.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }),
    );
    held.write(body.slice(0, 100));
    while (small.metrics.inFlight < 1) await new Promise((r) => setTimeout(r, 10));
    const refused = await post(small.port, '/validate', body);
    expect([refused.status, JSON.parse(refused.text)]).toEqual([
      503,
      { error: 'kubeward is answering 1 requests; try again' },
    ]);
    held.end(body.slice(100));
    expect(await heldStatus).toBe(200);
    expect((await post(small.port, '/validate', body)).status).toBe(200);
    await small.close();
  });

  it('a rule that throws is counted and skipped with a warning (failurePolicy Ignore); the server stays up', async () => {
    const exploding = pod({ securityContext: RESTRICTED_CONTAINER });
    (exploding.metadata as { labels: Record<string, string> }).labels.debug = 'explode';
    const r = await post(server.port, '/validate', json({ ...podCreate(), object: exploding }));
    const { response } = r.json();
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([
      'kubeward skipped rule explodes-on-debug: it failed (cannot read property of undefined)',
    ]);
    const metrics = await get(server.port, '/metrics');
    expect(metrics.text).toContain('kubeward_admission_rule_errors_total{rule="explodes-on-debug"} 1');
  });

  it('the certificate replaced on disk during requests: no request fails, new connections get the new certificate', async () => {
    const before = new X509Certificate(pki.cert).fingerprint256;
    const next = generateWebhookCertificates({ dnsNames: ['localhost'] });
    trust = pki.caCert + next.caCert; // clients trust the old and the new CA during the rotation
    const body = json(podCreate());
    let stop = false;
    const results: number[] = [];
    const prints = new Set<string>();
    const loop = async (): Promise<void> => {
      while (!stop) {
        const r = await post(server.port, '/validate', body);
        results.push(r.status);
        prints.add(r.certFingerprint);
      }
    };
    const loops = [loop(), loop(), loop()];
    await new Promise((res) => setTimeout(res, 100));
    // as a Secret volume does it: new files beside, then renamed over (key first: a window with a mismatched pair)
    writeFileSync(`${keyFile}.new`, next.key);
    writeFileSync(`${certFile}.new`, next.cert);
    renameSync(`${keyFile}.new`, keyFile);
    await new Promise((res) => setTimeout(res, 120));
    renameSync(`${certFile}.new`, certFile);
    const after = new X509Certificate(next.cert).fingerprint256;
    const deadline = Date.now() + 5000;
    while (!prints.has(after) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 100));
    stop = true;
    await Promise.all(loops);
    expect(results.every((s) => s === 200)).toBe(true);
    expect(results.length).toBeGreaterThan(10);
    expect([...prints].sort()).toEqual([before, after].sort());
    expect(server.metrics.certificateExpiry).toBe(
      Math.floor(Date.parse(new X509Certificate(next.cert).validTo) / 1000),
    );
  });

  it('/healthz, /readyz and /metrics answer, with requests counted by decision and a latency histogram', async () => {
    expect(await get(server.port, '/healthz')).toEqual({ status: 200, text: 'ok\n' });
    expect(await get(server.port, '/readyz')).toEqual({ status: 200, text: 'ok\n' });
    const m = (await get(server.port, '/metrics')).text;
    expect(m).toMatch(/^kubeward_admission_requests_total\{endpoint="validate",decision="deny"\} \d+$/m);
    expect(m).toMatch(
      /^kubeward_admission_request_duration_seconds_bucket\{endpoint="validate",le="\+Inf"\} \d+$/m,
    );
    expect(m).toContain('kubeward_admission_rejected_total{reason="body_too_large"} 1');
    expect(m).toMatch(/^kubeward_tls_certificate_expiry_timestamp_seconds \d{10}$/m);
  });
});

describe('kubeward serve: SIGTERM under load', () => {
  it('answers every request in flight, then flushes the decision log and exits 0', async () => {
    const log = join(dir, 'serve-decisions.log');
    const config = join(dir, 'server.yaml');
    writeFileSync(config, `decisionLog:\n  path: ${log}\n  all: true\n`);
    const child = spawn(
      process.execPath,
      [
        'dist/cli/main.js',
        'serve',
        '--cert',
        certFile,
        '--key',
        keyFile,
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--config',
        config,
        '--namespaces',
        namespacesFile,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const deadline = Date.now() + 20_000;
    while (!/listening on https:\/\/127\.0\.0\.1:(\d+)/.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const port = Number(/listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]);
    const n = 60;
    const bodies = Array.from({ length: n }, (_, i) =>
      json(podCreate({ name: `p${i}` }, { uid: `uid-${i}` })),
    );
    const pending: { rest: () => void }[] = [];
    // every request sends half its body, the server receives SIGTERM, then the other halves follow
    const replies = bodies.map(
      (body) =>
        new Promise<{ status: number; uid: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/validate',
              method: 'POST',
              ca: trust,
              servername: 'localhost',
              agent: false,
              headers: { 'content-length': Buffer.byteLength(body) },
            },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString()));
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  uid: (JSON.parse(text) as { response: { uid: string } }).response.uid,
                }),
              );
            },
          );
          req.on('error', reject);
          req.on('socket', (s) => s.once('secureConnect', () => req.write(body.slice(0, 200))));
          (req as unknown as { rest: () => void }).rest = () => req.end(body.slice(200));
          pending.push(req as unknown as { rest: () => void });
        }),
    );
    while (Date.now() < deadline) {
      const m = (await get(port, '/metrics')).text;
      if (new RegExp(`^kubeward_admission_in_flight ${n}$`, 'm').test(m)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    for (const p of pending) p.rest();
    const answered = await Promise.all(replies);
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(answered.map((a) => a.status)).toEqual(new Array<number>(n).fill(200));
    expect(answered.map((a) => a.uid)).toEqual(bodies.map((_, i) => `uid-${i}`));
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(n);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { uid: string }).uid))).toEqual(
      new Set(bodies.map((_, i) => `uid-${i}`)),
    );
    expect(stderr).toContain('SIGTERM: draining');
    expect(stderr).toContain(`draining ${n} requests in flight`);
  });
});
