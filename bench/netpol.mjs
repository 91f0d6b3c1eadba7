#!/usr/bin/env node
/**
 * NetworkPolicy engine benchmark (issue 12): a generated cluster of namespaces, workloads
 * and policies with a realistic label structure, at growing sizes (5k → 50k workloads;
 * 2,000 namespaces, 20,000 policies at 50k). Needs `npm run build` first.
 *
 *   node bench/netpol.mjs [--sizes 5000,10000,20000,50000] [--pair-sample 400]
 *
 * Per size: time to analyse (compile, equivalence classes, per-class grants of every
 * tier), time to the exposure summary of every workload (entire-cluster, external,
 * unprotected per direction), the connectivity summary (allowed workload pairs,
 * enumerating for each destination only the candidate sources of CandidateSources —
 * its ingress rules admit them and their egress rules admit it), and the whole matrix
 * (`connectivityList`: every allowed pair with its connections, external ranges included).
 * The summary covers every pair of classes up to --full-pairs-max classes, otherwise the
 * first --pair-sample destination classes, extrapolated (printed as such). Peak RSS after
 * each size.
 */
import { performance } from 'node:perf_hooks';
import { analyzeNetworkPolicies } from '../dist/netpol/analyze.js';
import { representativeOf } from '../dist/netpol/representatives.js';
import { CandidateSources } from '../dist/netpol/candidateSources.js';
import { connectivityList } from '../dist/netpol/connlist.js';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const SIZES = arg('--sizes', '5000,10000,20000,50000').split(',').map(Number);
const PAIR_SAMPLE = Number(arg('--pair-sample', '400'));
const FULL_PAIRS_MAX = Number(arg('--full-pairs-max', '100000'));

/** Deterministic PRNG (mulberry32), so every run measures the same cluster. */
function rng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  'web',
  'api',
  'auth',
  'cart',
  'checkout',
  'catalog',
  'search',
  'payments',
  'orders',
  'users',
  'email',
  'notify',
  'billing',
  'reports',
  'gateway',
  'cache',
  'queue',
  'worker',
  'scheduler',
  'db',
  'redis',
  'kafka',
  'es',
  'ml',
  'cdn',
];
const TIERS = {
  web: 'frontend',
  gateway: 'frontend',
  cdn: 'frontend',
  db: 'data',
  redis: 'data',
  kafka: 'data',
  es: 'data',
};

/** 25 workloads and 10 policies per namespace, plus kube-system, ingress-nginx and monitoring. */
function generate(workloadCount) {
  const random = rng(workloadCount);
  const nsCount = Math.max(1, Math.round(workloadCount / 25));
  const namespaces = [
    { name: 'kube-system', labels: {} },
    { name: 'ingress-nginx', labels: { purpose: 'ingress' } },
    { name: 'monitoring', labels: { purpose: 'monitoring' } },
  ];
  const port = (name, containerPort) => ({ name, containerPort, protocol: 'TCP' });
  const workloads = [
    {
      ref: { kind: 'Deployment', namespace: 'kube-system', name: 'coredns' },
      podLabels: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, port('dns-tcp', 53)],
      hostNetwork: false,
    },
    {
      ref: { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-proxy' },
      podLabels: { 'k8s-app': 'kube-proxy' },
      ports: [],
      hostNetwork: true,
    },
    {
      ref: { kind: 'Deployment', namespace: 'ingress-nginx', name: 'controller' },
      podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
      ports: [port('http', 80)],
      hostNetwork: false,
    },
    {
      ref: { kind: 'StatefulSet', namespace: 'monitoring', name: 'prometheus' },
      podLabels: { app: 'prometheus' },
      ports: [port('web', 9090)],
      hostNetwork: false,
    },
  ];
  const networkPolicies = [];
  const policy = (namespace, name, spec) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace, name },
    spec,
  });
  for (let n = 0; n < nsCount; n++) {
    const ns = `team${n % 97}-${['prod', 'staging', 'dev'][n % 3]}-${n}`;
    namespaces.push({ name: ns, labels: { team: `team${n % 97}`, env: ['prod', 'staging', 'dev'][n % 3] } });
    for (let w = 0; w < 25 && workloads.length < workloadCount + 4; w++) {
      const app = APPS[w];
      workloads.push({
        ref: { kind: w % 7 === 0 ? 'StatefulSet' : 'Deployment', namespace: ns, name: `${app}-${n}` },
        podLabels: { app, tier: TIERS[app] ?? 'backend', version: random() < 0.8 ? 'v1' : 'v2' },
        ports: [port('http', 8080), port('metrics', 9090)],
        hostNetwork: false,
      });
    }
    const sel = (labels) => ({ matchLabels: labels });
    networkPolicies.push(
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'kube-system' }),
                podSelector: sel({ 'k8s-app': 'kube-dns' }),
              },
            ],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ],
      }),
      policy(ns, 'allow-ingress-controller', {
        podSelector: sel({ tier: 'frontend' }),
        ingress: [{ from: [{ namespaceSelector: sel({ purpose: 'ingress' }) }], ports: [{ port: 'http' }] }],
      }),
      policy(ns, 'allow-scrape', {
        podSelector: {},
        ingress: [
          {
            from: [
              { namespaceSelector: sel({ purpose: 'monitoring' }), podSelector: sel({ app: 'prometheus' }) },
            ],
            ports: [{ port: 'metrics' }],
          },
        ],
      }),
      policy(ns, 'frontend-to-backend', {
        podSelector: sel({ tier: 'backend' }),
        ingress: [
          {
            from: [{ podSelector: sel({ tier: 'frontend' }) }, { podSelector: sel({ tier: 'backend' }) }],
            ports: [{ port: 8080 }],
          },
        ],
      }),
      policy(ns, 'backend-to-data', {
        podSelector: sel({ tier: 'data' }),
        ingress: [
          {
            from: [
              { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] } },
            ],
            ports: [{ port: 8080, endPort: 8090 }],
          },
        ],
      }),
      policy(ns, 'egress-in-namespace', {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['data'] }] },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: {} }] }],
      }),
      policy(ns, 'egress-internet', {
        podSelector: sel({ app: APPS[n % 25] }),
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8'] } }],
            ports: [{ port: 443 }],
          },
        ],
      }),
      policy(ns, 'same-team', {
        podSelector: sel({ app: 'api' }),
        ingress: [
          {
            from: [
              { namespaceSelector: sel({ team: `team${n % 97}` }), podSelector: sel({ tier: 'frontend' }) },
            ],
          },
        ],
      }),
      policy(ns, 'canary', {
        podSelector: sel({ version: 'v2' }),
        ingress: [
          {
            from: [{ namespaceSelector: {}, podSelector: sel({ app: 'gateway' }) }],
            ports: [{ port: 8080 }],
          },
        ],
      }),
    );
  }
  return { namespaces, workloads, networkPolicies };
}

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const ENTIRE = representativeOf(undefined, undefined, undefined);

function exposureSummary(analysis) {
  const r = analysis.reachability;
  const counts = {
    entireClusterIngress: 0,
    entireClusterEgress: 0,
    externalIngress: 0,
    externalEgress: 0,
    unprotectedIngress: 0,
    unprotectedEgress: 0,
  };
  for (const cls of analysis.index.classes) {
    const n = cls.workloads.length;
    if (!r.side('ingress', cls, { representative: ENTIRE }).isEmpty()) counts.entireClusterIngress += n;
    if (!r.side('egress', cls, { representative: ENTIRE }).isEmpty()) counts.entireClusterEgress += n;
    if (r.externalSources.some((range) => !r.ingressFromRange(cls, range).isEmpty()))
      counts.externalIngress += n;
    if (r.externalDestinations.some((range) => !r.egressToRange(cls, range).isEmpty()))
      counts.externalEgress += n;
    if (!r.isProtected(cls, 'ingress')) counts.unprotectedIngress += n;
    if (!r.isProtected(cls, 'egress')) counts.unprotectedEgress += n;
  }
  return counts;
}

/** Allowed workload pairs (self pairs excluded) into the first `limit` destination classes. */
function pairSummary(analysis, limit) {
  const classes = analysis.index.classes;
  let pairs = 0;
  let checked = 0;
  const destinations = Math.min(limit, classes.length);
  const candidates = new CandidateSources(analysis.reachability);
  for (let i = 0; i < destinations; i++) {
    const dst = classes[i];
    for (const src of candidates.of(dst)) {
      checked++;
      if (analysis.reachability.between(src, dst).isEmpty()) continue;
      pairs += src.workloads.length * dst.workloads.length - (src === dst ? src.workloads.length : 0);
    }
  }
  return { pairs, checked, sources: destinations, of: classes.length };
}

const rows = [];
for (const size of SIZES) {
  const input = generate(size);
  globalThis.gc?.();
  const analysed = time(() => analyzeNetworkPolicies(input));
  const analysis = analysed.value;
  const exposure = time(() => exposureSummary(analysis));
  const full = analysis.index.classes.length <= FULL_PAIRS_MAX;
  const pairs = time(() => pairSummary(analysis, full ? Infinity : PAIR_SAMPLE));
  const scale = pairs.value.of / pairs.value.sources;
  const matrix = time(() => connectivityList(analysis));
  rows.push({
    workloads: input.workloads.length,
    namespaces: input.namespaces.length,
    policies: input.networkPolicies.length,
    classes: analysis.index.classes.length,
    analyseMs: Math.round(analysed.ms),
    exposureMs: Math.round(exposure.ms),
    exposureTotalMs: Math.round(analysed.ms + exposure.ms),
    pairsMs: Math.round(pairs.ms * scale),
    pairsMeasured: full
      ? 'all class pairs'
      : `${pairs.value.sources}/${pairs.value.of} destination classes, extrapolated`,
    allowedPairs: Math.round(pairs.value.pairs * scale),
    classPairsChecked: Math.round(pairs.value.checked * scale),
    matrixMs: Math.round(matrix.ms),
    matrixLines: matrix.value.length,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    exposure: exposure.value,
  });
  console.log(JSON.stringify(rows[rows.length - 1]));
}
console.table(rows.map(({ exposure: _e, ...r }) => r));
