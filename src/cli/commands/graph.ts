/**
 * `kubeward paths`, `kubeward blast-radius`, `kubeward exposure`: flags in, the attack graph of
 * the input's cluster model (`graph/`), text or JSON out. Input is read as `scan` reads it
 * (`loadModel`); input errors go to standard error as `file:line: message`, only input that
 * yields nothing is fatal (exit 2), as is a workload reference that is unknown or ambiguous.
 */
import { InputError, UsageError } from '../../errors.js';
import { applyChanges } from '../../graph/applyChanges.js';
import { buildAttackGraph, type BuiltGraph, type GraphOptions } from '../../graph/build.js';
import { exposureOf } from '../../graph/exposure.js';
import { attackPaths, blastRadius } from '../../graph/queries.js';
import { resolveRef, type RefScope } from '../../graph/workloadRef.js';
import { formatInputError } from '../../load/inputError.js';
import type { ClusterModel } from '../../model/clusterModel.js';
import { minorVersionOf } from '../../rbac/clusterScope.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../../policy/config.js';
import { blastRadiusJson, exposureJson, pathsJson } from '../../report/graphJson.js';
import { attackGraphPage, exposureFigures } from '../../report/graphHtml.js';
import { renderHtmlReport } from '../../report/html.js';
import { TOOL_INFO } from '../../report/toolInfo.js';
import { renderBlastRadiusText, renderExposureText, renderPathsText } from '../../report/graphText.js';
import { findConfigFile, loadConfigFile, loadModel } from '../../scan.js';
import type { CliIo } from '../io.js';
import { resolveOneCluster, type ClusterInputFlags } from './cluster.js';

export interface GraphFlags extends ClusterInputFlags {
  readonly format: string;
  readonly config?: string | false;
  readonly kubernetesVersion?: string;
}

function checkFormat(format: string): void {
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not "${format}"`);
}

async function configOf(flags: GraphFlags, io: CliIo): Promise<KubewardConfig> {
  const file = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  return file !== undefined ? loadConfigFile(file, undefined, io.cwd) : DEFAULT_CONFIG;
}

async function modelOf(
  paths: readonly string[],
  config: KubewardConfig,
  io: CliIo,
  flags: ClusterInputFlags,
): Promise<ClusterModel> {
  const cluster = await resolveOneCluster(paths, flags, io);
  if (cluster === undefined && paths.length === 0)
    throw new UsageError('no input: give files, folders, or - for standard input');
  const loaded = await loadModel(paths, {
    config,
    readStdin: io.readStdin,
    ...(cluster !== undefined ? { cluster } : {}),
  });
  for (const e of loaded.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  if (loaded.nothingScanned) throw new InputError('nothing could be read (see the errors above)');
  return loaded.model;
}

function graphOf(model: ClusterModel, flags: GraphFlags, config: KubewardConfig): BuiltGraph {
  if (flags.kubernetesVersion !== undefined && minorVersionOf(flags.kubernetesVersion) === undefined)
    throw new UsageError(
      `--kubernetes-version must be a version like 1.30, not "${flags.kubernetesVersion}"`,
    );
  return buildAttackGraph(model, graphOptions(flags, config));
}

function graphOptions(flags: GraphFlags, config: KubewardConfig): GraphOptions {
  return {
    ...(flags.kubernetesVersion !== undefined ? { kubernetesVersion: flags.kubernetesVersion } : {}),
    ...(config.users !== undefined ? { userGroups: config.users } : {}),
  };
}

function vertexOf(built: BuiltGraph, text: string, scope: RefScope): number {
  const resolved = resolveRef(built, text, scope);
  if ('error' in resolved) throw new UsageError(resolved.error);
  return resolved.vertex;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface PathsFlags extends GraphFlags {
  readonly from?: string;
  readonly to?: string;
  readonly max?: string;
}

export async function runPaths(paths: readonly string[], flags: PathsFlags, io: CliIo): Promise<number> {
  checkFormat(flags.format);
  if (flags.from === undefined) throw new UsageError('--from <workload|entry> is required');
  const max = flags.max === undefined ? 10 : Number(flags.max);
  if (!Number.isInteger(max) || max < 1)
    throw new UsageError(`--max must be a whole number of at least 1, not "${flags.max}"`);
  const config = await configOf(flags, io);
  const built = graphOf(await modelOf(paths, config, io, flags), flags, config);
  const from = vertexOf(built, flags.from, 'start');
  const to = flags.to === undefined ? undefined : vertexOf(built, flags.to, 'asset');
  const found = attackPaths(built, from, { max, ...(to !== undefined ? { to } : {}) });
  io.stdout(flags.format === 'json' ? json(pathsJson(found)) : renderPathsText(flags.from, found, io.color));
  return 0;
}

export async function runBlastRadius(
  workload: string,
  paths: readonly string[],
  flags: GraphFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format);
  const config = await configOf(flags, io);
  const built = graphOf(await modelOf(paths, config, io, flags), flags, config);
  const radius = blastRadius(built, vertexOf(built, workload, 'workload'));
  io.stdout(
    flags.format === 'json' ? json(blastRadiusJson(radius)) : renderBlastRadiusText(radius, io.color),
  );
  return 0;
}

export interface ExposureFlags extends GraphFlags {
  /** Fix or policy files applied on top of the input (`--with`, repeatable). */
  readonly with?: readonly string[];
}

export async function runExposure(
  paths: readonly string[],
  flags: ExposureFlags,
  io: CliIo,
): Promise<number> {
  if (flags.format !== 'html') checkFormat(flags.format);
  const config = await configOf(flags, io);
  const model = await modelOf(paths, config, io, flags);
  const before = exposureOf(graphOf(model, flags, config));
  const fixes = flags.with ?? [];
  const fixed = fixes.length === 0 ? undefined : applyChanges(model, await modelOf(fixes, config, io, {}));
  const after = fixed === undefined ? undefined : exposureOf(graphOf(fixed, flags, config));
  if (flags.format === 'html') {
    // with --with, the page draws the graph after the fix and shows every figure before → after
    const page = attackGraphPage(fixed ?? model, graphOptions(flags, config));
    const figures = after === undefined ? page.figures : exposureFigures(before, after);
    io.stdout(renderHtmlReport({ title: 'kubeward exposure', tool: TOOL_INFO(), ...page, figures }));
    return 0;
  }
  io.stdout(
    flags.format === 'json' ? json(exposureJson(before, after)) : renderExposureText(before, after, io.color),
  );
  return 0;
}
