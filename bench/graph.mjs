#!/usr/bin/env node
/**
 * Benchmark of the attack graph (issue 13): generated clusters of 1,000 / 10,000 / 30,000
 * workloads (25 per namespace; one ServiceAccount per 5 workloads, 2 bindings per workload —
 * 2,000 ServiceAccounts and 20,000 bindings at 10,000; NetworkPolicies in every namespace:
 * default-deny ingress, the web tier open to all on 8080, api from web, db from api), timed as
 * graph build + full exposure (attack surface, assume-breach over every workload, critical
 * paths, choke points). Each size runs in its own process, so peak RSS is that size's alone.
 * The floor, measured in the same process and run, is building the cluster model of the same
 * objects (what every analysis pays first). Medians of --runs (default 3).
 *
 *   npm run bench:graph [-- --sizes 1000,10000 --runs 3]
 *
 * Target (issue 13): under 10 s and 2 GiB at 10,000 workloads.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same cluster. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['web', 'api', 'db'];
const RBAC = 'rbac.authorization.k8s.io';

function generate(workloads) {
  const rnd = random(13);
  const pick = (n) => Math.floor(rnd() * n);
  const objects = [];
  const perNs = 25;
  const namespaces = Math.ceil(workloads / perNs);
  const sasPerNs = 5;
  const rules = [
    [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
    [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
    [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'patch'] }],
    [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'], resourceNames: ['settings'] }],
  ];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { team: `t${n % 20}` } },
    });
    for (let s = 0; s < sasPerNs; s++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: `sa-${s}`, namespace: ns },
        ...(s === 0 ? { automountServiceAccountToken: false } : {}),
      });
    }
    rules.forEach((r, i) =>
      objects.push({
        apiVersion: `${RBAC}/v1`,
        kind: 'Role',
        metadata: { name: `role-${i}`, namespace: ns },
        rules: r,
      }),
    );
    const count = Math.min(perNs, workloads - n * perNs);
    for (let b = 0; b < count * 2; b++) {
      const cluster = b === 0 && n % 50 === 0; // a few ClusterRoleBindings to edit and view
      const subject = { kind: 'ServiceAccount', name: `sa-${pick(sasPerNs)}`, namespace: ns };
      objects.push({
        apiVersion: `${RBAC}/v1`,
        kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
        metadata: { name: cluster ? `crb-${n}` : `rb-${b}`, ...(cluster ? {} : { namespace: ns }) },
        subjects: [subject],
        roleRef: cluster
          ? { apiGroup: RBAC, kind: 'ClusterRole', name: n % 100 === 0 ? 'edit' : 'view' }
          : { apiGroup: RBAC, kind: 'Role', name: `role-${pick(rules.length)}` },
      });
    }
    for (let w = 0; w < count; w++) {
      const tier = TIERS[w % 3];
      const i = n * perNs + w;
      const container = { name: 'app', image: `app:${i % 7}`, ports: [{ containerPort: 8080 }] };
      if (i % 100 === 7) container.securityContext = { privileged: true };
      if (i % 2 === 0)
        container.env = [{ name: 'P', valueFrom: { secretKeyRef: { name: `secret-${w % 10}`, key: 'p' } } }];
      const spec = { serviceAccountName: `sa-${w % sasPerNs}`, containers: [container] };
      if (i % 150 === 11) {
        spec.volumes = [{ name: 'h', hostPath: { path: '/var/lib' } }];
        container.volumeMounts = [{ name: 'h', mountPath: '/h' }];
      }
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `w-${w}`, namespace: ns },
        spec: {
          selector: { matchLabels: { app: `w-${w}` } },
          template: { metadata: { labels: { app: `w-${w}`, tier } }, spec },
        },
      });
      if (tier === 'web' && w % 6 === 0) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `w-${w}`, namespace: ns },
          spec: {
            type: 'LoadBalancer',
            selector: { app: `w-${w}` },
            ports: [{ port: 80, targetPort: 8080 }],
          },
        });
      }
    }
    const policy = (name, spec) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: ns },
      spec,
    });
    objects.push(policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }));
    objects.push(
      policy('web', {
        podSelector: { matchLabels: { tier: 'web' } },
        ingress: [{ ports: [{ port: 8080 }] }],
      }),
    );
    objects.push(
      policy('api', {
        podSelector: { matchLabels: { tier: 'api' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 8080 }] }],
      }),
    );
    objects.push(
      policy('db', {
        podSelector: { matchLabels: { tier: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 8080 }] }],
      }),
    );
  }
  return objects;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(size, runs) {
  const { makeResource } = await import('../dist/k8s/resource.js');
  const { buildClusterModel } = await import('../dist/model/build.js');
  const { buildAttackGraph } = await import('../dist/graph/build.js');
  const { exposureOf } = await import('../dist/graph/exposure.js');
  const objects = generate(size);
  const resources = objects.map((o, i) => makeResource(o, { file: 'bench.yaml', documentIndex: i, line: 1 }));
  const floor = [];
  const build = [];
  const exposure = [];
  let figures;
  let graph;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const model = buildClusterModel(resources);
    floor.push(performance.now() - t);
    t = performance.now();
    const built = buildAttackGraph(model);
    build.push(performance.now() - t);
    t = performance.now();
    figures = exposureOf(built);
    exposure.push(performance.now() - t);
    graph = { vertices: built.graph.vertices.length, edges: built.graph.edges.length };
  }
  const total = build.map((b, i) => b + exposure[i]);
  return {
    workloads: size,
    objects: objects.length,
    ...graph,
    floorMs: Math.round(median(floor)),
    buildMs: Math.round(median(build)),
    exposureMs: Math.round(median(exposure)),
    totalMs: Math.round(median(total)),
    ratio: Math.round((median(total) / median(floor)) * 10) / 10,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    attackSurfaceExposure: figures.attackSurfaceExposure,
    assumeBreachExposure: figures.assumeBreachExposure,
    entryPoints: figures.entryPoints,
    assets: figures.assets,
  };
}

const child = option('size', undefined);
if (child !== undefined) {
  process.stdout.write(`${JSON.stringify(await measure(Number(child), Number(option('runs', '3'))))}\n`);
} else {
  const sizes = option('sizes', '1000,10000,30000').split(',').map(Number);
  const runs = option('runs', '3');
  const results = [];
  for (const size of sizes) {
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--size', String(size), '--runs', runs],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(1);
    }
    const result = JSON.parse(r.stdout);
    results.push(result);
    process.stdout.write(
      `${String(size).padStart(6)} workloads  ${String(result.vertices).padStart(7)} vertices  ${String(result.edges).padStart(8)} edges  ` +
        `model ${result.floorMs} ms  graph ${result.buildMs} ms  exposure ${result.exposureMs} ms  ` +
        `total ${result.totalMs} ms (${result.ratio}× floor)  peak ${result.maxRssMiB} MiB  ` +
        `exposure ${result.attackSurfaceExposure}% / ${result.assumeBreachExposure}%\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
