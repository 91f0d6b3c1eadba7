/**
 * `kubeward audit --cluster`: informers keep the cluster's objects, and each cycle evaluates
 * what changed (incremental.ts), updates the metrics, writes the PolicyReports and records the
 * cycle in the history. With `watch`, a cycle runs every `intervalMs` when something changed
 * since the last; without, one cycle and the audit is over.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HistoryStore } from '../history/store.js';
import { recordFindings } from '../history/store.js';
import { connect, type ClusterConnection, type ConnectOptions } from '../load/cluster/connection.js';
import { policyReports, refKey, type PolicyReport } from '../report/policyReport.js';
import type { ScanOptions } from '../scan.js';
import { startInformers, type Informers } from './informer.js';
import { ClusterState, IncrementalEvaluator, type AuditFindings } from './incremental.js';
import type { AuditMetrics } from './metrics.js';
import { writeReportFiles } from './reportFiles.js';
import { syncReports, type ReportApi } from './clusterReports.js';

export interface AuditOptions extends ConnectOptions {
  readonly namespace?: string;
  readonly watch: boolean;
  /** Where the reports go: files in a folder, or the cluster's API. */
  readonly reports: { readonly dir: string } | { readonly api: ReportApi };
  /** Results per PolicyReport. */
  readonly maxResults?: number;
  readonly scan?: Omit<ScanOptions, 'now'>;
  /** The history, and the scope of the cycles (default: the context's name). */
  readonly history?: { readonly store: HistoryStore; readonly scope?: string };
  readonly metrics?: AuditMetrics;
  /** @default 30000 */
  readonly intervalMs?: number;
  /** Seconds each watch request stays open. @default 10 */
  readonly watchSeconds?: number;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  /** Told after every cycle (tests). */
  readonly onCycle?: (cycle: AuditCycle) => void;
  /** Open connections to use (tests). */
  readonly connections?: { readonly list: ClusterConnection; readonly watch: ClusterConnection };
}

export interface AuditCycle {
  readonly number: number;
  readonly at: Date;
  readonly result: AuditFindings;
  readonly reports: readonly PolicyReport[];
  /** The history cycle id, when recorded. */
  readonly recorded?: number;
}

export interface RunningAudit {
  readonly informers: Informers;
  /** The first cycle (resolved once it is done). */
  readonly first: Promise<AuditCycle>;
  /** Stops the informers and the cycles; the cycle under way finishes first. */
  stop(): Promise<void>;
}

function uidsOf(state: ClusterState): Map<string, string> {
  const uids = new Map<string, string>();
  for (const o of state.objects.values()) {
    const m = (o.metadata ?? {}) as { uid?: unknown; name?: unknown; namespace?: unknown };
    if (typeof m.uid === 'string' && typeof m.name === 'string') {
      uids.set(
        refKey({
          apiVersion: String(o.apiVersion),
          kind: String(o.kind),
          ...(typeof m.namespace === 'string' ? { namespace: m.namespace } : {}),
          name: m.name,
        }),
        m.uid,
      );
    }
  }
  return uids;
}

export async function startAudit(options: AuditOptions): Promise<RunningAudit> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const list = options.connections?.list ?? (await connect(options));
  // a socket per watched kind: each watch request stays open for its window
  const watch = options.connections?.watch ?? (await connect({ ...options, concurrency: 64 }));
  const state = new ClusterState();
  const metrics = options.metrics;
  const informers = await startInformers(
    list,
    watch,
    {
      onList: (kind, objects, relist) => {
        state.replaceKind(kind.group, kind.kind, objects);
        if (relist) {
          if (metrics) metrics.relists++;
          log(
            `${kind.kind}: the watch's version expired (410 Gone); listed again (${objects.length} objects)`,
          );
        }
      },
      onChanges: (_kind, changes) => {
        state.apply(changes);
        for (const c of changes) metrics?.event(c.type);
      },
      onError: (kind, message) => {
        if (metrics) metrics.watchErrors++;
        log(`${kind.kind}: ${message} (retrying)`);
      },
    },
    {
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      ...(options.watchSeconds !== undefined ? { watchSeconds: options.watchSeconds } : {}),
      watch: options.watch,
    },
  );
  const evaluator = new IncrementalEvaluator(list.context, options.scan ?? {});
  const target = options.reports;
  const outputDir = 'dir' in target ? resolve(target.dir) : undefined;
  if (outputDir !== undefined) await mkdir(outputDir, { recursive: true });
  let number = 0;
  let seen = -1;

  const runCycle = async (): Promise<AuditCycle> => {
    const at = now();
    const started = performance.now();
    seen = state.version;
    const result = evaluator.cycle(state, at);
    const reports = policyReports(result, {
      now: at,
      locations: false,
      uids: uidsOf(state),
      ...(options.maxResults !== undefined ? { maxResults: options.maxResults } : {}),
    });
    if (outputDir !== undefined) await writeReportFiles(outputDir, reports);
    else if ('api' in target) await syncReports(target.api, reports);
    const recorded =
      options.history !== undefined
        ? await recordFindings(options.history.store, result, {
            at,
            scope: options.history.scope ?? list.context,
            source: 'audit',
          })
        : undefined;
    metrics?.cycle(result, at, (performance.now() - started) / 1000);
    const cycle: AuditCycle = {
      number: ++number,
      at,
      result,
      reports,
      ...(recorded !== undefined ? { recorded } : {}),
    };
    log(
      `cycle ${cycle.number}: ${result.findings.length} findings on ${result.objects} objects (${result.reevaluated} re-evaluated), ${reports.length} reports`,
    );
    options.onCycle?.(cycle);
    return cycle;
  };

  const first = runCycle();
  let stopped = false;
  let running: Promise<unknown> = first;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    timer = setInterval(() => {
      if (stopped || state.version === seen) return;
      running = running.then(() =>
        stopped || state.version === seen
          ? undefined
          : runCycle().catch((e: unknown) => log(`cycle failed: ${(e as Error).message}`)),
      );
    }, options.intervalMs ?? 30_000);
  }
  return {
    informers,
    first,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await informers.stop();
      await running.catch(() => undefined);
      if (options.connections === undefined) {
        list.close();
        watch.close();
      }
    },
  };
}
