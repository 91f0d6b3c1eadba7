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
import { findConfigFile, loadBaselineFile, loadConfigFile, scan, type ScanResult } from '../../scan.js';
import { renderScanChunks, SCAN_FORMATS, type ScanFormat } from '../../report/formats.js';
import type { CliIo } from '../io.js';
import { progressLine } from '../progress.js';
import { parsePssFlag } from '../pssFlag.js';

export interface ScanFlags {
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
async function writeReport(target: ReportTarget, result: ScanResult, io: CliIo): Promise<void> {
  const out =
    target.output !== undefined ? await openNamedFileForWriting(target.output, 'report', io.cwd) : undefined;
  try {
    const write = async (text: string): Promise<void> => {
      if (out) await out.write(text);
      else io.stdout(text);
    };
    const chunks = await renderScanChunks(target.format, result, {
      color: io.color && out === undefined,
      cwd: io.cwd,
    });
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

export async function runScan(paths: readonly string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const targets = reportTargets(flags.formats, flags.outputs);
  if (paths.length === 0)
    throw new UsageError('nothing to scan: give files, folders, or - for standard input');
  const configFile = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  const config =
    configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
  const failOn = parseSeverityFlag(flags.failOn ?? config.failOn ?? DEFAULT_FAIL_ON, '--fail-on');
  const pss = flags.pss !== undefined ? parsePssFlag(flags.pss) : undefined;

  const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : undefined;
  const baseline = await readBaseline(flags, config, io.cwd);
  const progress = flags.quiet || !io.progressStream ? undefined : progressLine(io.progressStream);
  const scanning = scan(paths, {
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
    now: io.now(),
    ...(pss ? { pss } : {}),
    helm: {
      ...(flags.helmValues ? { values: flags.helmValues } : {}),
      ...(flags.helmSet ? { set: flags.helmSet } : {}),
      ...(flags.helmNamespace !== undefined ? { namespace: flags.helmNamespace } : {}),
      ...(flags.helmRelease !== undefined ? { release: flags.helmRelease } : {}),
    },
  });
  let result: ScanResult;
  try {
    result = await scanning;
  } finally {
    progress?.stop();
  }
  for (const target of targets) await writeReport(target, result, io);
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
  if (flags.strict && result.errors.length > 0) {
    throw new InputError(
      `--strict: ${result.errors.length} input error${result.errors.length === 1 ? '' : 's'}`,
    );
  }
  return verdict.failed ? 1 : 0;
}
