/**
 * The input of every analysing command when it is not files: live clusters (`--cluster`,
 * `--context` repeatable, `--all-contexts`, `--namespace`, `--secret-metadata`, `--kubeconfig`)
 * or snapshot files (`--snapshot FILE`, or a snapshot passed as a path). One resolver for
 * `scan`, `snapshot`, `netpol`, `rbac`, `paths`, `exposure`; and the fleet reports of `scan`
 * (one section per cluster, findings keyed by cluster).
 */
import { UsageError } from '../../errors.js';
import { kubeconfigContexts } from '../../load/cluster/connection.js';
import {
  describeNotVisible,
  readCluster,
  type ClusterRead,
  type ReadClusterOptions,
} from '../../load/cluster/read.js';
import { readSnapshotFile, snapshotReads } from '../../load/cluster/snapshot.js';
import { renderScanChunks, type ScanFormat } from '../../report/formats.js';
import type { ScanResult } from '../../scan.js';
import type { CliIo } from '../io.js';
import { progressLine } from '../progress.js';

/** The cluster flags as commander gives them (every command that reads input has them). */
export interface ClusterInputFlags {
  readonly cluster?: boolean;
  readonly context?: readonly string[];
  readonly allContexts?: boolean;
  readonly namespace?: string;
  readonly secretMetadata?: boolean;
  readonly kubeconfig?: string;
  readonly snapshot?: readonly string[];
  readonly quiet?: boolean;
}

/** The input flags of an engine command (its own `-n` is a query's namespace, not a read filter). */
export function engineClusterFlags(flags: ClusterInputFlags): ClusterInputFlags {
  return {
    ...(flags.cluster === true ? { cluster: true } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.snapshot !== undefined ? { snapshot: flags.snapshot } : {}),
    ...(flags.quiet === true ? { quiet: true } : {}),
  };
}

/** Whether the flags name a live cluster (`--context` and `--all-contexts` imply `--cluster`). */
export function wantsCluster(flags: ClusterInputFlags): boolean {
  return flags.cluster === true || (flags.context?.length ?? 0) > 0 || flags.allContexts === true;
}

function checkFlags(paths: readonly string[], flags: ClusterInputFlags): void {
  const live = wantsCluster(flags);
  const snapshots = (flags.snapshot?.length ?? 0) > 0;
  if (live && snapshots) throw new UsageError('--snapshot and --cluster are two inputs: give one of them');
  if ((live || snapshots) && paths.length > 0) {
    throw new UsageError(
      `${live ? '--cluster' : '--snapshot'} reads its own input: leave out ${paths.join(' ')} (or scan them in another run)`,
    );
  }
  if ((flags.context?.length ?? 0) > 0 && flags.allContexts === true)
    throw new UsageError('--context and --all-contexts: give one of them');
  if (
    !live &&
    (flags.namespace !== undefined || flags.secretMetadata === true || flags.kubeconfig !== undefined)
  ) {
    const flag =
      flags.namespace !== undefined
        ? '--namespace'
        : flags.secretMetadata === true
          ? '--secret-metadata'
          : '--kubeconfig';
    throw new UsageError(`${flag} is for a live cluster: add --cluster (or --context NAME)`);
  }
}

/** How the reader is told about one context (flags, and a progress line on a terminal). */
function readOptions(flags: ClusterInputFlags, context: string | undefined): ReadClusterOptions {
  return {
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(context !== undefined ? { context } : {}),
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    ...(flags.secretMetadata === true ? { secretMetadata: true } : {}),
  };
}

/** Reads the clusters the flags name, one after the other; a fleet goes on past a cluster it cannot reach. */
async function readClusters(flags: ClusterInputFlags, io: CliIo): Promise<ClusterRead[]> {
  const contexts: (string | undefined)[] =
    flags.allContexts === true
      ? await kubeconfigContexts(flags.kubeconfig)
      : (flags.context?.length ?? 0) > 0
        ? [...new Set(flags.context)]
        : [undefined];
  if (contexts.length === 0) throw new UsageError('--all-contexts: the kubeconfig has no contexts');
  const reads: ClusterRead[] = [];
  for (const context of contexts) {
    const progress =
      flags.quiet || !io.progressStream ? undefined : progressLine(io.progressStream, 1000, 'kinds');
    try {
      reads.push(
        await readCluster({
          ...readOptions(flags, context),
          now: io.now,
          ...(progress
            ? {
                onProgress: (p) =>
                  progress.onProgress({
                    phase: 'read',
                    files: p.kindsDone,
                    totalFiles: p.kinds,
                    objects: p.objects,
                  }),
              }
            : {}),
        }),
      );
    } catch (e) {
      // one cluster: its error is the run's; a fleet reports it in that cluster's section and goes on
      if (contexts.length === 1 || !(e instanceof Error)) throw e;
      reads.push({
        context: context ?? '',
        server: '',
        readAt: io.now().toISOString(),
        secretMetadata: flags.secretMetadata === true,
        objects: [],
        notVisible: [],
        errors: [{ file: `cluster:${context ?? ''}`, message: e.message }],
        requests: 0,
      });
    } finally {
      progress?.stop();
    }
  }
  return reads;
}

/**
 * The clusters to analyse, or undefined when the input is files: live reads for `--cluster`,
 * `--context`, `--all-contexts`; snapshot files for `--snapshot` or snapshots given as paths.
 */
export async function resolveClusterInput(
  paths: readonly string[],
  flags: ClusterInputFlags,
  io: CliIo,
): Promise<ClusterRead[] | undefined> {
  checkFlags(paths, flags);
  if (wantsCluster(flags)) return readClusters(flags, io);
  if ((flags.snapshot?.length ?? 0) > 0)
    return (await Promise.all(flags.snapshot!.map((f) => readSnapshotFile(f, io.cwd)))).flat();
  return snapshotReads(paths, io.cwd);
}

/** The one cluster an engine command (netpol, rbac, paths, exposure) analyses, or undefined for files. */
export async function resolveOneCluster(
  paths: readonly string[],
  flags: ClusterInputFlags,
  io: CliIo,
): Promise<ClusterRead | undefined> {
  const reads = await resolveClusterInput(paths, engineClusterFlags(flags), io);
  if (reads === undefined) return undefined;
  if (reads.length !== 1) {
    throw new UsageError(
      `${reads.length} clusters (${reads.map((r) => r.context).join(', ')}): this command analyses one cluster at a time; give one --context (kubeward scan reports fleets)`,
    );
  }
  for (const n of reads[0]!.notVisible)
    io.stderr(`warning: cluster ${reads[0]!.context}: not visible: ${describeNotVisible(n)}\n`);
  return reads[0];
}

const FLEET_FORMATS: readonly ScanFormat[] = ['text', 'json'];

/** The fleet report check: several clusters go to text or JSON (SARIF, JUnit, Markdown and HTML report one input). */
export function checkFleetFormats(formats: readonly ScanFormat[], clusters: number): void {
  const other = formats.find((f) => !FLEET_FORMATS.includes(f));
  if (clusters > 1 && other !== undefined) {
    throw new UsageError(
      `--format ${other} reports one cluster; for ${clusters} clusters use text or json, or run once per --context`,
    );
  }
}

/** A cluster section's head line: context, server, time, objects, what was not visible. */
function sectionHead(read: ClusterRead, result: ScanResult): string {
  const ns = read.namespace !== undefined ? `, namespace ${read.namespace}` : '';
  const head = `== cluster ${read.context}${read.server !== '' ? ` (${read.server})` : ''}${ns}, read ${read.readAt}: ${result.stats.resources} objects ==\n`;
  const hidden =
    read.notVisible.length > 0
      ? `not visible (${read.notVisible.length} kind${read.notVisible.length === 1 ? '' : 's'}): ${read.notVisible.map((n) => n.kind).join(', ')}\n`
      : '';
  return head + hidden;
}

type JsonDoc = Record<string, unknown>;

/**
 * The report of several clusters (or of one read from a cluster), as pieces of text. Text: one
 * section per cluster. JSON: the scan report's shape, every finding and suppressed entry with a
 * `cluster` field, the summary over all clusters, and `clusters[]` (context, server, read time,
 * what was not visible, and each cluster's own summary).
 */
export async function renderClusterReport(
  format: ScanFormat,
  reads: readonly ClusterRead[],
  results: readonly ScanResult[],
  options: { color: boolean; cwd: string },
): Promise<Iterable<string>> {
  if (format === 'text') {
    const out: string[] = [];
    for (const [i, r] of results.entries()) {
      out.push(`${i > 0 ? '\n' : ''}${sectionHead(reads[i]!, r)}`);
      for (const chunk of await renderScanChunks('text', r, options)) out.push(chunk);
    }
    return out;
  }
  if (format !== 'json') return renderScanChunks(format, results[0]!, options);
  const docs: JsonDoc[] = [];
  for (const r of results) {
    let text = '';
    for (const chunk of await renderScanChunks('json', r, options)) text += chunk;
    docs.push(JSON.parse(text) as JsonDoc);
  }
  const keyed = (list: unknown, cluster: string): unknown[] =>
    (Array.isArray(list) ? list : []).map((x: JsonDoc) => ({ cluster, ...x }));
  const summary: Record<string, number> = {};
  for (const d of docs)
    for (const [k, v] of Object.entries(d.summary as Record<string, number>))
      summary[k] = (summary[k] ?? 0) + v;
  const merged = {
    schemaVersion: docs[0]!.schemaVersion,
    tool: docs[0]!.tool,
    summary,
    findings: docs.flatMap((d, i) => keyed(d.findings, reads[i]!.context)),
    suppressed: docs.flatMap((d, i) => keyed(d.suppressed, reads[i]!.context)),
    errors: docs.flatMap((d, i) => keyed(d.errors, reads[i]!.context)),
    warnings: docs.flatMap((d) => d.warnings as string[]),
    clusters: reads.map((read, i) => ({
      context: read.context,
      server: read.server,
      readAt: read.readAt,
      namespace: read.namespace ?? null,
      secretMetadata: read.secretMetadata,
      summary: docs[i]!.summary,
      stats: docs[i]!.stats,
      notVisible: read.notVisible,
    })),
  };
  return [`${JSON.stringify(merged, null, 2)}\n`];
}
