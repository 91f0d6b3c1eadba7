#!/usr/bin/env node
/**
 * Benchmark of `kubeward scan --cluster` (issue 17): the fixture API server (test/apiServer/,
 * compiled here on the fly with TypeScript's transpiler) serving a cluster of 50,000 objects,
 * 20,000 of them pods, in a process of its own; then, three rounds, alternating:
 *
 * - floor: download and JSON.parse the same List responses the reader asks for (same paths,
 *   `limit=500` pages followed by `continue`, six lists at a time over one keep-alive HTTPS
 *   agent), keeping nothing — the least any reader can cost;
 * - read: `readCluster()` alone in a fresh process (discovery, pages, kind/apiVersion restored),
 *   wall time of the process and the call itself (client-node's import timed apart);
 * - scan: `kubeward scan --cluster -f json -o /dev/null` in a fresh process, everything
 *   included (start-up, read, every rule, the report), its peak RSS from /usr/bin/time.
 *
 * Prints medians, ratios to the floor and requests made. Run after `npm run build`:
 *   node bench/cluster.mjs            (BENCH_PODS, BENCH_OBJECTS, BENCH_ROUNDS to change the size)
 * Targets: scan ≤ 1.5 × floor, peak < 1 GiB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PODS = Number(process.env.BENCH_PODS ?? 20_000);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'kubeward-bench-cluster-'));
if (process.env.BENCH_KEEP) process.stderr.write(`work: ${work}\n`);

/** The fixture server as JavaScript: each module transpiled, its one import of src/ pointed at dist/. */
function compileFixture() {
  for (const name of ['fixtureApiServer', 'discovery', 'kubeconfig']) {
    const source = readFileSync(join(root, 'test/apiServer', `${name}.ts`), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const certificates = pathToFileURL(join(root, 'dist/admission/certificates.js')).href;
    writeFileSync(join(work, `${name}.js`), js.replace('../../src/admission/certificates.js', certificates));
  }
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
}

/** The server process: builds the cluster, serves it, answers `stats` on stdin with the request log since the last call. */
const SERVER = `
import { startFixtureApiServer } from './fixtureApiServer.js';
import { createInterface } from 'node:readline';
const [pods, total, dir] = process.argv.slice(2).map((a, i) => (i < 2 ? Number(a) : a));
const NS = Math.max(1, Math.round(pods / 100));
const objects = [];
const podSpec = (sa, i) => ({
  serviceAccountName: sa, serviceAccount: sa, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, nodeName: 'node-' + (i % 200),
  securityContext: { runAsNonRoot: i % 3 === 0 },
  containers: [{ name: 'app', image: 'registry.example.com/team/app-' + (i % 50) + ':1.' + (i % 9),
    imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: i % 2 ? { memory: '256Mi' } : {} },
    securityContext: i % 4 === 0 ? { privileged: true } : { allowPrivilegeEscalation: false },
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
  volumes: [{ name: 'config', configMap: { name: 'cm-' + (i % 30), defaultMode: 420 } }],
});
const add = (o) => objects.push(o);
for (let n = 0; n < NS; n++) {
  const ns = 'team-' + n;
  add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, team: 't' + (n % 20) } } });
  for (let d = 0; d < 20; d++) {
    const app = 'app-' + d, labels = { app };
    add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns, labels },
      spec: { replicas: 5, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec('sa-' + (d % 10), d) } } });
    for (let r = 0; r < 2; r++) {
      const rs = app + '-' + r + 'abc', rsLabels = { app, 'pod-template-hash': r + 'abc' };
      add({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rs, namespace: ns, labels: rsLabels,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: 'u', controller: true }] },
        spec: { replicas: r, selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels }, spec: podSpec('sa-' + (d % 10), d) } } });
    }
    add({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns },
      spec: { type: d === 0 ? 'LoadBalancer' : 'ClusterIP', selector: labels, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] } });
  }
  for (let p = 0; p < 100; p++) {
    const app = 'app-' + (p % 20), rs = app + '-1abc';
    add({ apiVersion: 'v1', kind: 'Pod', metadata: { name: rs + '-' + p.toString(36).padStart(5, 'x'), namespace: ns,
      labels: { app, 'pod-template-hash': '1abc' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: 'u', controller: true }] },
      spec: podSpec('sa-' + (p % 10), p), status: { phase: 'Running', podIP: '10.0.' + n + '.' + p } });
  }
  for (let c = 0; c < 30; c++) add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-' + c, namespace: ns }, data: { 'app.properties': 'level=info\\nport=8080\\n' } });
  for (let s = 0; s < 10; s++) add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa-' + s, namespace: ns } });
  for (let r = 0; r < 5; r++) {
    add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'role-' + r, namespace: ns },
      rules: [{ apiGroups: [''], resources: r === 0 ? ['secrets'] : ['pods', 'configmaps'], verbs: ['get', 'list'] }] });
    add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb-' + r, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'role-' + r }, subjects: [{ kind: 'ServiceAccount', name: 'sa-' + r, namespace: ns }] });
    add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np-' + r, namespace: ns },
      spec: { podSelector: { matchLabels: { app: 'app-' + r } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'app-' + (r + 1) } } }] }] } });
  }
  for (let g = 0; g < 2; g++) add({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'ing-' + g, namespace: ns },
    spec: { rules: [{ host: ns + '-' + g + '.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'app-' + g, port: { number: 80 } } } }] } }] } });
}
for (let i = 0; i < 200; i++) add({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-' + i, labels: { 'kubernetes.io/hostname': 'node-' + i } }, spec: { podCIDR: '10.244.' + i + '.0/24' } });
for (let i = 0; objects.length < total; i++) {
  if (i % 2 === 0) add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr-' + i },
    rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }] });
  else add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'crb-' + i },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr-' + (i - 1) }, subjects: [{ kind: 'Group', name: 'g-' + i, apiGroup: 'rbac.authorization.k8s.io' }] });
}
const server = await startFixtureApiServer({ objects });
const kubeconfig = await server.writeKubeconfig(dir, { exec: false });
let seen = 0;
const counts = {};
for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
process.stdout.write(JSON.stringify({ kubeconfig, url: server.url, ca: server.caCert, token: server.token, objects: objects.length, counts }) + '\\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'stats') break;
  const log = server.requests.slice(seen);
  seen = server.requests.length;
  process.stdout.write(JSON.stringify(log.map((r) => ({ verb: r.verb, path: r.path, query: r.query }))) + '\\n');
}
await server.close();
`;

function startServer() {
  writeFileSync(join(work, 'serve.mjs'), SERVER);
  const child = spawn(process.execPath, [join(work, 'serve.mjs'), String(PODS), String(OBJECTS), work], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value);
  return {
    child,
    ready: next(),
    async stats() {
      child.stdin.write('stats\n');
      return next();
    },
  };
}

function run(args) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const c = spawn('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
      cwd: root,
      env: { ...process.env, KUBEWARD_NO_RESPAWN: '1', HOME: work },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('error', fail);
    c.on('close', (code) => {
      const ms = performance.now() - t0;
      const lines = err.trim().split('\n');
      const kib = Number(lines.pop());
      if (code !== 0) fail(new Error(`${args.join(' ')} exited ${code}: ${lines.join('\n')}`));
      else done({ ms, peakMiB: kib / 1024, out });
    });
  });
}

/** The floor: every List the reader sent (first pages), then each `continue`, six at a time; JSON.parse and drop. */
async function floor(server, lists) {
  const agent = new Agent({ keepAlive: true, maxSockets: 6, ca: server.ca });
  const get = (path) =>
    new Promise((done, fail) => {
      const req = request(
        `${server.url}${path}`,
        { agent, headers: { authorization: `Bearer ${server.token}`, accept: 'application/json' } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end();
    });
  const t0 = performance.now();
  let requests = 0;
  let items = 0;
  let next = 0;
  const worker = async () => {
    while (next < lists.length) {
      const path = lists[next++];
      let cont;
      do {
        const body = JSON.parse(await get(`${path}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`));
        requests++;
        items += body.items.length;
        cont = body.metadata.continue;
      } while (cont);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  agent.destroy();
  return { ms: performance.now() - t0, requests, items };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

compileFixture();
const server = startServer();
try {
  const info = await server.ready;
  const kubeconfig = info.kubeconfig;
  const readScript = `const t0 = performance.now();
await import('@kubernetes/client-node');
const t1 = performance.now();
const { readCluster } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/load/cluster/read.js')).href)});
const r = await readCluster({ kubeconfig: ${JSON.stringify(kubeconfig)} });
process.stdout.write(JSON.stringify({ objects: r.objects.length, requests: r.requests, importMs: t1 - t0, readMs: performance.now() - t1 }));`;
  const rounds = { floor: [], read: [], readInProcess: [], clientImport: [], scan: [], scanPeak: [], readPeak: [] };
  let requests;
  let lists;
  let scanned;
  for (let i = 0; i < ROUNDS; i++) {
    const read = await run(['--input-type=module', '-e', readScript]);
    const readLog = await server.stats();
    lists ??= readLog.filter((r) => r.verb === 'list' && r.query.continue === undefined).map((r) => r.path);
    const scan = await run([
      'dist/cli/main.js',
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
      '-o',
      join(work, 'report.json'),
      '--fail-on',
      'never',
      '-q',
    ]);
    const scanLog = await server.stats();
    requests = { read: JSON.parse(read.out).requests, scan: scanLog.length, lists: readLog.filter((r) => r.verb === 'list').length };
    scanned = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
    const f = await floor(info, lists);
    await server.stats();
    rounds.floor.push(f.ms);
    rounds.read.push(read.ms);
    rounds.readInProcess.push(JSON.parse(read.out).readMs);
    rounds.clientImport.push(JSON.parse(read.out).importMs);
    rounds.readPeak.push(read.peakMiB);
    rounds.scan.push(scan.ms);
    rounds.scanPeak.push(scan.peakMiB);
    requests.floor = f.requests;
    if (f.items !== info.objects) throw new Error(`floor read ${f.items} items of ${info.objects}`);
  }
  const m = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, Math.round(median(v))]));
  const figures = {
    objects: info.objects,
    pods: info.counts.Pod,
    findings: scanned.findings.length,
    rounds: ROUNDS,
    loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
    floorMs: m.floor,
    readMs: m.read,
    readInProcessMs: m.readInProcess,
    clientImportMs: m.clientImport,
    readInProcessOverFloor: Math.round((m.readInProcess / m.floor) * 100) / 100,
    scanMs: m.scan,
    readOverFloor: Math.round((m.read / m.floor) * 100) / 100,
    scanOverFloor: Math.round((m.scan / m.floor) * 100) / 100,
    readPeakMiB: m.readPeak,
    scanPeakMiB: m.scanPeak,
    requests,
    all: rounds,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.stderr.write(
    `cluster of ${figures.objects} objects (${figures.pods} pods), medians of ${ROUNDS} (load ${figures.loadavg.join(' ')}):\n` +
      `  floor (download + JSON.parse, same pages) ${m.floor} ms, ${requests.floor} requests\n` +
      `  read  (readCluster, fresh process)         ${m.read} ms = ${figures.readOverFloor} x floor, ${requests.read} requests, peak ${m.readPeak} MiB\n` +
      `        of which readCluster() itself         ${m.readInProcess} ms = ${figures.readInProcessOverFloor} x floor (client-node import ${m.clientImport} ms)\n` +
      `  scan  (kubeward scan --cluster -f json)    ${m.scan} ms = ${figures.scanOverFloor} x floor, ${requests.scan} requests, peak ${m.scanPeak} MiB, ${figures.findings} findings\n`,
  );
} finally {
  server.child.stdin.end();
  await new Promise((r) => server.child.on('close', r));
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}
