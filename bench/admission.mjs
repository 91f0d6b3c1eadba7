// Benchmark of the admission webhook (`npm run bench:admission`): kubeward serve in its own
// process, driven over HTTPS on loopback by autocannon with a realistic Pod CREATE review, at
// fixed rates and at saturation, beside a bare node:https server that parses the same body
// and answers allow (the floor). Prints p50/p99 per rate, the saturation throughput as a
// ratio of the floor's, and the server's RSS before and after a soak.
// Env: BENCH_SECONDS (per run, default 10), BENCH_SOAK_SECONDS (default 300), BENCH_SOAK_RATE (default 1000).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateWebhookCertificates } from '../dist/admission/certificates.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const soakRate = Number(process.env.BENCH_SOAK_RATE ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'kubeward-bench-'));
const pki = generateWebhookCertificates({ dnsNames: ['localhost'] });
writeFileSync(join(dir, 'tls.crt'), pki.cert);
writeFileSync(join(dir, 'tls.key'), pki.key);

// A Pod CREATE as the API server sends it: 5 containers, managedFields, the projected token volume.
const container = (i) => ({
  name: `c${i}`,
  image: `registry.example.com/shop/service-${i}:1.${i}.0`,
  ports: [{ containerPort: 8080 + i, protocol: 'TCP' }],
  env: [
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'PORT', value: String(8080 + i) },
  ],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true },
  volumeMounts: [
    { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
  ],
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  imagePullPolicy: 'IfNotPresent',
});
const review = {
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    requestKind: { group: '', version: 'v1', kind: 'Pod' },
    requestResource: { group: '', version: 'v1', resource: 'pods' },
    name: 'web-7d4b9c',
    namespace: 'shop',
    operation: 'CREATE',
    userInfo: {
      username: 'system:serviceaccount:kube-system:replicaset-controller',
      uid: 'a1b2',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-7d4b9c',
        generateName: 'web-7d4b9c-',
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': '7d4b9c' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'web-7d4b9c',
            uid: 'f00',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        managedFields: [
          {
            manager: 'kube-controller-manager',
            operation: 'Update',
            apiVersion: 'v1',
            time: '2026-12-03T12:00:00Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
          },
        ],
      },
      spec: {
        containers: [0, 1, 2, 3, 4].map(container),
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        serviceAccountName: 'web',
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        volumes: [
          {
            name: 'kube-api-access',
            projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] },
          },
        ],
      },
    },
    oldObject: null,
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  },
};
const body = JSON.stringify(review);

const FLOOR = `
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
const s = createServer({ cert: readFileSync(process.argv[1]), key: readFileSync(process.argv[2]), minVersion: 'TLSv1.2' }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const r = JSON.parse(Buffer.concat(chunks).toString());
    const out = JSON.stringify({ apiVersion: r.apiVersion, kind: 'AdmissionReview', response: { uid: r.request.uid, allowed: true } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
s.listen(0, '127.0.0.1', () => process.stderr.write('listening on https://127.0.0.1:' + s.address().port + '\\n'));
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

function start(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
      const m = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

function run(port, { rate, connections }) {
  return autocannon({
    url: `https://127.0.0.1:${port}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    tlsOptions: { rejectUnauthorized: false },
  });
}

const rss = (pid) =>
  Math.round(
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024,
  );

const kubeward = await start([
  'dist/cli/main.js',
  'serve',
  '--cert',
  join(dir, 'tls.crt'),
  '--key',
  join(dir, 'tls.key'),
  '--port',
  '0',
  '--host',
  '127.0.0.1',
]);
const floor = await start(['--input-type=module', '-e', FLOOR, join(dir, 'tls.crt'), join(dir, 'tls.key')]);
console.log(`body ${Buffer.byteLength(body)} bytes; ${seconds} s per run; node ${process.version}`);
await run(kubeward.port, { connections: 10 }); // warm-up (JIT, TLS sessions)
await run(floor.port, { connections: 10 });

const rows = [];
for (const rate of [100, 500, 1000, 2000]) {
  for (const [name, server] of [
    ['kubeward', kubeward],
    ['floor', floor],
  ]) {
    const r = await run(server.port, { rate, connections: 10 });
    rows.push({
      server: name,
      load: `${rate}/s`,
      'req/s': Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.non2xx,
    });
  }
}
const sat = {};
for (const [name, server] of [
  ['kubeward', kubeward],
  ['floor', floor],
]) {
  const r = await run(server.port, { connections: 50 });
  sat[name] = r.requests.average;
  rows.push({
    server: name,
    load: 'saturation (50 conn)',
    'req/s': Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  });
}
console.table(rows);
console.log(
  `saturation throughput: kubeward ${Math.round(sat.kubeward)} req/s = ${((100 * sat.kubeward) / sat.floor).toFixed(1)}% of the floor (${Math.round(sat.floor)} req/s)`,
);

if (soakSeconds > 0) {
  const before = rss(kubeward.child.pid);
  const r = await autocannon({
    url: `https://127.0.0.1:${kubeward.port}/validate`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: 10,
    duration: soakSeconds,
    overallRate: soakRate,
    tlsOptions: { rejectUnauthorized: false },
  });
  const after = rss(kubeward.child.pid);
  console.log(
    `soak ${soakSeconds} s at ${soakRate}/s: ${r.requests.total} requests, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}; kubeward RSS ${before} MiB before, ${after} MiB after`,
  );
}
kubeward.child.kill('SIGTERM');
floor.child.kill('SIGTERM');
