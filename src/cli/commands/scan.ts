/** `kubeward scan`: flags in, `scan()` out, exit code from the findings. */
import { existsSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { formatInputError } from '../../load/inputError.js';
import { renderBaseline, type Baseline } from '../../policy/baseline.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../../policy/config.js';
import { severityRank, SEVERITIES, type Severity } from '../../policy/types.js';
import { WRITE_CHUNK_CHARS } from '../../report/summary.js';
import { findConfigFile, loadBaselineFile, loadConfigFile, scan } from '../../scan.js';
import { renderScan, SCAN_FORMATS, TOOL_INFO, type ScanFormat } from '../formats.js';
import type { CliIo } from '../io.js';
import { parsePssFlag } from '../pssFlag.js';
import { applyRuleSelection } from '../ruleSelection.js';

export interface ScanFlags {
  readonly format: string;
  readonly output?: string;
  readonly failOn?: string;
  readonly minSeverity?: string;
  readonly config?: string | false;
  readonly strict?: boolean;
  readonly pss?: string;
  readonly helmValues?: readonly string[];
  readonly only?: readonly string[];
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  readonly baseline?: string;
  readonly writeBaseline?: string;
}

export function parseSeverityFlag(value: string, flag: string): Severity | 'never' {
  return value === 'never' ? 'never' : parseSeverity(value, flag, ' or never');
}

/** A severity flag's value; `alternatives` names other accepted words in the error. */
function parseSeverity(value: string, flag: string, alternatives = ''): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new UsageError(`${flag} must be one of ${SEVERITIES.join(', ')}${alternatives}, not "${value}"`);
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
  return loadBaselineFile(file, cwd);
}

/** A path as short as it can be said from `cwd`. */
function relativeOrAbsolute(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export async function runScan(paths: readonly string[], flags: ScanFlags, io: CliIo): Promise<number> {
  if (!(SCAN_FORMATS as readonly string[]).includes(flags.format)) {
    throw new UsageError(`--format must be one of ${SCAN_FORMATS.join(', ')}, not "${flags.format}"`);
  }
  if (paths.length === 0)
    throw new UsageError('nothing to scan: give files, folders, or - for standard input');
  const configFile =
    flags.config === false
      ? undefined
      : flags.config !== undefined
        ? resolve(io.cwd, flags.config)
        : await findConfigFile(io.cwd);
  const loadedConfig = configFile !== undefined ? await loadConfigFile(configFile) : DEFAULT_CONFIG;
  const config = applyRuleSelection(
    flags.minSeverity !== undefined
      ? { ...loadedConfig, minSeverity: parseSeverity(flags.minSeverity, '--min-severity') }
      : loadedConfig,
    flags,
  );
  const failOn = parseSeverityFlag(flags.failOn ?? config.failOn ?? 'low', '--fail-on');
  const pss = flags.pss !== undefined ? parsePssFlag(flags.pss) : undefined;

  const baseline = await readBaseline(flags, config, io.cwd);
  const result = await scan(paths, {
    config,
    ...(baseline ? { baseline } : {}),
    readStdin: io.readStdin,
    now: io.now(),
    ...(pss ? { pss } : {}),
    ...(flags.helmValues ? { helmValues: flags.helmValues } : {}),
  });
  const format = flags.format as ScanFormat;
  const out = flags.output !== undefined ? await open(resolve(io.cwd, flags.output), 'w') : undefined;
  try {
    const write = async (text: string): Promise<void> => {
      if (out) await out.write(text);
      else io.stdout(text);
    };
    if (format === 'json' || format === 'sarif' || format === 'junit') {
      // Streamed: a report of 100,000s of findings is never one string in memory.
      const chunks =
        format === 'json'
          ? (await import('../../report/json.js')).renderJsonChunks(result, TOOL_INFO())
          : format === 'sarif'
            ? (await import('../../report/sarif.js')).renderSarifChunks(result, TOOL_INFO(), {
                baseDir: io.cwd,
              })
            : (await import('../../report/junit.js')).renderJunitChunks(result, TOOL_INFO());
      let batch = '';
      for (const chunk of chunks) {
        batch += chunk;
        if (batch.length >= WRITE_CHUNK_CHARS) {
          await write(batch);
          batch = '';
        }
      }
      await write(batch);
    } else {
      await write(await renderScan(format, result, io.color && flags.output === undefined, io.cwd));
    }
  } finally {
    await out?.close();
  }
  if (flags.writeBaseline !== undefined) {
    const accepted = [
      ...result.findings,
      ...result.suppressed.filter((s) => s.by === 'baseline').map((s) => s.finding),
    ];
    await writeFile(
      resolve(io.cwd, flags.writeBaseline),
      renderBaseline(accepted, result.inventory.defaultNamespace),
    );
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
  if (format !== 'text') for (const e of result.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  if (format === 'sarif') {
    const limit = (await import('../../report/sarif.js')).githubLimitWarning(
      result.findings.length + result.suppressed.length,
    );
    if (limit !== undefined) io.stderr(`warning: ${limit}\n`);
  }

  if (result.stats.resources === 0 && result.errors.length > 0) {
    throw new InputError('nothing could be scanned (see the errors above)');
  }
  if (flags.strict && result.errors.length > 0) {
    throw new InputError(
      `--strict: ${result.errors.length} input error${result.errors.length === 1 ? '' : 's'}`,
    );
  }
  if (failOn === 'never') return 0;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0;
}
