// Micro-benchmark of the PSS engine (the admission webhook's hot path): evaluations
// per second of a typical two-container pod at restricted:latest. Run after
// `npm run build`:  node bench/pss.mjs
// Prints one JSON line {"pssEvalsPerSec", "usPerEval"} (the compliant pod) and a human line
// that also gives the cost of a non-compliant pod (which builds violation messages).
// Upstream's Go evaluator: ~3.1 µs per restricted pod (kubernetes PR #104588, BenchmarkVerifyPod).
import { evaluatePodSecurity } from '../dist/pss/evaluate.js';

const RUNS = 9;
const EVALS_PER_RUN = 200_000;
const WARMUP_EVALS = 300_000;

/** A hardened web pod with a sidecar, as a Deployment template would carry it. */
const compliant = {
  metadata: {
    labels: { app: 'web', 'app.kubernetes.io/version': '1.4.2' },
    annotations: { 'prometheus.io/scrape': 'true' },
  },
  spec: {
    serviceAccountName: 'web',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'web',
        image: 'registry.example.com/shop/web:1.4.2',
        ports: [{ name: 'http', containerPort: 8080 }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
      },
      {
        name: 'envoy',
        image: 'envoyproxy/envoy:v1.31.0',
        ports: [{ name: 'admin', containerPort: 9901 }],
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
        },
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'web' } },
      { name: 'tmp', emptyDir: {} },
    ],
  },
};

/** The same pod as people first write it: nothing set, so four restricted checks fail for both containers. */
const plain = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'web', image: 'registry.example.com/shop/web:1.4.2', ports: [{ containerPort: 8080 }] },
      { name: 'envoy', image: 'envoyproxy/envoy:v1.31.0' },
    ],
  },
};

const options = { level: 'restricted', version: 'latest' };

function run(pod, n) {
  let allowed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (evaluatePodSecurity(pod.metadata, pod.spec, options).allowed) allowed++;
  const ns = Number(process.hrtime.bigint() - start);
  return { ns, allowed };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(pod, expectAllowed) {
  run(pod, WARMUP_EVALS);
  const perEvalNs = [];
  for (let r = 0; r < RUNS; r++) {
    const { ns, allowed } = run(pod, EVALS_PER_RUN);
    if (allowed !== (expectAllowed ? EVALS_PER_RUN : 0)) throw new Error('unexpected verdict');
    perEvalNs.push(ns / EVALS_PER_RUN);
  }
  return median(perEvalNs);
}

const okNs = measure(compliant, true);
const badNs = measure(plain, false);

const result = { pssEvalsPerSec: Math.round(1e9 / okNs), usPerEval: Number((okNs / 1000).toFixed(3)) };
console.log(JSON.stringify(result));
console.log(
  `PSS restricted:latest, 2-container pod: ${result.usPerEval} µs/eval (${result.pssEvalsPerSec.toLocaleString('en-US')}/s) ` +
    `compliant, ${(badNs / 1000).toFixed(3)} µs/eval rejected with messages; median of ${RUNS} runs × ${EVALS_PER_RUN.toLocaleString('en-US')} on Node ${process.version} ` +
    `(upstream Go PSA: ~3.1 µs/pod, kubernetes PR #104588)`,
);
