/**
 * `kubeward pss plan`: for every namespace in the input, the strictest Pod Security
 * Standards level it can enforce today and what blocks the next one (`pssPlan()` in
 * scan.ts), rendered for people (text), machines (json, schemaVersion 1) or pull requests
 * (markdown).
 */
import { InputError, UsageError } from '../../errors.js';
import { formatInputError } from '../../load/inputError.js';
import { DEFAULT_CONFIG } from '../../policy/config.js';
import { planJson } from '../../pss/plan.js';
import { renderPssPlanMarkdown, renderPssPlanText } from '../../report/pssPlan.js';
import { findConfigFile, loadConfigFile, pssPlan } from '../../scan.js';
import type { CliIo } from '../io.js';

export interface PssPlanFlags {
  /** text | json | markdown (anything else is a usage error). */
  readonly format: string;
  readonly pssVersion: string;
  readonly config?: string;
}

const FORMATS = ['text', 'json', 'markdown'];

export async function runPssPlan(paths: readonly string[], opts: PssPlanFlags, io: CliIo): Promise<number> {
  if (!FORMATS.includes(opts.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}"`);
  }
  if (paths.length === 0)
    throw new UsageError('nothing to plan: give files, folders, or - for standard input');

  const configFile = opts.config ?? (await findConfigFile(io.cwd));
  const config =
    configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
  const { plan, errors, lineOf, nothingScanned } = await pssPlan(paths, {
    config,
    version: opts.pssVersion,
    readStdin: io.readStdin,
    now: io.now(),
  });
  if (nothingScanned) {
    for (const e of errors) io.stderr(`error: ${formatInputError(e)}\n`);
    throw new InputError('nothing could be read (see the errors above)');
  }
  switch (opts.format) {
    case 'json':
      io.stdout(`${JSON.stringify(planJson(plan, errors, lineOf), null, 2)}\n`);
      break;
    case 'markdown':
      io.stdout(renderPssPlanMarkdown(plan, lineOf));
      break;
    default:
      io.stdout(renderPssPlanText(plan, io.color, lineOf));
  }
  if (opts.format !== 'json') for (const e of errors) io.stderr(`error: ${formatInputError(e)}\n`);
  return 0;
}
