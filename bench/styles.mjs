#!/usr/bin/env node
/**
 * The generated corpus written in each style real tools emit — the same objects in each.
 *
 *   node bench/styles.mjs [--objects N] [--styles a,b,…]
 *
 * Style a is bench/generate.mjs's output (hand-written style: comments, block scalars, flow
 * maps, a few `List` documents). Every other style is written from the objects of style a
 * (parsed with js-yaml and kubeward's YAML 1.1 schema, so the objects are exactly the ones a
 * scan of style a sees), file for file, deterministically, with the `yaml` package (no
 * Python, no Go):
 *
 *   b  PyYAML / yq dump (`yaml.dump_all`): sorted keys, `- ` not indented, single quotes,
 *      multi-line strings quoted and folded, never block scalars; an anchor `&id001` and an
 *      alias `*id001` wherever one object is shared within a document — here the labels of a
 *      workload and of its pod template (the generator writes the same labels in both; they
 *      are made one object, as a program that builds the manifest would). Checked by hand
 *      against PyYAML 6.0.3's output for the same objects.
 *   c  `kubectl get -o yaml --show-managed-fields`: one `List` per file, keys sorted
 *      (sigs.k8s.io/yaml goes through JSON), double quotes, `|` for multi-line strings,
 *      and what the API server adds: uid, resourceVersion, generation, creationTimestamp,
 *      metadata.managedFields (a client-side apply and, with a status, the controller's
 *      status update), a `last-applied-configuration` annotation on a quarter of the
 *      objects, and a plausible status per kind.
 *   d  `kubectl get -o json`: the objects of c without managedFields (kubectl hides them by
 *      default since 1.21) as ONE List for the whole corpus, indented 4 spaces, Go's field
 *      order (apiVersion, kind, metadata, spec, status) — the shape of a live-cluster read.
 *   e  single-line JSON, one object per file (as `json.Marshal` writes it, e.g. a Velero
 *      backup's resources/<kind>/namespaces/<ns>/<name>.json), the objects of style a.
 *   f  Helm output (`helm template`): `---` and `# Source: <chart>/templates/<kind>.yaml`
 *      before each document, keys in the order written, sequences indented, `|` blocks.
 *   g  Kustomize output (`kubectl kustomize`): sorted keys, 2-space indent, `- ` not
 *      indented, no comments, `---` between documents.
 *
 * Corpora go to bench/out/styles-N/<style>/ with a .complete.json marker each; a style is
 * written once and reused. Style a's List documents stay List documents in b, f and g.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { Document, isAlias, isCollection, visit } from 'yaml';
import { KUBERNETES_YAML_SCHEMA } from '../dist/load/yaml11.js';
import { manifestFiles } from './files.mjs';
import { generateCorpus, prng } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

export const STYLES = {
  a: 'hand-written (generate.mjs)',
  b: 'PyYAML/yq dump, anchors',
  c: 'kubectl -o yaml, List per file',
  d: 'kubectl -o json, one List',
  e: 'single-line JSON per object',
  f: 'Helm output',
  g: 'Kustomize output',
};

/** Whether a style's files are JSON (their floor is `JSON.parse`). */
export const JSON_STYLES = new Set(['d', 'e']);

const isList = (d) => typeof d?.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items);

/** The workload's pod template, when it has one. */
function podTemplate(o) {
  return o?.spec?.template ?? o?.spec?.jobTemplate?.spec?.template;
}

const sameMap = (x, y) => {
  if (!x || !y) return false;
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
};

/** Makes a workload's pod-template labels the very object of its labels when they are equal. */
function shareLabels(o) {
  const t = podTemplate(o);
  if (t?.metadata && sameMap(t.metadata.labels, o.metadata?.labels)) t.metadata.labels = o.metadata.labels;
}

/** Style a's documents, file by file, as a scan of it sees them. */
function readStyleA(dir) {
  return manifestFiles(dir).map((f) => {
    const docs = yaml
      .loadAll(readFileSync(f, 'utf8'), { schema: KUBERNETES_YAML_SCHEMA })
      .filter((d) => d !== null && typeof d === 'object');
    for (const d of docs) for (const o of isList(d) ? d.items : [d]) shareLabels(o);
    return { name: basename(f, '.yaml'), docs };
  });
}

const objectsOf = (docs) => docs.flatMap((d) => (isList(d) ? d.items : [d]));

/** A deep copy without shared objects (JSON round trip; every value here is JSON). */
const copy = (v) => JSON.parse(JSON.stringify(v));

/** Sorted keys at every level (what going through a Go map does). */
function sorted(v) {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const out = {};
  for (const k of Object.keys(v).sort()) out[k] = sorted(v[k]);
  return out;
}

/** Renames the anchors `yaml` made (a1, a2…) as PyYAML does (id001, id002…, per document). */
function pyyamlAnchors(doc) {
  let n = 0;
  const names = new Map();
  visit(doc, {
    Node(_, node) {
      if (isCollection(node) && node.anchor) {
        const name = `id${String(++n).padStart(3, '0')}`;
        names.set(node.anchor, name);
        node.anchor = name;
      }
    },
  });
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node)) node.source = names.get(node.source) ?? node.source;
    },
  });
}

function yamlText(value, { aliases = false, sort = false, indentSeq, singleQuote = false, blockQuote = true }) {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: aliases, sortMapEntries: sort });
  if (aliases) pyyamlAnchors(doc);
  return doc.toString({ indentSeq, singleQuote, blockQuote, lineWidth: 80 });
}

/* ---------- style b: PyYAML ---------- */

/**
 * PyYAML writes a multi-line string double-quoted, with `\n` escapes, folded at 80 columns by a
 * `\` at the end of the line, when a line break and a space meet or a character is not
 * printable ASCII (emitter.py, analyze_scalar and write_double_quoted); `yaml` folds those
 * differently, so they are written here and put in place of a plain placeholder.
 */
const PY_ESCAPES = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P' };

function pyDoubleQuoted(text, column, indent) {
  let out = '"';
  column += 1;
  let start = 0;
  for (let end = 0; end <= text.length; end++) {
    const ch = end < text.length ? text[end] : undefined;
    if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || ch < ' ' || ch > '~') {
      if (start < end) {
        out += text.slice(start, end);
        column += end - start;
        start = end;
      }
      if (ch !== undefined) {
        const code = ch.charCodeAt(0);
        const data =
          ch in PY_ESCAPES
            ? `\\${PY_ESCAPES[ch]}`
            : code <= 0xff
              ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
              : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
        out += data;
        column += data.length;
        start = end + 1;
      }
    }
    if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && column + (end - start) > 80) {
      out += text.slice(start, end) + '\\\n' + ' '.repeat(indent);
      if (start < end) start = end;
      column = indent;
      if (text[start] === ' ') {
        out += '\\';
        column += 1;
      }
    }
  }
  return out + '"';
}

/** Whether PyYAML writes this string double-quoted across lines (break next to a space, or not printable). */
const pyDouble = (s) => s.includes('\n') && (/ \n|\n /.test(s) || /[^\n -~]/.test(s));

function pyyaml(d) {
  const strings = [];
  const mark = (v) => {
    if (typeof v === 'string' && pyDouble(v)) return `PYDQ${strings.push(v) - 1}Q`;
    if (Array.isArray(v)) return v.map(mark);
    if (v === null || typeof v !== 'object') return v;
    const seen = mark.seen.get(v);
    if (seen) return seen; // shared objects stay shared
    const out = {};
    mark.seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = mark(x);
    return out;
  };
  mark.seen = new Map();
  const text = yamlText(mark(d), { aliases: true, sort: true, indentSeq: false, singleQuote: true, blockQuote: false });
  if (strings.length === 0) return text;
  return text.replace(/^( *)((?:- )*)(.*?)PYDQ(\d+)Q$/gm, (_, lead, dashes, key, n) => {
    const col = lead.length + dashes.length;
    return lead + dashes + key + pyDoubleQuoted(strings[Number(n)], col + key.length, key === '' ? col : col + 2);
  });
}

/* ---------- styles c and d: what the API server adds ---------- */

/** Go's metadata field order (ObjectMeta). */
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

function timestamp(r) {
  const day = r.int(1, 28);
  const t = `2026-${String(r.int(1, 11)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return `${t}T${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}Z`;
}

const uid = (r) => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${r.hex(3)}-${r.hex(12)}`;

/** A managedFields fieldsV1 set for a value, as the API server records it (f:, k:{…}, v:…). */
function fieldSet(v) {
  if (Array.isArray(v)) {
    const out = {};
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const key =
          item.name !== undefined
            ? { name: item.name }
            : item.containerPort !== undefined
              ? { containerPort: item.containerPort, protocol: item.protocol ?? 'TCP' }
              : undefined;
        if (key === undefined) return {};
        out[`k:${JSON.stringify(key)}`] = { '.': {}, ...fieldSet(item) };
      } else out[`v:${JSON.stringify(item)}`] = {};
    }
    return out;
  }
  if (v === null || typeof v !== 'object') return {};
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    const sub = fieldSet(x);
    out[`f:${k}`] = x !== null && typeof x === 'object' && Object.keys(sub).length > 0 ? { '.': {}, ...sub } : sub;
  }
  return out;
}

function status(o, r, created) {
  const replicas = o.spec?.replicas ?? 1;
  const condition = (type, reason, message) => ({
    lastTransitionTime: created,
    lastUpdateTime: created,
    message,
    reason,
    status: 'True',
    type,
  });
  switch (o.kind) {
    case 'Deployment':
      return {
        availableReplicas: replicas,
        conditions: [
          condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
          condition(
            'Progressing',
            'NewReplicaSetAvailable',
            `ReplicaSet "${o.metadata.name}-${r.hex(10)}" has successfully progressed.`,
          ),
        ],
        observedGeneration: 1,
        readyReplicas: replicas,
        replicas,
        updatedReplicas: replicas,
      };
    case 'StatefulSet':
      return {
        availableReplicas: replicas,
        collisionCount: 0,
        currentReplicas: replicas,
        currentRevision: `${o.metadata.name}-${r.hex(10)}`,
        observedGeneration: 1,
        readyReplicas: replicas,
        replicas,
        updateRevision: `${o.metadata.name}-${r.hex(10)}`,
        updatedReplicas: replicas,
      };
    case 'DaemonSet': {
      const n = r.int(3, 12);
      return {
        currentNumberScheduled: n,
        desiredNumberScheduled: n,
        numberAvailable: n,
        numberMisscheduled: 0,
        numberReady: n,
        observedGeneration: 1,
        updatedNumberScheduled: n,
      };
    }
    case 'Job':
      return {
        completionTime: created,
        conditions: [{ lastProbeTime: created, lastTransitionTime: created, status: 'True', type: 'Complete' }],
        startTime: created,
        succeeded: 1,
      };
    case 'CronJob':
      return { lastScheduleTime: created, lastSuccessfulTime: created };
    case 'Pod': {
      const ip = `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
      return {
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
          lastProbeTime: null,
          lastTransitionTime: created,
          status: 'True',
          type,
        })),
        containerStatuses: (o.spec?.containers ?? []).map((c) => ({
          containerID: `containerd://${r.hex(64)}`,
          image: c.image,
          imageID: `${String(c.image).split(/[:@]/)[0]}@sha256:${r.hex(64)}`,
          lastState: {},
          name: c.name,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: created } },
        })),
        hostIP: `192.168.${r.int(0, 3)}.${r.int(1, 254)}`,
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        qosClass: 'Burstable',
        startTime: created,
      };
    }
    case 'Service':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    default:
      return undefined;
  }
}

/** One object as the API server returns it; `managed` adds metadata.managedFields. */
function live(o, r, managed) {
  const created = timestamp(r);
  const x = copy(o);
  const lastApplied = r.chance(0.25) ? JSON.stringify(o) + '\n' : undefined;
  const st = status(x, r, created);
  const meta = {
    ...x.metadata,
    uid: uid(r),
    resourceVersion: String(r.int(1_000, 99_999_999)),
    ...(WORKLOADS.has(x.kind) ? { generation: 1 } : {}),
    creationTimestamp: created,
  };
  if (lastApplied !== undefined)
    meta.annotations = { ...meta.annotations, 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
  if (managed) {
    const { apiVersion, kind, metadata, ...rest } = o;
    const applied = { metadata: { labels: metadata.labels, annotations: metadata.annotations }, ...rest };
    meta.managedFields = [
      {
        apiVersion: x.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: fieldSet(applied),
        manager: lastApplied !== undefined ? 'kubectl-client-side-apply' : r.pick(['helm', 'argocd-controller', 'kubectl-create']),
        operation: 'Update',
        time: created,
      },
    ];
    if (st !== undefined && x.kind !== 'Service' && x.kind !== 'Namespace')
      meta.managedFields.push({
        apiVersion: x.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: fieldSet({ status: st }),
        manager: x.kind === 'Pod' ? 'kubelet' : 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        time: created,
      });
    void apiVersion;
    void kind;
  }
  const metadata = {};
  for (const k of META_ORDER) if (meta[k] !== undefined) metadata[k] = meta[k];
  for (const k of Object.keys(meta)) if (!(k in metadata)) metadata[k] = meta[k];
  const { apiVersion, kind, metadata: _m, spec, ...rest } = x;
  void _m;
  return {
    apiVersion,
    kind,
    metadata,
    ...(spec !== undefined ? { spec } : {}),
    ...rest,
    ...(st !== undefined ? { status: st } : {}),
  };
}

const kubectlList = (items) => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

/* ---------- style e: one object per file, Velero-like layout ---------- */

const PLURAL = { Ingress: 'ingresses', NetworkPolicy: 'networkpolicies' };
const plural = (kind) => PLURAL[kind] ?? `${kind.toLowerCase()}s`;

/* ---------- writing ---------- */

function writeFiles(dir, files) {
  let bytes = 0;
  let count = 0;
  for (const [rel, text] of files) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    bytes += Buffer.byteLength(text);
    count++;
  }
  return { bytes, files: count };
}

/** Yields [relative path, text] for each file of `style`, from style a's files. */
function* render(style, sources, seed) {
  const r = prng(seed + style.charCodeAt(0));
  if (style === 'b') {
    for (const { name, docs } of sources) yield [`${name}.yaml`, docs.map(pyyaml).join('---\n')];
  } else if (style === 'c') {
    for (const { name, docs } of sources)
      yield [
        `${name}.yaml`,
        yamlText(sorted(kubectlList(objectsOf(docs).map((o) => live(o, r, true)))), { indentSeq: false }),
      ];
  } else if (style === 'd') {
    const items = sources.flatMap(({ docs }) => objectsOf(docs).map((o) => live(o, r, false)));
    yield ['cluster.json', JSON.stringify(kubectlList(items), null, 4) + '\n'];
  } else if (style === 'e') {
    const seen = new Set();
    for (const { docs } of sources)
      for (const o of objectsOf(docs)) {
        const ns = o.metadata?.namespace;
        let rel = `resources/${plural(o.kind)}/${ns ? `namespaces/${ns}` : 'cluster'}/${o.metadata?.name}`;
        if (seen.has(rel)) rel += `-${seen.size}`;
        seen.add(rel);
        yield [`${rel}.json`, JSON.stringify(o) + '\n'];
      }
  } else if (style === 'f') {
    for (const { name, docs } of sources) {
      const chart = name.replace(/^manifests-/, 'chart-');
      yield [
        `${name}.yaml`,
        docs
          .map((d) => {
            const kind = isList(d) ? 'list' : String(d.kind).toLowerCase();
            return `---\n# Source: ${chart}/templates/${kind}.yaml\n${yamlText(copy(d), { indentSeq: true })}`;
          })
          .join(''),
      ];
    }
  } else if (style === 'g') {
    for (const { name, docs } of sources)
      yield [`${name}.yaml`, docs.map((d) => yamlText(sorted(d), { indentSeq: false })).join('---\n')];
  } else throw new Error(`unknown style ${style} (known: ${Object.keys(STYLES).join(', ')})`);
}

/**
 * The corpus of `objects` objects in `style`, written on first use; returns its folder and
 * a summary. Style a is bench/generate.mjs's corpus itself (bench/out/corpus-N).
 */
export function styleCorpus(style, objects, { seed = 20261129, log = () => {} } = {}) {
  if (!(style in STYLES)) throw new Error(`unknown style ${style} (known: ${Object.keys(STYLES).join(', ')})`);
  const aDir = join(HERE, 'out', `corpus-${objects}`);
  const aMarker = join(aDir, '.complete.json');
  if (!existsSync(aMarker)) {
    log(`generating ${objects} objects in ${aDir} …`);
    generateCorpus({ objects, out: aDir, seed });
  }
  if (style === 'a') return { dir: aDir, summary: JSON.parse(readFileSync(aMarker, 'utf8')) };
  const dir = join(HERE, 'out', `styles-${objects}`, style);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) return { dir, summary: JSON.parse(readFileSync(marker, 'utf8')) };
  log(`writing ${objects} objects in style ${style} (${STYLES[style]}) to ${dir} …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sources = readStyleA(aDir);
  const { bytes, files } = writeFiles(dir, render(style, sources, seed));
  const summary = { style, description: STYLES[style], objects: sources.reduce((n, s) => n + objectsOf(s.docs).length, 0), files, bytes, seed };
  writeFileSync(marker, JSON.stringify(summary, null, 2) + '\n');
  return { dir, summary };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
  const objects = Number(opt('--objects', 100_000));
  for (const style of opt('--styles', Object.keys(STYLES).join(',')).split(',')) {
    const t0 = performance.now();
    const { dir, summary } = styleCorpus(style, objects, { log: (m) => console.error(m) });
    console.log(
      `${style} (${STYLES[style]}): ${summary.objects} objects in ${summary.files} files, ${(summary.bytes / 1048576).toFixed(1)} MiB, ${dir} [${(performance.now() - t0).toFixed(0)} ms]`,
    );
  }
}
