#!/usr/bin/env node
/**
 * Deterministic generator of a realistic Kubernetes manifest corpus for the benchmark.
 *
 *   node bench/generate.mjs [--objects N] [--files F] [--seed S] [--out DIR]
 *
 * Writes F multi-document YAML files holding N objects (List items counted one by one)
 * under DIR (default bench/out/corpus-N). The same arguments always give the same bytes:
 * a seeded PRNG (sfc32) drives every choice, never Math.random or the clock.
 *
 * The mix follows what application repositories and cluster dumps hold: per application
 * a workload (mostly Deployments), its Service, ServiceAccount, ConfigMap, often a Secret,
 * Role/RoleBinding, NetworkPolicy and Ingress; per namespace a Namespace and a default-deny
 * policy; some bare Pods, Jobs and CronJobs; cluster-wide RBAC. Pod templates have 1–3
 * containers, init containers, probes, env, volume mounts, resources, affinity, and
 * security contexts that are hardened in most workloads and weak or dangerous in some
 * (privileged, hostPath, hostNetwork, added capabilities, YAML 1.1 `yes` booleans).
 * Styles vary the way real files do: comments, block scalars, flow maps and sequences,
 * quoted and plain strings, compact and indented sequences, and a few `List` documents.
 * Secrets hold random placeholder bytes, never real credentials.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** sfc32: small, fast, good enough statistical quality, fully reproducible. */
export function prng(seed) {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
    hex: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
      return s;
    },
    b64: (n) => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * 64)];
      return s + '==';
    },
  };
  return r;
}

const TEAMS = [
  'payments',
  'checkout',
  'search',
  'identity',
  'catalog',
  'shipping',
  'ledger',
  'growth',
  'ml',
  'platform',
  'data',
  'risk',
];
const WORDS = [
  'api',
  'web',
  'worker',
  'gateway',
  'cache',
  'indexer',
  'scheduler',
  'notifier',
  'auth',
  'billing',
  'reports',
  'sync',
  'proxy',
  'router',
  'store',
  'feed',
  'export',
  'import',
  'audit',
  'metrics',
];
const REGISTRIES = [
  'registry.example.com/',
  'ghcr.io/acme/',
  'docker.io/library/',
  'quay.io/acme/',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/',
  '',
];
const BASE_IMAGES = [
  'nginx',
  'redis',
  'postgres',
  'python',
  'node',
  'golang',
  'busybox',
  'envoy',
  'memcached',
  'openjdk',
  'alpine',
];
const ENV_NAMES = [
  'LOG_LEVEL',
  'PORT',
  'DATABASE_HOST',
  'CACHE_TTL',
  'FEATURE_FLAGS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'REGION',
  'WORKERS',
  'TIMEOUT_SECONDS',
  'JAVA_OPTS',
];

/** Quotes a string when a YAML 1.1 reader would otherwise take it for something else. */
function q(s) {
  return /^[A-Za-z_/][\w./@-]*$/.test(s) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(s)
    ? s
    : JSON.stringify(s);
}

class Emitter {
  constructor(r) {
    this.r = r;
    this.lines = [];
  }
  line(indent, text) {
    this.lines.push(' '.repeat(indent) + text);
  }
  /** A string map as block mapping or (sometimes) flow mapping. */
  map(indent, key, entries, flowChance = 0.15) {
    const keys = Object.keys(entries);
    if (keys.length === 0) return;
    if (this.r.chance(flowChance)) {
      this.line(indent, `${key}: {${keys.map((k) => `${k}: ${q(entries[k])}`).join(', ')}}`);
      return;
    }
    this.line(indent, `${key}:`);
    for (const k of keys) this.line(indent + 2, `${k}: ${q(entries[k])}`);
  }
  /** Sequence items are written compact (`key:\n- a`, kubectl style) or indented (`key:\n  - a`, Helm style). */
  seqIndent(indent, compact) {
    return compact ? indent : indent + 2;
  }
  text() {
    return this.lines.join('\n') + '\n';
  }
}

function metadata(e, r, name, namespace, labels, extra = {}) {
  e.line(0, 'metadata:');
  e.line(2, `name: ${name}`);
  if (namespace !== undefined) e.line(2, `namespace: ${namespace}`);
  e.map(2, 'labels', labels);
  const annotations = { ...extra };
  if (r.chance(0.3)) annotations['meta.helm.sh/release-name'] = labels['app.kubernetes.io/instance'] ?? name;
  if (r.chance(0.2)) annotations['kubernetes.io/change-cause'] = `deploy ${r.hex(7)}`;
  if (Object.keys(annotations).length > 0) e.map(2, 'annotations', annotations, 0.05);
}

function appLabels(r, app, team, component) {
  const labels = {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': `${app}-${team}`,
    'app.kubernetes.io/part-of': team,
  };
  if (component) labels['app.kubernetes.io/component'] = component;
  if (r.chance(0.5)) labels['app.kubernetes.io/managed-by'] = r.pick(['Helm', 'kustomize', 'argocd']);
  if (r.chance(0.3)) labels.version = `v${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}`;
  return labels;
}

function image(r, app) {
  const reg = r.pick(REGISTRIES);
  const base = r.chance(0.5) ? `${reg}${app}` : `${reg}${r.pick(BASE_IMAGES)}`;
  const style = r.weighted([
    ['tag', 70],
    ['digest', 15],
    ['latest', 8],
    ['none', 7],
  ]);
  if (style === 'tag') return `${base}:${r.int(1, 3)}.${r.int(0, 30)}.${r.int(0, 12)}`;
  if (style === 'digest') return `${base}@sha256:${r.hex(64)}`;
  if (style === 'latest') return `${base}:latest`;
  return base;
}

/** Security posture of one workload; most are hardened, some are weak, a few dangerous. */
function posture(r) {
  return r.weighted([
    ['hardened', 55],
    ['partial', 25],
    ['none', 14],
    ['dangerous', 6],
  ]);
}

function containerSecurityContext(e, r, indent, p) {
  if (p === 'none') return;
  e.line(indent, 'securityContext:');
  const i = indent + 2;
  if (p === 'hardened') {
    e.line(i, 'allowPrivilegeEscalation: false');
    e.line(i, `readOnlyRootFilesystem: ${r.chance(0.9) ? 'true' : 'false'}`);
    e.line(i, 'runAsNonRoot: true');
    if (r.chance(0.6)) e.line(i, `runAsUser: ${r.pick([1000, 10001, 65532, 65534])}`);
    if (r.chance(0.7)) {
      e.line(i, 'capabilities:');
      if (r.chance(0.5)) e.line(i + 2, 'drop: ["ALL"]');
      else {
        e.line(i + 2, 'drop:');
        e.line(i + 4, '- ALL');
      }
    } else e.line(i, 'capabilities: {drop: [ALL]}');
    if (r.chance(0.5)) {
      e.line(i, 'seccompProfile:');
      e.line(i + 2, 'type: RuntimeDefault');
    }
    return;
  }
  if (p === 'partial') {
    if (r.chance(0.6)) e.line(i, `allowPrivilegeEscalation: ${r.pick(['false', 'true'])}`);
    e.line(i, `runAsNonRoot: ${r.pick(['true', 'false'])}`);
    if (r.chance(0.3)) {
      e.line(i, 'capabilities:');
      e.line(i + 2, 'add:');
      e.line(i + 2, `- ${r.pick(['NET_BIND_SERVICE', 'NET_ADMIN', 'SYS_PTRACE', 'CHOWN'])}`);
    }
    if (r.chance(0.3)) e.line(i, 'runAsUser: 0');
    return;
  }
  // dangerous: privileged in its many spellings (YAML 1.1 `yes`/`on` are true to the API server)
  e.line(
    i,
    `privileged: ${r.weighted([
      ['true', 70],
      ['yes', 10],
      ['on', 5],
      ['false', 15],
    ])}`,
  );
  if (r.chance(0.5)) e.line(i, 'allowPrivilegeEscalation: true');
  if (r.chance(0.4)) {
    e.line(i, 'capabilities:');
    e.line(i + 2, `add: [${r.pick(['SYS_ADMIN', 'NET_RAW', 'SYS_MODULE', 'ALL'])}]`);
  }
}

function probe(e, r, indent, key, port) {
  e.line(indent, `${key}:`);
  const kind = r.weighted([
    ['http', 70],
    ['tcp', 20],
    ['exec', 10],
  ]);
  if (kind === 'http') {
    e.line(indent + 2, 'httpGet:');
    e.line(indent + 4, `path: ${r.pick(['/healthz', '/readyz', '/livez', '/health', '/actuator/health'])}`);
    e.line(indent + 4, `port: ${r.chance(0.5) ? port : 'http'}`);
  } else if (kind === 'tcp') {
    e.line(indent + 2, `tcpSocket: {port: ${port}}`);
  } else {
    e.line(indent + 2, 'exec:');
    e.line(indent + 4, 'command: ["/bin/sh", "-c", "test -f /tmp/healthy"]');
  }
  e.line(indent + 2, `initialDelaySeconds: ${r.int(0, 30)}`);
  e.line(indent + 2, `periodSeconds: ${r.pick([5, 10, 15, 30])}`);
  if (r.chance(0.4)) e.line(indent + 2, `failureThreshold: ${r.int(1, 6)}`);
}

function container(e, r, indent, compact, app, name, p, mounts, init) {
  const i = indent + 2;
  e.line(indent, `- name: ${name}`);
  e.line(i, `image: ${q(image(r, app))}`);
  if (r.chance(0.6)) e.line(i, `imagePullPolicy: ${r.pick(['IfNotPresent', 'Always'])}`);
  if (init || r.chance(0.25)) {
    if (r.chance(0.5)) e.line(i, `command: ["/bin/sh", "-c"]`);
    else {
      e.line(i, 'command:');
      const s = e.seqIndent(i, compact);
      e.line(s, `- /usr/local/bin/${app}`);
    }
    if (r.chance(0.5)) {
      e.line(i, 'args:');
      const s = e.seqIndent(i, compact);
      if (r.chance(0.3)) {
        e.line(s, '- |');
        e.line(s + 4, `set -e`);
        e.line(s + 4, `echo "starting ${name}"`);
        e.line(s + 4, `exec /app/${name} --config /etc/${app}/config.yaml`);
      } else {
        e.line(s, `- --port=${r.int(1024, 9999)}`);
        e.line(s, `- --log-level=${r.pick(['info', 'debug', 'warn'])}`);
      }
    }
  }
  const port = r.pick([80, 8080, 8443, 9090, 3000, 5000, 6379, 5432]);
  if (!init) {
    e.line(i, 'ports:');
    const s = e.seqIndent(i, compact);
    e.line(s, `- containerPort: ${port}`);
    e.line(s + 2, 'name: http');
    e.line(s + 2, 'protocol: TCP');
    if (p === 'dangerous' && r.chance(0.3)) e.line(s + 2, `hostPort: ${port}`);
    if (r.chance(0.3)) {
      e.line(s, `- containerPort: ${r.pick([9100, 9102, 8081])}`);
      e.line(s + 2, 'name: metrics');
    }
  }
  if (r.chance(0.75)) {
    e.line(i, 'env:');
    const s = e.seqIndent(i, compact);
    const n = r.int(1, 6);
    for (let k = 0; k < n; k++) {
      const env = ENV_NAMES[(k + r.int(0, 9)) % ENV_NAMES.length] + (k > 0 ? `_${k}` : '');
      const kind = r.weighted([
        ['value', 70],
        ['secret', 15],
        ['config', 10],
        ['field', 5],
      ]);
      e.line(s, `- name: ${env}`);
      if (kind === 'value')
        e.line(
          s + 2,
          `value: ${r.chance(0.5) ? `"${r.int(1, 500)}"` : q(r.pick(['info', 'eu-west-1', 'http://otel-collector:4317', 'enabled']))}`,
        );
      else if (kind === 'secret') {
        e.line(s + 2, 'valueFrom:');
        e.line(s + 4, 'secretKeyRef:');
        e.line(s + 6, `name: ${app}-secret`);
        e.line(s + 6, 'key: password');
      } else if (kind === 'config') {
        e.line(s + 2, 'valueFrom:');
        e.line(s + 4, `configMapKeyRef: {name: ${app}-config, key: log-level}`);
      } else {
        e.line(s + 2, 'valueFrom:');
        e.line(s + 4, 'fieldRef:');
        e.line(s + 6, 'fieldPath: metadata.namespace');
      }
    }
  }
  if (!init && r.chance(0.2)) {
    e.line(i, 'envFrom:');
    e.line(e.seqIndent(i, compact), `- configMapRef: {name: ${app}-config}`);
  }
  if (r.chance(0.8)) {
    e.line(i, 'resources:');
    if (r.chance(0.85)) {
      e.line(i + 2, 'requests:');
      e.line(i + 4, `cpu: ${r.pick(['50m', '100m', '250m', '500m', '1'])}`);
      e.line(i + 4, `memory: ${r.pick(['64Mi', '128Mi', '256Mi', '512Mi', '1Gi'])}`);
    }
    if (r.chance(0.6)) {
      e.line(i + 2, 'limits:');
      if (r.chance(0.5)) e.line(i + 4, `cpu: ${r.pick(['500m', '1', '2'])}`);
      e.line(i + 4, `memory: ${r.pick(['256Mi', '512Mi', '1Gi', '2Gi'])}`);
    }
  }
  if (!init && r.chance(0.7)) probe(e, r, i, 'livenessProbe', port);
  if (!init && r.chance(0.7)) probe(e, r, i, 'readinessProbe', port);
  if (mounts.length > 0 && r.chance(0.9)) {
    e.line(i, 'volumeMounts:');
    const s = e.seqIndent(i, compact);
    for (const m of mounts) {
      e.line(s, `- name: ${m.name}`);
      e.line(s + 2, `mountPath: ${m.path}`);
      if (m.readOnly) e.line(s + 2, 'readOnly: true');
    }
  }
  containerSecurityContext(e, r, i, p);
}

/** A pod spec at `indent` (the content of a `spec:` key). */
function podSpec(e, r, indent, app, team, p, opts = {}) {
  const compact = r.chance(0.5);
  const i = indent;
  if (r.chance(0.8)) e.line(i, `serviceAccountName: ${app}`);
  if (r.chance(0.3)) e.line(i, `automountServiceAccountToken: ${r.pick(['false', 'true'])}`);
  if (p === 'dangerous') {
    if (r.chance(0.4)) e.line(i, 'hostNetwork: true');
    if (r.chance(0.2)) e.line(i, 'hostPID: yes');
    if (r.chance(0.1)) e.line(i, 'hostIPC: true');
  }
  if (opts.restartPolicy) e.line(i, `restartPolicy: ${opts.restartPolicy}`);
  if (p === 'hardened' || (p === 'partial' && r.chance(0.5))) {
    e.line(i, 'securityContext:');
    e.line(i + 2, 'runAsNonRoot: true');
    if (r.chance(0.7)) e.line(i + 2, `runAsUser: ${r.pick([1000, 10001, 65532])}`);
    if (r.chance(0.5)) e.line(i + 2, `fsGroup: ${r.pick([1000, 2000, 65532])}`);
    if (r.chance(0.6)) e.line(i + 2, 'seccompProfile: {type: RuntimeDefault}');
  }
  const volumes = [];
  if (r.chance(0.6)) volumes.push({ name: 'config', path: `/etc/${app}`, readOnly: true, src: 'configMap' });
  if (r.chance(0.3)) volumes.push({ name: 'tmp', path: '/tmp', src: 'emptyDir' });
  if (r.chance(0.2))
    volumes.push({ name: 'secrets', path: '/var/run/secrets/app', readOnly: true, src: 'secret' });
  if (p === 'dangerous' && r.chance(0.5)) {
    volumes.push({
      name: 'host',
      path: r.pick(['/host', '/var/run/docker.sock', '/var/log']),
      src: 'hostPath',
    });
  }
  if (opts.pvc) volumes.push({ name: 'data', path: '/var/lib/data', src: 'pvc' });
  if (r.chance(0.25)) {
    e.line(i, 'initContainers:');
    container(e, r, e.seqIndent(i, compact), compact, app, 'init-config', p, volumes.slice(0, 1), true);
  }
  e.line(i, 'containers:');
  const n = r.weighted([
    [1, 65],
    [2, 28],
    [3, 7],
  ]);
  const names = [app, 'sidecar', 'log-shipper'];
  for (let k = 0; k < n; k++) {
    // a sidecar is as hardened as its pod most of the time, not always
    const cp = k === 0 || r.chance(0.8) ? p : posture(r);
    container(
      e,
      r,
      e.seqIndent(i, compact),
      compact,
      app,
      names[k],
      cp,
      k === 0 ? volumes : volumes.slice(0, 1),
      false,
    );
  }
  if (r.chance(0.35)) {
    e.line(i, 'affinity:');
    e.line(i + 2, 'podAntiAffinity:');
    e.line(i + 4, 'preferredDuringSchedulingIgnoredDuringExecution:');
    e.line(i + 4, '- weight: 100');
    e.line(i + 6, 'podAffinityTerm:');
    e.line(i + 8, 'topologyKey: kubernetes.io/hostname');
    e.line(i + 8, 'labelSelector:');
    e.line(i + 10, `matchLabels: {app.kubernetes.io/name: ${app}}`);
  }
  if (r.chance(0.2)) {
    e.line(i, 'nodeSelector:');
    e.line(i + 2, `kubernetes.io/os: linux`);
  }
  if (r.chance(0.15)) {
    e.line(i, 'tolerations:');
    e.line(i, '- key: dedicated');
    e.line(i, '  operator: Equal');
    e.line(i, `  value: ${team}`);
    e.line(i, '  effect: NoSchedule');
  }
  const vols = volumes.filter((v) => v.src !== 'pvc' || !opts.claimTemplates);
  if (vols.length > 0) {
    e.line(i, 'volumes:');
    const s = e.seqIndent(i, compact);
    for (const v of vols) {
      e.line(s, `- name: ${v.name}`);
      if (v.src === 'configMap') e.line(s + 2, `configMap: {name: ${app}-config, defaultMode: 0644}`);
      else if (v.src === 'emptyDir') e.line(s + 2, 'emptyDir: {}');
      else if (v.src === 'secret') {
        e.line(s + 2, 'secret:');
        e.line(s + 4, `secretName: ${app}-secret`);
      } else if (v.src === 'hostPath') {
        e.line(s + 2, 'hostPath:');
        e.line(s + 4, `path: ${v.path}`);
      } else {
        e.line(s + 2, 'persistentVolumeClaim:');
        e.line(s + 4, `claimName: ${app}-data`);
      }
    }
  }
}

function podTemplate(e, r, indent, app, team, labels, p, opts) {
  e.line(indent, 'template:');
  e.line(indent + 2, 'metadata:');
  // the pod template carries the workload's labels (as charts that include one labels helper in both
  // places do): the one shared object a PyYAML or yq dump writes as an anchor and an alias (styles.mjs)
  e.line(indent + 4, 'labels:');
  for (const [k, v] of Object.entries(labels)) e.line(indent + 6, `${k}: ${q(v)}`);
  if (r.chance(0.4)) {
    e.line(indent + 4, 'annotations:');
    e.line(indent + 6, `checksum/config: ${r.hex(64)}`);
    if (r.chance(0.3)) e.line(indent + 6, 'prometheus.io/scrape: "true"');
  }
  e.line(indent + 2, 'spec:');
  podSpec(e, r, indent + 4, app, team, p, opts);
}

function header(e, r, apiVersion, kind) {
  if (r.chance(0.08)) e.line(0, `# Source: ${r.pick(TEAMS)}/templates/${kind.toLowerCase()}.yaml`);
  e.line(0, `apiVersion: ${apiVersion}`);
  e.line(0, `kind: ${kind}`);
}

const KINDS = {
  Deployment(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'apps/v1', 'Deployment');
    const labels = appLabels(r, ctx.app, ctx.team, 'server');
    metadata(e, r, ctx.app, ctx.ns, labels);
    e.line(0, 'spec:');
    e.line(2, `replicas: ${r.int(1, 6)}`);
    if (r.chance(0.3)) e.line(2, `revisionHistoryLimit: ${r.int(1, 10)}`);
    e.line(2, 'selector:');
    e.line(4, 'matchLabels:');
    e.line(6, `app.kubernetes.io/name: ${ctx.app}`);
    if (r.chance(0.4)) {
      e.line(2, 'strategy:');
      e.line(4, 'type: RollingUpdate');
      e.line(4, 'rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}');
    }
    podTemplate(e, r, 2, ctx.app, ctx.team, labels, ctx.posture, {});
    return e.text();
  },
  StatefulSet(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'apps/v1', 'StatefulSet');
    const labels = appLabels(r, ctx.app, ctx.team, 'database');
    metadata(e, r, ctx.app, ctx.ns, labels);
    e.line(0, 'spec:');
    e.line(2, `serviceName: ${ctx.app}`);
    e.line(2, `replicas: ${r.int(1, 5)}`);
    e.line(2, 'selector:');
    e.line(4, `matchLabels: {app.kubernetes.io/name: ${ctx.app}}`);
    podTemplate(e, r, 2, ctx.app, ctx.team, labels, ctx.posture, { pvc: true, claimTemplates: true });
    e.line(2, 'volumeClaimTemplates:');
    e.line(2, '- metadata:');
    e.line(6, 'name: data');
    e.line(4, 'spec:');
    e.line(6, 'accessModes: ["ReadWriteOnce"]');
    e.line(6, 'resources:');
    e.line(8, `requests: {storage: ${r.pick(['1Gi', '10Gi', '50Gi'])}}`);
    return e.text();
  },
  DaemonSet(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'apps/v1', 'DaemonSet');
    const labels = appLabels(r, ctx.app, ctx.team, 'agent');
    metadata(e, r, ctx.app, ctx.ns, labels);
    e.line(0, 'spec:');
    e.line(2, 'selector:');
    e.line(4, 'matchLabels:');
    e.line(6, `app.kubernetes.io/name: ${ctx.app}`);
    // node agents are more often privileged than anything else
    const p = r.chance(0.3) ? 'dangerous' : ctx.posture;
    podTemplate(e, r, 2, ctx.app, ctx.team, labels, p, {});
    return e.text();
  },
  CronJob(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'batch/v1', 'CronJob');
    const labels = appLabels(r, ctx.app, ctx.team, 'batch');
    metadata(e, r, ctx.app, ctx.ns, labels);
    e.line(0, 'spec:');
    e.line(2, `schedule: "${r.int(0, 59)} ${r.pick(['*', '*/6', '2'])} * * *"`);
    e.line(2, `concurrencyPolicy: ${r.pick(['Forbid', 'Allow', 'Replace'])}`);
    e.line(2, 'jobTemplate:');
    e.line(4, 'spec:');
    e.line(6, `backoffLimit: ${r.int(0, 6)}`);
    podTemplate(e, r, 6, ctx.app, ctx.team, labels, ctx.posture, { restartPolicy: 'OnFailure' });
    return e.text();
  },
  Job(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'batch/v1', 'Job');
    const labels = appLabels(r, ctx.app, ctx.team, 'migration');
    metadata(e, r, ctx.app, ctx.ns, labels, r.chance(0.5) ? { 'helm.sh/hook': 'pre-upgrade' } : {});
    e.line(0, 'spec:');
    e.line(2, `ttlSecondsAfterFinished: ${r.pick([300, 3600, 86400])}`);
    podTemplate(e, r, 2, ctx.app, ctx.team, labels, ctx.posture, { restartPolicy: 'Never' });
    return e.text();
  },
  Pod(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'Pod');
    const labels = appLabels(r, ctx.app, ctx.team, 'debug');
    metadata(e, r, ctx.app, ctx.ns, labels);
    e.line(0, 'spec:');
    podSpec(e, r, 2, ctx.app, ctx.team, ctx.posture, { restartPolicy: 'Always' });
    return e.text();
  },
  Service(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'Service');
    metadata(e, r, ctx.app, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'spec:');
    const type = r.weighted([
      ['ClusterIP', 80],
      ['LoadBalancer', 8],
      ['NodePort', 7],
      ['Headless', 5],
    ]);
    if (type === 'Headless') e.line(2, 'clusterIP: None');
    else if (type !== 'ClusterIP' || r.chance(0.3)) e.line(2, `type: ${type}`);
    e.line(2, 'selector:');
    e.line(4, `app.kubernetes.io/name: ${ctx.app}`);
    e.line(2, 'ports:');
    e.line(2, `- name: http`);
    e.line(4, `port: ${r.pick([80, 443, 8080])}`);
    e.line(4, `targetPort: ${r.chance(0.5) ? 'http' : r.pick([8080, 3000])}`);
    e.line(4, 'protocol: TCP');
    if (type === 'NodePort') e.line(4, `nodePort: ${r.int(30000, 32767)}`);
    return e.text();
  },
  ConfigMap(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'ConfigMap');
    metadata(e, r, `${ctx.app}-config`, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'data:');
    e.line(2, `log-level: ${r.pick(['info', 'debug', 'warn'])}`);
    e.line(2, `feature.enabled: "${r.pick(['true', 'false'])}"`);
    if (r.chance(0.6)) {
      e.line(2, 'config.yaml: |');
      e.line(4, '# application configuration');
      e.line(4, 'server:');
      e.line(6, `port: ${r.int(1024, 9999)}`);
      e.line(6, `timeout: ${r.int(1, 60)}s`);
      e.line(4, 'database:');
      e.line(6, `host: ${ctx.app}-db.${ctx.ns}.svc.cluster.local`);
      e.line(6, `pool: ${r.int(2, 50)}`);
      const n = r.int(0, 20);
      for (let k = 0; k < n; k++) e.line(4, `option_${k}: ${r.hex(12)}`);
    }
    if (r.chance(0.3)) {
      e.line(2, 'nginx.conf: >-');
      e.line(4, `worker_processes ${r.int(1, 8)}; events { worker_connections 1024; }`);
      e.line(4, 'http { server { listen 8080; location / { return 200; } } }');
    }
    return e.text();
  },
  Secret(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'Secret');
    metadata(e, r, `${ctx.app}-secret`, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, `type: ${r.pick(['Opaque', 'Opaque', 'kubernetes.io/tls'])}`);
    e.line(0, 'data:');
    // random placeholder bytes, not credentials
    e.line(2, `password: ${r.b64(24)}`);
    if (r.chance(0.4)) e.line(2, `username: ${r.b64(8)}`);
    return e.text();
  },
  ServiceAccount(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'ServiceAccount');
    metadata(
      e,
      r,
      ctx.app,
      ctx.ns,
      appLabels(r, ctx.app, ctx.team),
      r.chance(0.1) ? { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${ctx.app}` } : {},
    );
    if (r.chance(0.3)) e.line(0, 'automountServiceAccountToken: false');
    return e.text();
  },
  Role(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'rbac.authorization.k8s.io/v1', 'Role');
    metadata(e, r, ctx.app, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'rules:');
    e.line(0, '- apiGroups: [""]');
    e.line(2, `resources: [${r.pick(['configmaps', 'pods', 'secrets', 'services'])}]`);
    e.line(2, `verbs: [${r.chance(0.1) ? '"*"' : 'get, list, watch'}]`);
    if (r.chance(0.3)) {
      e.line(0, '- apiGroups:');
      e.line(2, '- apps');
      e.line(2, 'resources:');
      e.line(2, '- deployments');
      e.line(2, 'verbs:');
      e.line(2, '- get');
      e.line(2, '- patch');
    }
    return e.text();
  },
  RoleBinding(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'rbac.authorization.k8s.io/v1', 'RoleBinding');
    metadata(e, r, ctx.app, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'roleRef:');
    e.line(2, 'apiGroup: rbac.authorization.k8s.io');
    const cluster = r.chance(0.15);
    e.line(2, `kind: ${cluster ? 'ClusterRole' : 'Role'}`);
    e.line(2, `name: ${cluster ? r.pick(['view', 'edit', 'admin']) : ctx.app}`);
    e.line(0, 'subjects:');
    e.line(0, '- kind: ServiceAccount');
    e.line(2, `name: ${ctx.app}`);
    e.line(2, `namespace: ${ctx.ns}`);
    return e.text();
  },
  ClusterRole(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'rbac.authorization.k8s.io/v1', 'ClusterRole');
    metadata(e, r, `${ctx.ns}-${ctx.app}`, undefined, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'rules:');
    e.line(0, '- apiGroups: ["", "apps"]');
    e.line(2, 'resources: ["pods", "deployments", "nodes"]');
    e.line(2, 'verbs: ["get", "list", "watch"]');
    if (r.chance(0.1)) {
      e.line(0, '- apiGroups: ["*"]');
      e.line(2, 'resources: ["*"]');
      e.line(2, 'verbs: ["*"]');
    }
    return e.text();
  },
  ClusterRoleBinding(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding');
    metadata(e, r, `${ctx.ns}-${ctx.app}`, undefined, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'roleRef:');
    e.line(2, 'apiGroup: rbac.authorization.k8s.io');
    e.line(2, 'kind: ClusterRole');
    e.line(2, `name: ${r.chance(0.05) ? 'cluster-admin' : `${ctx.ns}-${ctx.app}`}`);
    e.line(0, 'subjects:');
    e.line(0, `- {kind: ServiceAccount, name: ${ctx.app}, namespace: ${ctx.ns}}`);
    return e.text();
  },
  NetworkPolicy(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'networking.k8s.io/v1', 'NetworkPolicy');
    metadata(e, r, ctx.app, ctx.ns, appLabels(r, ctx.app, ctx.team));
    e.line(0, 'spec:');
    e.line(2, 'podSelector:');
    e.line(4, 'matchLabels:');
    e.line(6, `app.kubernetes.io/name: ${ctx.app}`);
    e.line(2, 'policyTypes: [Ingress, Egress]');
    e.line(2, 'ingress:');
    e.line(2, '- from:');
    e.line(4, '- podSelector:');
    e.line(8, `matchLabels: {app.kubernetes.io/part-of: ${ctx.team}}`);
    if (r.chance(0.3)) {
      e.line(4, '- namespaceSelector:');
      e.line(8, 'matchLabels:');
      e.line(10, 'kubernetes.io/metadata.name: ingress-nginx');
    }
    e.line(4, 'ports:');
    e.line(4, `- {protocol: TCP, port: ${r.pick([80, 8080, 'http'])}}`);
    e.line(2, 'egress:');
    e.line(2, '- to:');
    e.line(4, '- namespaceSelector: {}');
    e.line(6, 'podSelector:');
    e.line(8, 'matchLabels:');
    e.line(10, 'k8s-app: kube-dns');
    e.line(4, 'ports:');
    e.line(4, '- protocol: UDP');
    e.line(6, 'port: 53');
    return e.text();
  },
  Ingress(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'networking.k8s.io/v1', 'Ingress');
    metadata(e, r, ctx.app, ctx.ns, appLabels(r, ctx.app, ctx.team), {
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    });
    e.line(0, 'spec:');
    e.line(2, 'ingressClassName: nginx');
    const host = `${ctx.app}.${ctx.team}.example.com`;
    if (r.chance(0.7)) {
      e.line(2, 'tls:');
      e.line(2, `- hosts: [${host}]`);
      e.line(4, `secretName: ${ctx.app}-tls`);
    }
    e.line(2, 'rules:');
    e.line(2, `- host: ${host}`);
    e.line(4, 'http:');
    e.line(6, 'paths:');
    e.line(6, '- path: /');
    e.line(8, 'pathType: Prefix');
    e.line(8, 'backend:');
    e.line(10, 'service:');
    e.line(12, `name: ${ctx.app}`);
    e.line(12, 'port:');
    e.line(14, 'name: http');
    return e.text();
  },
  Namespace(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'v1', 'Namespace');
    const labels = { 'kubernetes.io/metadata.name': ctx.ns, team: ctx.team };
    const pss = r.weighted([
      ['restricted', 30],
      ['baseline', 30],
      ['privileged', 5],
      ['', 35],
    ]);
    if (pss) {
      labels['pod-security.kubernetes.io/enforce'] = pss;
      if (r.chance(0.5))
        labels['pod-security.kubernetes.io/enforce-version'] = r.pick(['latest', 'v1.29', 'v1.31']);
    }
    metadata(e, r, ctx.ns, undefined, labels);
    return e.text();
  },
  DefaultDeny(r, ctx) {
    const e = new Emitter(r);
    header(e, r, 'networking.k8s.io/v1', 'NetworkPolicy');
    e.line(0, 'metadata:');
    e.line(2, 'name: default-deny');
    e.line(2, `namespace: ${ctx.ns}`);
    e.line(0, 'spec:');
    e.line(2, 'podSelector: {}');
    e.line(2, 'policyTypes:');
    e.line(2, '- Ingress');
    e.line(2, '- Egress');
    return e.text();
  },
};

/** What one application brings, with the probability of each piece. */
function appBundle(r) {
  const workload = r.weighted([
    ['Deployment', 70],
    ['StatefulSet', 12],
    ['CronJob', 8],
    ['Job', 5],
    ['DaemonSet', 5],
  ]);
  const out = [workload];
  if (workload !== 'CronJob' && workload !== 'Job' && r.chance(0.9)) out.push('Service');
  if (r.chance(0.85)) out.push('ServiceAccount');
  if (r.chance(0.7)) out.push('ConfigMap');
  if (r.chance(0.45)) out.push('Secret');
  if (r.chance(0.3)) out.push('Role', 'RoleBinding');
  if (r.chance(0.35)) out.push('NetworkPolicy');
  if (workload === 'Deployment' && r.chance(0.25)) out.push('Ingress');
  if (r.chance(0.05)) out.push('ClusterRole', 'ClusterRoleBinding');
  if (r.chance(0.1)) out.push('Pod');
  return out;
}

function indentBlock(text, by) {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** A `List` document wrapping objects, as `kubectl get -o yaml` writes it. */
function listDocument(items) {
  const lines = ['apiVersion: v1', 'kind: List', 'items:'];
  for (const text of items) {
    const body = indentBlock(text.replace(/^#.*\n/gm, ''), 2).replace(/^ {2}/, '- ');
    lines.push(body.trimEnd());
  }
  lines.push('metadata:', '  resourceVersion: ""');
  return lines.join('\n') + '\n';
}

/**
 * Generates the corpus. Returns a summary (counts by kind, bytes). Objects are spread over
 * `files` files; an application's objects stay in one file, as in a repository.
 */
export function generateCorpus({ objects = 100_000, files = 100, seed = 20261129, out } = {}) {
  const dir = out ?? join(HERE, 'out', `corpus-${objects}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = prng(seed);
  const perFile = Math.ceil(objects / files);
  const namespacesPerFile = Math.max(1, Math.round(perFile / 400));
  const byKind = {};
  let written = 0;
  let bytes = 0;
  let lists = 0;
  const count = (kind, n = 1) => (byKind[kind] = (byKind[kind] ?? 0) + n);
  for (let f = 0; f < files && written < objects; f++) {
    const budget = Math.min(perFile, objects - written);
    const docs = [];
    let inFile = 0;
    let nsIndex = 0;
    const pendingList = [];
    // one file in 40 carries a List document of ConfigMaps, as `kubectl get -o yaml` does
    const listAt = f % 40 === 7 ? Math.floor(budget / 2) : -1;
    while (inFile < budget) {
      const team = TEAMS[(f + nsIndex) % TEAMS.length];
      const ns = `${team}-${f}-${nsIndex}`;
      nsIndex++;
      const nsQuota = Math.ceil(budget / namespacesPerFile);
      const start = inFile;
      const emit = (kind, ctx) => {
        if (inFile >= budget) return;
        const text = KINDS[kind](r, ctx);
        const real = kind === 'DefaultDeny' ? 'NetworkPolicy' : kind;
        count(real);
        inFile++;
        if (listAt >= 0 && inFile > listAt && pendingList.length < 20 && real === 'ConfigMap') {
          pendingList.push(text);
          if (pendingList.length === 20) {
            docs.push(listDocument(pendingList));
            lists++;
          }
          return;
        }
        docs.push(text);
      };
      emit('Namespace', { ns, team, app: ns });
      if (r.chance(0.6)) emit('DefaultDeny', { ns, team, app: 'default-deny' });
      let appIndex = 0;
      while (inFile < budget && inFile - start < nsQuota) {
        const app = `${r.pick(WORDS)}-${appIndex++}`;
        const ctx = { ns, team, app, posture: posture(r) };
        for (const kind of appBundle(r)) emit(kind, ctx);
      }
    }
    if (pendingList.length > 0 && pendingList.length < 20) {
      docs.push(listDocument(pendingList));
      lists++;
    }
    const text = docs
      .map((d, i) => (i === 0 && !r.chance(0.5) ? d : `---\n${d}`))
      .join('')
      .replace(/^/, f % 3 === 0 ? `# Generated by bench/generate.mjs (seed ${seed}), file ${f}\n` : '');
    const name = join(dir, `manifests-${String(f).padStart(3, '0')}.yaml`);
    writeFileSync(name, text);
    written += inFile;
    bytes += Buffer.byteLength(text);
  }
  const summary = {
    objects: written,
    files: readdirSync(dir).length,
    bytes,
    seed,
    listDocuments: lists,
    byKind,
  };
  writeFileSync(join(dir, '.complete.json'), JSON.stringify(summary, null, 2) + '\n');
  return { dir, ...summary };
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--objects') out.objects = Number(v);
    else if (k === '--files') out.files = Number(v);
    else if (k === '--seed') out.seed = Number(v);
    else if (k === '--out') out.out = v;
    else throw new Error(`unknown argument ${k} (use --objects N --files F --seed S --out DIR)`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const s = generateCorpus(parseArgs(process.argv.slice(2)));
  const ms = performance.now() - t0;
  console.log(
    `generated ${s.objects} objects in ${s.files} files (${(s.bytes / 1048576).toFixed(1)} MiB, ${s.listDocuments} List documents) in ${s.dir} [${ms.toFixed(0)} ms]`,
  );
  console.log(
    Object.entries(s.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  );
}
