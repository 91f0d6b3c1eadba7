/** `kubeward scan`: flags in, `scan()` out, exit code from the findings. */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { openNamedFileForWriting } from '../../load/errno.js';
import { formatInputError } from '../../load/inputError.js';
import { findingsToBaseline, renderBaseline, type Baseline } from '../../policy/baseline.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../../policy/config.js';
import { parseFramework } from '../../policy/ruleSelection.js';
import { DEFAULT_FAIL_ON, parseSeverityFlag, scanVerdict } from '../../policy/verdict.js';
import { WRITE_CHUNK_CHARS } from '../../report/summary.js';
import {
  findConfigFile,
  loadBaselineFile,
  loadConfigFile,
  scan,
  scanCluster,
  type ScanResult,
} from '../../scan.js';
import { renderScanChunks, SCAN_FORMATS, type ScanFormat } from '../../report/formats.js';
import type { CliIo } from '../io.js';
import { progressLine } from '../progress.js';
import { parsePssFlag } from '../pssFlag.js';
import {
  checkFleetFormats,
  renderClusterReport,
  resolveClusterInput,
  type ClusterInputFlags,
} from './cluster.js';

export interface ScanFlags extends ClusterInputFlags {
  /** One report per format (text when none), each to the output at the same position, else to stdout. */
  readonly formats: readonly string[];
  readonly outputs: readonly string[];
  readonly failOn?: string;
  readonly minSeverity?: string;
  readonly config?: string | false;
  readonly strict?: boolean;
  readonly pss?: string;
  readonly helmValues?: readonly string[];
  readonly helmSet?: readonly string[];
  readonly helmNamespace?: string;
  readonly helmRelease?: string;
  readonly framework?: string;
  readonly only?: readonly string[];
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  readonly baseline?: string;
  readonly writeBaseline?: string;
  /** `--workers`: threads besides the main one, a whole number ≥ 0. */
  readonly workers?: string;
  /** `--quiet`: no progress line. */
  readonly quiet?: boolean;
  /** `--record`: record the findings as a history cycle (implied by `db`). */
  readonly record?: boolean;
  /** `--db`: the history store (an SQLite file or a postgres:// URL). */
  readonly db?: string;
  /** `--scope`: the history scope of the cycle. */
  readonly scope?: string;
  /** `--report-max-results`: PolicyReport results per report. */
  readonly reportMaxResults?: string;
}

/** A whole number of at least 1 for `flag`. */
export function parsePositiveFlag(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`${flag}: expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/**
 * What the verdict and the messages read of several clusters' results: their findings, errors
 * and counts together (one result as it is). "Nothing scanned" only when no cluster had anything.
 */
function fleetResult(results: readonly ScanResult[]): ScanResult {
  if (results.length === 1) return results[0]!;
  const first = results[0]!;
  return {
    ...first,
    findings: results.flatMap((r) => r.findings),
    suppressed: results.flatMap((r) => r.suppressed),
    errors: results.flatMap((r) => r.errors),
    stats: { ...first.stats, resources: results.reduce((n, r) => n + r.stats.resources, 0) },
  };
}

/** `--workers N`: a whole number, 0 or more. */
export function parseWorkersFlag(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 256)
    throw new UsageError(`--workers: expected a whole number from 0 to 256, got "${value}"`);
  return Number(value);
}

/**
 * The baseline to apply: `--baseline`, else the configuration's `baseline`. A baseline file
 * that does not exist yet is fine when `--write-baseline` is about to create it.
 */
async function readBaseline(
  flags: ScanFlags,
  config: KubewardConfig,
  cwd: string,
): Promise<Baseline | undefined> {
  const file =
    flags.baseline ?? (config.baseline !== undefined ? relativeOrAbsolute(cwd, config.baseline) : undefined);
  if (file === undefined) return undefined;
  if (flags.writeBaseline !== undefined && !existsSync(resolve(cwd, file))) return undefined;
  return loadBaselineFile(file, cwd, config.defaultNamespace);
}

/** A path as short as it can be said from `cwd`. */
function relativeOrAbsolute(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** A report to write: its format, and its file (undefined: standard output). */
interface ReportTarget {
  readonly format: ScanFormat;
  readonly output?: string;
}

/**
 * The reports asked for: `--format` and `--output` pair up in order (kube-linter's way), a
 * format without an output goes to standard output — one at most — and no file is written twice.
 */
export function reportTargets(formats: readonly string[], outputs: readonly string[]): ReportTarget[] {
  const wanted = formats.length > 0 ? formats : ['text'];
  for (const f of wanted) {
    if (!(SCAN_FORMATS as readonly string[]).includes(f))
      throw new UsageError(`--format must be one of ${SCAN_FORMATS.join(', ')}, not "${f}"`);
  }
  if (outputs.length > wanted.length) {
    throw new UsageError(
      `${outputs.length} --output for ${wanted.length} --format: each --output belongs to the --format at the same position`,
    );
  }
  const targets = wanted.map((format, i) => ({
    format: format as ScanFormat,
    ...(outputs[i] !== undefined ? { output: outputs[i] } : {}),
  }));
  const toStdout = targets.filter((t) => t.output === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(
      `${toStdout.map((t) => t.format).join(' and ')} would both go to standard output: give all but one an --output FILE (in the same order as the --format)`,
    );
  }
  const twice = outputs.find((o, i) => outputs.indexOf(o) !== i);
  if (twice !== undefined) throw new UsageError(`--output ${twice} is given twice`);
  return targets;
}

/** Writes one report, in batches for the formats that are streamed. */
async function writeReport(
  target: ReportTarget,
  result: ScanResult,
  io: CliIo,
  render: (color: boolean) => Promise<Iterable<string>> = (color) =>
    renderScanChunks(target.format, result, { color, cwd: io.cwd }),
): Promise<void> {
  const out =
    target.output !== undefined ? await openNamedFileForWriting(target.output, 'report', io.cwd) : undefined;
  try {
    const write = async (text: string): Promise<void> => {
      if (out) await out.write(text);
      else io.stdout(text);
    };
    const chunks = await render(io.color && out === undefined);
    let batch = '';
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= WRITE_CHUNK_CHARS) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch);
  } finally {
    await out?.close();
  }
}

/** `--record`: the findings as a cycle of the history, said on stderr. */
async function recordCycles(
  cycles: readonly { readonly result: ScanResult; readonly scope: string }[],
  flags: ScanFlags,
  io: CliIo,
  at: Date,
): Promise<void> {
  const recordable = cycles.filter(({ result, scope }) => {
    // a file that did not parse (a kind the server failed to list) would look fixed: its findings would count as resolved
    if (result.errors.length === 0) return true;
    io.stderr(
      `warning: not recorded in the history${cycles.length > 1 ? ` (scope ${scope})` : ''}: ${result.errors.length} input error${result.errors.length === 1 ? '' : 's'} would make their findings look resolved\n`,
    );
    return false;
  });
  if (recordable.length === 0) return;
  const { openHistoryStore, recordFindings } = await import('../../history/store.js');
  const store = await openHistoryStore(flags.db, io.cwd, { create: true });
  try {
    for (const { result, scope } of recordable) {
      const id = await recordFindings(store, result, { at, scope, source: 'scan' });
      io.stderr(
        `recorded cycle ${id} (${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}) in the history${cycles.length > 1 ? ` (scope ${scope})` : ''}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

export async function runScan(paths: readonly string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const targets = reportTargets(flags.formats, flags.outputs);
  const clusters = await resolveClusterInput(paths, flags, io);
  if (clusters === undefined && paths.length === 0)
    throw new UsageError('nothing to scan: give files, folders, or - for standard input, or --cluster');
  if (clusters !== undefined)
    checkFleetFormats(
      targets.map((t) => t.format),
      clusters.length,
    );
  if (clusters !== undefined && clusters.length > 1 && flags.scope !== undefined)
    throw new UsageError(
      '--scope names one history: with several clusters, each is recorded under its context name',
    );
  if (clusters !== undefined && clusters.length > 1 && flags.writeBaseline !== undefined)
    throw new UsageError("--write-baseline writes one cluster's findings: give one --context");
  const configFile = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  const config =
    configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
  const failOn = parseSeverityFlag(flags.failOn ?? config.failOn ?? DEFAULT_FAIL_ON, '--fail-on');
  const pss = flags.pss !== undefined ? parsePssFlag(flags.pss) : undefined;

  const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : undefined;
  const baseline = await readBaseline(flags, config, io.cwd);
  const now = io.now();
  const maxResults =
    flags.reportMaxResults !== undefined
      ? parsePositiveFlag(flags.reportMaxResults, '--report-max-results')
      : undefined;
  const progress = flags.quiet || !io.progressStream ? undefined : progressLine(io.progressStream);
  const options: Parameters<typeof scan>[1] = {
    ...(workers !== undefined ? { workers } : {}),
    ...(progress ? { onProgress: progress.onProgress } : {}),
    config,
    ...(flags.framework !== undefined ? { framework: parseFramework(flags.framework) } : {}),
    ...(flags.only ? { only: flags.only } : {}),
    ...(flags.enable ? { enable: flags.enable } : {}),
    ...(flags.disable ? { disable: flags.disable } : {}),
    ...(flags.minSeverity !== undefined ? { minSeverity: flags.minSeverity } : {}),
    ...(baseline ? { baseline } : {}),
    readStdin: io.readStdin,
    now,
    ...(pss ? { pss } : {}),
    helm: {
      ...(flags.helmValues ? { values: flags.helmValues } : {}),
      ...(flags.helmSet ? { set: flags.helmSet } : {}),
      ...(flags.helmNamespace !== undefined ? { namespace: flags.helmNamespace } : {}),
      ...(flags.helmRelease !== undefined ? { release: flags.helmRelease } : {}),
    },
  };
  let results: ScanResult[];
  try {
    results =
      clusters !== undefined ? clusters.map((c) => scanCluster(c, options)) : [await scan(paths, options)];
  } finally {
    progress?.stop();
  }
  const result = fleetResult(results);
  const render = { now, ...(maxResults !== undefined ? { maxResults } : {}) };
  for (const target of targets) {
    await writeReport(target, result, io, (color) =>
      clusters !== undefined && target.format !== 'policyreport'
        ? renderClusterReport(target.format, clusters, results, { color, cwd: io.cwd })
        : renderScanChunks(target.format, result, { color, cwd: io.cwd, ...render }),
    );
  }
  if (flags.writeBaseline !== undefined) {
    const accepted = findingsToBaseline(result.findings, result.suppressed);
    const out = await openNamedFileForWriting(flags.writeBaseline, 'baseline', io.cwd);
    try {
      await out.writeFile(renderBaseline(accepted, result.defaultNamespace));
    } finally {
      await out.close();
    }
    io.stderr(
      `wrote ${accepted.length} finding${accepted.length === 1 ? '' : 's'} to the baseline ${flags.writeBaseline}\n`,
    );
  }
  if (result.stats.rules === 0) {
    io.stderr(
      'warning: no rule ran: --only, --enable, --disable, --min-severity or the configuration turned them all off\n',
    );
  }
  // Machine formats carry errors inside; people reading them on a terminal still need the lines.
  if (!targets.some((t) => t.format === 'text' && t.output === undefined)) {
    for (const e of result.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  }
  if (targets.some((t) => t.format === 'sarif')) {
    const limit = (await import('../../report/sarif.js')).githubLimitWarning(
      result.findings.length + result.suppressed.length,
    );
    if (limit !== undefined) io.stderr(`warning: ${limit}\n`);
  }

  const verdict = scanVerdict(result, failOn);
  if (verdict.nothingScanned) throw new InputError('nothing could be scanned (see the errors above)');
  // A custom rule that does not compile is a configuration error: the rest ran, but exit 2.
  if (result.configErrors.length > 0) return 2;
  if (flags.record || flags.db !== undefined) {
    // files: one cycle of --scope (default "default"); clusters: one per cluster, of its context's name unless --scope
    const cycles =
      clusters !== undefined
        ? results.map((r, i) => ({ result: r, scope: flags.scope ?? clusters[i]!.context }))
        : [{ result, scope: flags.scope ?? 'default' }];
    await recordCycles(cycles, flags, io, now);
  }
  if (flags.strict && result.errors.length > 0) {
    throw new InputError(
      `--strict: ${result.errors.length} input error${result.errors.length === 1 ? '' : 's'}`,
    );
  }
  return verdict.failed ? 1 : 0;
}
