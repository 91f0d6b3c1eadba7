/**
 * Snapshots: what was read from one or more clusters, as a versioned JSON file that every
 * analysing command takes as input in place of the cluster (offline analysis, a file to attach
 * to a ticket). Format `kubeward.io/snapshot/v1`:
 *
 * ```json
 * {"apiVersion": "kubeward.io/snapshot/v1", "kind": "ClusterSnapshot",
 *  "tool": {"name": "kubeward", "version": "0.1.0"},
 *  "clusters": [{"context": "prod", "server": "https://…", "readAt": "2026-12-03T14:00:00.000Z",
 *                "namespace": "shop", "secretMetadata": false,
 *                "notVisible": [{"group": "", "kind": "ConfigMap", "resource": "configmaps", "verb": "list", "message": "…"}],
 *                "errors": [{"file": "cluster:prod", "message": "…"}],
 *                "objects": [{"apiVersion": "v1", "kind": "Pod", …}, …]}]}
 * ```
 *
 * `apiVersion` comes first so a file is recognised by its first bytes. Secrets in a snapshot are
 * metadata only; a Secret read from a snapshot is cut to its metadata again (value-carrying
 * annotations dropped, secretMetadata.ts), whoever wrote the file.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import type { JsonRecord } from '../../k8s/shape.js';
import type { InputError as InputProblem } from '../inputError.js';
import type { ClusterRead, NotVisible } from './read.js';
import { redactSecretMetadata } from './secretMetadata.js';

export const SNAPSHOT_API_VERSION = 'kubeward.io/snapshot/v1';
export const SNAPSHOT_KIND = 'ClusterSnapshot';

/** What `kubeward snapshot` writes. */
export interface Snapshot {
  readonly apiVersion: typeof SNAPSHOT_API_VERSION;
  readonly kind: typeof SNAPSHOT_KIND;
  readonly tool: { readonly name: string; readonly version: string };
  /** One entry per cluster read, in the order read; `requests` is not kept. */
  readonly clusters: readonly Omit<ClusterRead, 'requests'>[];
}

/** The snapshot text: one object per line, so a diff of two snapshots reads object by object. */
export function* renderSnapshot(reads: readonly ClusterRead[], toolVersion: string): Generator<string> {
  yield `{"apiVersion":${JSON.stringify(SNAPSHOT_API_VERSION)},"kind":${JSON.stringify(SNAPSHOT_KIND)},`;
  yield `"tool":${JSON.stringify({ name: 'kubeward', version: toolVersion })},\n"clusters":[`;
  for (const [i, r] of reads.entries()) {
    const head = {
      context: r.context,
      server: r.server,
      readAt: r.readAt,
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
      secretMetadata: r.secretMetadata,
      notVisible: r.notVisible,
      errors: r.errors,
    };
    yield `${i > 0 ? ',' : ''}\n${JSON.stringify(head).slice(0, -1)},"objects":[`;
    let batch = '';
    for (const [j, o] of r.objects.entries()) {
      batch += `${j > 0 ? ',' : ''}\n${JSON.stringify(o)}`;
      if (batch.length > 1 << 20) {
        yield batch;
        batch = '';
      }
    }
    yield `${batch}\n]}`;
  }
  yield '\n]}\n';
}

/** True when the file at `path` starts as a snapshot does (its first bytes name the format). */
export async function isSnapshotFile(path: string, cwd = process.cwd()): Promise<boolean> {
  const abs = resolve(cwd, path);
  try {
    if (!(await stat(abs)).isFile()) return false;
    const fh = await open(abs, 'r');
    try {
      const buf = Buffer.alloc(256);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return /^\s*\{\s*"apiVersion"\s*:\s*"kubeward\.io\/snapshot\//.test(
        buf.subarray(0, bytesRead).toString('utf8'),
      );
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Secrets cut to metadata, whatever the file held. */
function sanitised(o: JsonRecord): JsonRecord {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: redactSecretMetadata(isRecord(o.metadata) ? o.metadata : {}),
  };
}

/** Parses a snapshot's text; throws InputError with one line naming the file and what is wrong. */
export function parseSnapshot(text: string, file: string): ClusterRead[] {
  const bad = (why: string): InputError => new InputError(`${file}: ${why}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw bad(`not a kubeward snapshot: malformed JSON (${(e as Error).message})`);
  }
  if (!isRecord(doc)) throw bad('not a kubeward snapshot: the document is not a JSON object');
  if (doc.apiVersion !== SNAPSHOT_API_VERSION) {
    const v = typeof doc.apiVersion === 'string' ? `"${doc.apiVersion}"` : 'none';
    throw bad(
      `snapshot format ${v} is not supported (this kubeward reads ${SNAPSHOT_API_VERSION}); write the snapshot again with this version`,
    );
  }
  if (!Array.isArray(doc.clusters) || doc.clusters.length === 0)
    throw bad('malformed snapshot: "clusters" must be a non-empty array');
  return doc.clusters.map((c: unknown, i): ClusterRead => {
    const at = `clusters[${i}]`;
    if (!isRecord(c)) throw bad(`malformed snapshot: ${at} is not an object`);
    if (typeof c.context !== 'string' || c.context === '')
      throw bad(`malformed snapshot: ${at}.context must be a non-empty string`);
    if (!Array.isArray(c.objects)) throw bad(`malformed snapshot: ${at}.objects must be an array`);
    const objects = c.objects.map((o: unknown, j): JsonRecord => {
      if (
        !isRecord(o) ||
        typeof o.apiVersion !== 'string' ||
        typeof o.kind !== 'string' ||
        !isRecord(o.metadata)
      ) {
        throw bad(
          `malformed snapshot: ${at}.objects[${j}] is not a Kubernetes object (apiVersion, kind, metadata)`,
        );
      }
      return sanitised(o);
    });
    const list = <T>(v: unknown, name: string): T[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v)) throw bad(`malformed snapshot: ${at}.${name} must be an array`);
      return v as T[];
    };
    return {
      context: c.context,
      server: typeof c.server === 'string' ? c.server : '',
      readAt: typeof c.readAt === 'string' ? c.readAt : '',
      ...(typeof c.namespace === 'string' ? { namespace: c.namespace } : {}),
      secretMetadata: c.secretMetadata === true,
      objects,
      notVisible: list<NotVisible>(c.notVisible, 'notVisible'),
      errors: list<InputProblem>(c.errors, 'errors'),
      requests: 0,
    };
  });
}

/** Reads and parses a snapshot file (`file` as the user named it); InputError when it cannot be read or is not one. */
export async function readSnapshotFile(file: string, cwd = process.cwd()): Promise<ClusterRead[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new InputError(
      `${file}: cannot read the snapshot (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return parseSnapshot(text, file);
}

/**
 * The clusters of the snapshot files among `paths` (recognised by their first bytes), or
 * undefined when there are none. A snapshot mixed with manifests is a UsageError.
 */
export async function snapshotReads(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<ClusterRead[] | undefined> {
  const isSnapshot = await Promise.all(
    paths.map((p) => (p === '-' ? Promise.resolve(false) : isSnapshotFile(p, cwd))),
  );
  if (!isSnapshot.includes(true)) return undefined;
  if (isSnapshot.includes(false)) {
    throw new UsageError(
      `${paths[isSnapshot.indexOf(true)]!} is a snapshot: scan it on its own, not together with ${paths[isSnapshot.indexOf(false)]!}`,
    );
  }
  return (await Promise.all(paths.map((p) => readSnapshotFile(p, cwd)))).flat();
}

/** The one cluster of `reads`; an engine command analyses one cluster at a time. */
export function oneCluster(reads: readonly ClusterRead[]): ClusterRead {
  if (reads.length !== 1) {
    throw new UsageError(
      `${reads.length} clusters (${reads.map((r) => r.context).join(', ')}): this command analyses one cluster at a time; \`kubeward scan\` reports fleets`,
    );
  }
  return reads[0]!;
}
