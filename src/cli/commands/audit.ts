/**
 * `kubeward audit --cluster [--watch]`: the continuous audit (src/audit/). Without `--watch`,
 * one cycle and exit (1 when a finding is at or above --fail-on); with it, until SIGTERM or
 * SIGINT, then the informers stop, the cycle under way finishes, and the process exits 0.
 */
import { createServer, type Server } from 'node:http';
import { UsageError } from '../../errors.js';
import type { ReportApi } from '../../audit/clusterReports.js';
import type { LeaseApi } from '../../audit/leaderElection.js';
import type { HistoryStore } from '../../history/store.js';
import { DEFAULT_CONFIG } from '../../policy/config.js';
import { DEFAULT_FAIL_ON, parseSeverityFlag } from '../../policy/verdict.js';
import { severityRank } from '../../policy/types.js';
import { findConfigFile, loadConfigFile } from '../../scan.js';
import type { CliIo } from '../io.js';
import { parsePssFlag } from '../pssFlag.js';
import { parsePositiveFlag } from './scan.js';

export interface AuditFlags {
  readonly cluster?: boolean;
  readonly watch?: boolean;
  readonly outputDir?: string;
  readonly interval?: string;
  readonly metricsPort?: string;
  readonly metricsHost?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly db?: string;
  readonly record?: boolean;
  readonly scope?: string;
  readonly reportMaxResults?: string;
  readonly config?: string | false;
  readonly pss?: string;
  readonly failOn?: string;
  readonly watchSeconds?: string;
  readonly leaderElect?: boolean;
  readonly leaseName?: string;
  readonly leaseNamespace?: string;
}

/** Holds the Lease before the audit starts and renews it; resolves `lost` when another took it. */
async function leadership(
  api: LeaseApi,
  identity: string,
  now: () => Date,
  log: (m: string) => void,
): Promise<{ lost: Promise<void>; release: () => void }> {
  const { tryAcquireOrRenew } = await import('../../audit/leaderElection.js');
  const RENEW_MS = 5000; // a third of the 15 s lease, as client-go's defaults (renew deadline 10 s, retry 2 s)
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  log(`waiting for the Lease as ${identity}`);
  while (!(await tryAcquireOrRenew(api, { identity, now }).catch(() => false))) await sleep(RENEW_MS);
  log(`leading as ${identity}`);
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<void>((done) => {
    let lastRenew = now().getTime();
    timer = setInterval(() => {
      void tryAcquireOrRenew(api, { identity, now })
        .catch(() => false)
        .then((held) => {
          if (held) lastRenew = now().getTime();
          else if (now().getTime() - lastRenew >= 10_000) done();
        });
    }, RENEW_MS);
  });
  return { lost, release: () => clearInterval(timer) };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000 };

/** `--interval`: `30s`, `5m`, `1h`, `500ms`, or whole seconds. */
export function parseInterval(text: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!m || Number(m[1]) === 0)
    throw new UsageError(`--interval: expected a duration such as 30s, 5m or 1h, not "${text}"`);
  return Number(m[1]) * UNITS[m[2] ?? 's']!;
}

function metricsServer(render: () => string, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(render());
    } else if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export async function runAudit(flags: AuditFlags, io: CliIo): Promise<number> {
  if (flags.cluster !== true)
    throw new UsageError(
      'audit reads a live cluster: give --cluster (with --kubeconfig/--context as kubectl takes them)',
    );
  const intervalMs = flags.interval !== undefined ? parseInterval(flags.interval) : 30_000;
  const port = flags.metricsPort !== undefined ? Number(flags.metricsPort) : undefined;
  if (port !== undefined && (!Number.isSafeInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`--metrics-port: expected a port number, not "${flags.metricsPort}"`);
  if (port !== undefined && flags.watch !== true) throw new UsageError('--metrics-port needs --watch');
  const maxResults =
    flags.reportMaxResults !== undefined
      ? parsePositiveFlag(flags.reportMaxResults, '--report-max-results')
      : undefined;
  const watchSeconds =
    flags.watchSeconds !== undefined ? parsePositiveFlag(flags.watchSeconds, '--watch-seconds') : undefined;
  const configFile = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  const config =
    configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
  const failOn = parseSeverityFlag(flags.failOn ?? config.failOn ?? DEFAULT_FAIL_ON, '--fail-on');
  const pss = flags.pss !== undefined ? parsePssFlag(flags.pss) : undefined;
  const log = (m: string): void => io.stderr(`kubeward audit: ${m}\n`);

  let reports: { dir: string } | { api: ReportApi };
  let lease: { lost: Promise<void>; release: () => void } | undefined;
  if (flags.outputDir !== undefined) reports = { dir: flags.outputDir };
  else {
    const { clientNodeReportApi } = await import('../../audit/clusterReports.js');
    const { reportApi, kc } = await clientNodeReportApi(flags.kubeconfig, flags.context);
    reports = { api: reportApi };
    if (flags.leaderElect) {
      const { clientNodeLeaseApi } = await import('../../audit/leaderElection.js');
      const namespace = flags.leaseNamespace ?? process.env.POD_NAMESPACE ?? reportApi.namespace;
      const api = await clientNodeLeaseApi(kc, namespace, flags.leaseName ?? 'kubeward-audit');
      lease = await leadership(api, process.env.HOSTNAME ?? `kubeward-${process.pid}`, io.now, log);
    }
  }
  if (flags.leaderElect && lease === undefined)
    throw new UsageError(
      '--leader-elect is for an audit that writes its reports to the cluster (no --output-dir)',
    );
  const [{ startAudit }, { AuditMetrics }] = await Promise.all([
    import('../../audit/audit.js'),
    import('../../audit/metrics.js'),
  ]);
  let store: HistoryStore | undefined;
  if (flags.record || flags.db !== undefined) {
    const { openHistoryStore } = await import('../../history/store.js');
    store = await openHistoryStore(flags.db, io.cwd, { create: true });
  }
  const metrics = new AuditMetrics();
  let server: Server | undefined;
  try {
    const audit = await startAudit({
      ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context !== undefined ? { context: flags.context } : {}),
      ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
      watch: flags.watch === true,
      reports,
      intervalMs,
      ...(watchSeconds !== undefined ? { watchSeconds } : {}),
      ...(maxResults !== undefined ? { maxResults } : {}),
      scan: { config, ...(pss ? { pss } : {}) },
      ...(store !== undefined
        ? { history: { store, ...(flags.scope !== undefined ? { scope: flags.scope } : {}) } }
        : {}),
      metrics,
      now: io.now,
      log,
    });
    if (flags.watch !== true) {
      const cycle = await audit.first;
      await audit.stop();
      const floor = failOn === 'never' ? Infinity : severityRank(failOn);
      return cycle.result.findings.some((f) => severityRank(f.severity) >= floor) ? 1 : 0;
    }
    if (port !== undefined) {
      server = await metricsServer(() => metrics.render(), port, flags.metricsHost ?? '0.0.0.0');
      const address = server.address();
      log(`metrics on port ${typeof address === 'object' && address !== null ? address.port : port}`);
    }
    await audit.first;
    const lostLease = await new Promise<boolean>((done) => {
      const stop = (signal: string): void => {
        log(`${signal}: stopping`);
        done(false);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      void lease?.lost.then(() => {
        log('lost the Lease to another replica: stopping');
        done(true);
      });
    });
    await audit.stop();
    log('stopped');
    return lostLease ? 1 : 0;
  } finally {
    lease?.release();
    if (server !== undefined) await new Promise((r) => server!.close(r));
    await store?.close();
  }
}
