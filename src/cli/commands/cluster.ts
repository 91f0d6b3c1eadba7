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
import { findingJson } from '../../report/json.js';
import { countBySeverity, WRITE_CHUNK_CHARS } from '../../report/summary.js';
import { TOOL_INFO } from '../../report/toolInfo.js';
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

/** One entry of an array at four spaces, as `JSON.stringify(report, null, 2)` writes it. */
const entry = (value: unknown, first: boolean): string =>
  `${first ? '' : ','}\n    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`;

/**
 * The JSON report of clusters, in pieces (streamed: a cluster's findings can be hundreds of
 * thousands): the scan report's shape (report/json.ts), every finding, suppressed entry and error
 * with a `cluster` field, `summary` over all clusters, and `clusters[]` (context, server, read
 * time, namespace, each cluster's own summary and stats, what was not visible).
 */
function* clusterJsonChunks(
  reads: readonly ClusterRead[],
  results: readonly ScanResult[],
): Generator<string> {
  const tool = TOOL_INFO();
  const head = {
    schemaVersion: '1',
    tool: { name: tool.name, version: tool.version },
    summary: countBySeverity(results.flatMap((r) => r.findings)),
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "findings": [`;
  let first = true;
  for (const [i, r] of results.entries()) {
    const cluster = reads[i]!.context;
    let piece = '';
    for (const f of r.findings) {
      piece += entry({ cluster, ...findingJson(f) }, first);
      first = false;
      if (piece.length >= WRITE_CHUNK_CHARS) {
        yield piece;
        piece = '';
      }
    }
    yield piece;
  }
  yield first ? '],\n  "suppressed": [' : '\n  ],\n  "suppressed": [';
  first = true;
  for (const [i, r] of results.entries()) {
    const cluster = reads[i]!.context;
    let piece = '';
    for (const s of r.suppressed) {
      const { ruleId, path, resource } = s.finding;
      piece += entry({ cluster, ruleId, path, resource, reason: s.reason, by: s.by }, first);
      first = false;
    }
    yield piece;
  }
  const tail = {
    errors: results.flatMap((r, i) =>
      r.errors.map((e) => ({
        cluster: reads[i]!.context,
        file: e.file,
        line: e.line ?? null,
        message: e.message,
      })),
    ),
    warnings: results.flatMap((r) => r.warnings),
    clusters: reads.map((read, i) => ({
      context: read.context,
      server: read.server,
      readAt: read.readAt,
      namespace: read.namespace ?? null,
      secretMetadata: read.secretMetadata,
      summary: countBySeverity(results[i]!.findings),
      stats: results[i]!.stats,
      notVisible: read.notVisible,
    })),
  };
  yield `${first ? ']' : '\n  ]'},\n${JSON.stringify(tail, null, 2).slice(2)}\n`;
}

/**
 * The report of the clusters read (one or several): text, one section per cluster; JSON,
 * `clusterJsonChunks`; another format (one cluster only, `checkFleetFormats`), the scan's own.
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
  return clusterJsonChunks(reads, results);
}
