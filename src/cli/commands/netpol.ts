/**
 * `kubeward netpol …`: NetworkPolicy reachability of manifests (matrix, exposure,
 * explain, diff, generate). Input is read as `scan` reads it (files, folders, `-`,
 * Kustomize, Helm) into the cluster model; the engine (src/netpol) is a pure function of
 * it. Input errors and policy problems go to stderr, one line each with file:line, and the
 * rest is analysed; nothing read, or a usage error, exits 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InputError, UsageError } from '../../errors.js';
import { Inventory } from '../../k8s/inventory.js';
import { loadInputs } from '../../load/files.js';
import { formatInputError } from '../../load/inputError.js';
import { buildClusterModel } from '../../model/build.js';
import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../netpol/analyze.js';
import { ConnectionSet, isProtocol, type Protocol } from '../../netpol/connectionSet.js';
import {
  connectivityList,
  formatConnectivityList,
  formatFocusConnection,
  type ConnlistOptions,
} from '../../netpol/connlist.js';
import { exposureAnalysis, formatExposure } from '../../netpol/exposure.js';
import { addsConnections, connectivityDiff } from '../../netpol/diff.js';
import { explainPair, type ExplainEnd } from '../../netpol/explain.js';
import { parseFlows } from '../../netpol/flows.js';
import { netpolInputFromInventory } from '../../netpol/fromInventory.js';
import { netpolInputFromModel, type AdaptedInput } from '../../netpol/fromModel.js';
import { inferIntents, workloadSettings } from '../../netpol/inferIntents.js';
import { parseIntentFile, resolveIntents, type ParsedRules } from '../../netpol/intents.js';
import { formatRange, IpSet } from '../../netpol/ipSet.js';
import { workloadName, type PolicyProblem } from '../../netpol/model.js';
import { DEFAULT_CONFIG } from '../../policy/config.js';
import { formatDiff } from '../../report/netpolDiff.js';
import { explanationJson, formatExplainedPair } from '../../report/netpolExplain.js';
import { generatePolicies } from '../../netpol/synthesize.js';
import { formatExposureJson } from '../../report/netpolExposure.js';
import { formatConnlistDot, formatConnlistHtml } from '../../report/netpolGraph.js';
import { formatGeneratedPolicies } from '../../report/netpolPolicies.js';
import { findConfigFile, loadConfigFile, loadModel } from '../../scan.js';
import type { CliIo } from '../io.js';
import { resolveOneCluster, type ClusterInputFlags } from './cluster.js';

export interface NetpolInputFlags extends ClusterInputFlags {
  readonly config?: string;
}

export interface Loaded {
  readonly adapted: AdaptedInput;
  readonly analysis: NetpolAnalysis;
}

/** Reads the inputs, reports their errors and the policy problems on stderr, and analyses them. */
export async function loadNetpol(
  paths: readonly string[],
  flags: NetpolInputFlags,
  io: CliIo,
  what = 'nothing to analyse',
): Promise<Loaded> {
  const cluster = await resolveOneCluster(paths, flags, io);
  if (cluster === undefined && paths.length === 0)
    throw new UsageError(`${what}: give files, folders, or - for standard input`);
  const loaded = await loadModel(paths, {
    config: await configOf(flags, io),
    readStdin: io.readStdin,
    ...(cluster !== undefined ? { cluster } : {}),
  });
  for (const e of loaded.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  if (loaded.nothingScanned || loaded.resources === 0) {
    throw new InputError(`nothing could be read from ${paths.join(' ')}`);
  }
  const adapted = netpolInputFromModel(loaded.model);
  const analysis = analyzeNetworkPolicies(adapted.input);
  for (const p of [...adapted.problems, ...analysis.problems]) io.stderr(`${describeProblem(p, adapted)}\n`);
  return { adapted, analysis };
}

async function configOf(flags: NetpolInputFlags, io: CliIo) {
  const configFile = flags.config ?? (await findConfigFile(io.cwd));
  return configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
}

/** `error: file:line: NetworkPolicy ns/name spec.ingress[0]…: message`. */
export function describeProblem(p: PolicyProblem, adapted: AdaptedInput): string {
  const source = adapted.sourceOfProblem(p);
  const where = source !== undefined ? `${source.file}:${source.line}: ` : '';
  const name = p.namespace !== undefined ? `${p.namespace}/${p.name}` : p.name;
  return `${p.severity}: ${where}${p.kind} ${name} ${p.path}: ${p.message}`;
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** `tcp-80`, `udp/53`, `80/TCP`, `8080` (TCP). */
export function parseConnection(flag: string, text: string): { protocol: Protocol; port: number } {
  const m = /^(?:([A-Za-z]+)[-/:])?(\d+)(?:[/:]([A-Za-z]+))?$/.exec(text.trim());
  const protocol = (m?.[1] ?? m?.[3] ?? 'TCP').toUpperCase();
  const port = Number(m?.[2]);
  if (m === null || !isProtocol(protocol) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${flag} must be a port and protocol such as 8080/TCP or udp-53, not "${text}"`);
  }
  return { protocol, port };
}

export interface FocusFlags extends NetpolInputFlags {
  readonly focus?: readonly string[];
  readonly focusPeer?: readonly string[];
  readonly focusDirection?: string;
  readonly focusConn?: string;
}

function focusOptions(flags: FocusFlags): ConnlistOptions {
  const direction =
    flags.focusDirection !== undefined
      ? choice('--focus-direction', flags.focusDirection, ['ingress', 'egress'] as const)
      : undefined;
  return {
    focusWorkloads: flags.focus ?? [],
    focusPeers: flags.focusPeer ?? [],
    ...(direction !== undefined ? { focusDirection: direction } : {}),
    ...(flags.focusConn !== undefined
      ? { focusConnection: parseConnection('--focus-conn', flags.focusConn) }
      : {}),
  };
}

const MATRIX_FORMATS = ['txt', 'csv', 'md', 'json', 'dot', 'html'] as const;

export async function runNetpolMatrix(
  paths: readonly string[],
  flags: FocusFlags & { readonly format: string },
  io: CliIo,
): Promise<number> {
  const format = choice('--format', flags.format, MATRIX_FORMATS);
  const options = focusOptions(flags);
  const { analysis } = await loadNetpol(paths, flags, io);
  const entries = connectivityList(analysis, options);
  let text: string;
  if (format === 'dot') text = formatConnlistDot(entries);
  else if (format === 'html')
    text = formatConnlistHtml(entries, `NetworkPolicy connectivity: ${paths.join(' ')}`);
  else if (format === 'txt' && options.focusConnection !== undefined)
    text = formatFocusConnection(entries, options.focusConnection);
  else text = formatConnectivityList(entries, format);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

export async function runNetpolExposure(
  paths: readonly string[],
  flags: FocusFlags & { readonly format: string },
  io: CliIo,
): Promise<number> {
  const format = choice('--format', flags.format, ['txt', 'json'] as const);
  const options = focusOptions(flags);
  const { analysis } = await loadNetpol(paths, flags, io);
  const entries = connectivityList(analysis, options);
  const exposure = exposureAnalysis(analysis, entries, options);
  if (format === 'json') io.stdout(`${formatExposureJson(entries, exposure)}\n`);
  else {
    const list = formatConnectivityList(entries, 'txt');
    io.stdout(`${list}${list !== '' ? '\n\n' : ''}${formatExposure(exposure)}\n`);
  }
  return 0;
}

/** A workload (`name`, `ns/name`, `ns/name[Kind]`) or an IP address outside the cluster. */
function explainEnd(
  analysis: NetpolAnalysis,
  text: string,
  role: 'source' | 'destination',
): { end: ExplainEnd; name: string } {
  const address = IpSet.fromAddress(text);
  if (address !== undefined) {
    const ranges =
      role === 'source' ? analysis.reachability.externalSources : analysis.reachability.externalDestinations;
    const range = address.ranges()[0]!;
    const containing = ranges.find(
      (r) => r.family === range.family && r.start <= range.start && range.start < r.end,
    );
    if (containing === undefined) throw new UsageError(`${role} ${text}: no external range holds it`);
    return { end: { range: containing }, name: `${formatRange(containing)}[External]` };
  }
  const m = /^(?:([^/]+)\/)?([^/[\]]+)(?:\[([A-Za-z]+)\])?$/.exec(text);
  const matches = analysis.input.workloads
    .map((w, i) => ({ w, i }))
    .filter(
      ({ w }) =>
        m !== null &&
        w.ref.name === m[2] &&
        (m[1] === undefined || w.ref.namespace === m[1]) &&
        (m[3] === undefined || w.ref.kind === m[3]),
    );
  if (matches.length === 0) {
    const near = analysis.input.workloads
      .filter((w) => m !== null && w.ref.name.startsWith(`${m[2]}-`))
      .map((w) => workloadName(w.ref));
    throw new UsageError(
      `${role} "${text}": no such workload in the input${near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}`,
    );
  }
  if (matches.length > 1) {
    throw new UsageError(
      `${role} "${text}" names ${matches.length} workloads (${matches.map(({ w }) => workloadName(w.ref)).join(', ')}): give ns/name[Kind]`,
    );
  }
  const { w, i } = matches[0]!;
  return { end: { cls: analysis.index.classes[analysis.index.classOf[i]!]! }, name: workloadName(w.ref) };
}

export async function runNetpolExplain(
  src: string,
  dst: string,
  paths: readonly string[],
  flags: NetpolInputFlags & { readonly format: string; readonly port?: string },
  io: CliIo,
): Promise<number> {
  const format = choice('--format', flags.format, ['txt', 'analyzer', 'json'] as const);
  const port = flags.port !== undefined ? parseConnection('--port', flags.port) : undefined;
  const { analysis, adapted } = await loadNetpol(paths, flags, io, 'nothing to explain');
  const from = explainEnd(analysis, src, 'source');
  const to = explainEnd(analysis, dst, 'destination');
  if ('range' in from.end && 'range' in to.end) throw new UsageError('one side must be a workload');
  let groups = explainPair(analysis, from.end, to.end);
  if (port !== undefined) {
    const conn = ConnectionSet.range(port.protocol, port.port);
    groups = groups.map((g) => ({ ...g, conns: g.conns.intersect(conn) })).filter((g) => !g.conns.isEmpty());
  }
  const pair = { src: from.name, dst: to.name, groups };
  if (format === 'json') io.stdout(`${JSON.stringify(explanationJson(pair, adapted), null, 2)}\n`);
  else io.stdout(formatExplainedPair(pair, format === 'txt' ? { sourceOf: adapted.sourceOf } : {}));
  return 0;
}

export async function runNetpolDiff(
  before: string,
  after: string,
  flags: NetpolInputFlags & { readonly format: string; readonly failOnNew?: boolean },
  io: CliIo,
): Promise<number> {
  const format = choice('--format', flags.format, ['txt', 'csv', 'md', 'json'] as const);
  const old = await loadNetpol([before], flags, io, 'nothing to compare');
  const now = await loadNetpol([after], flags, io, 'nothing to compare');
  const entries = connectivityDiff(old.analysis, now.analysis);
  const text = formatDiff(entries, format);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return flags.failOnNew === true && addsConnections(entries) ? 1 : 0;
}

export interface GenerateFlags extends NetpolInputFlags {
  readonly intent?: string;
  readonly flows?: string;
  readonly output?: string;
}

/**
 * Least-privilege policies for the workloads of PATHS, from an intent file, a flow file,
 * or (neither given) the Services their configuration names. Reads the parsed objects, not
 * only the model: inference needs the workloads' env values and the ConfigMaps they read,
 * which the cluster model does not carry. Exit 1 when verification finds a difference.
 */
export async function runNetpolGenerate(
  paths: readonly string[],
  flags: GenerateFlags,
  io: CliIo,
): Promise<number> {
  if (flags.intent !== undefined && flags.flows !== undefined)
    throw new UsageError('give --intent or --flows, not both');
  if (paths.length === 0)
    throw new UsageError('nothing to generate for: give files, folders, or - for standard input');
  const config = await configOf(flags, io);
  const readText = async (file: string) => {
    try {
      return await readFile(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const intentText = flags.intent !== undefined ? await readText(flags.intent) : undefined;
  const flowText = flags.flows !== undefined ? await readText(flags.flows) : undefined;
  const loaded = await loadInputs(paths, { readStdin: io.readStdin, workers: 0 });
  for (const e of loaded.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  if (loaded.resources.length === 0) throw new InputError(`nothing could be read from ${paths.join(' ')}`);
  const defaultNamespace = config.defaultNamespace ?? 'default';
  const inventory = new Inventory(loaded.resources, { defaultNamespace });
  const model = buildClusterModel(loaded.resources, { defaultNamespace });
  const adapted = netpolInputFromInventory(inventory, model);
  for (const p of adapted.problems) io.stderr(`${describeProblem(p, adapted)}\n`);
  let parsed: ParsedRules;
  let from: string;
  if (intentText !== undefined) {
    parsed = parseIntentFile(intentText, flags.intent!);
    from = `the intent file ${flags.intent!}`;
  } else if (flowText !== undefined) {
    parsed = parseFlows(flowText, flags.flows!);
    from = `the flows in ${flags.flows!}`;
  } else {
    parsed = {
      rules: inferIntents(adapted, model.services, workloadSettings(inventory, adapted)),
      errors: [],
    };
    from =
      "INFERRED connections: the Services named in the workloads' configuration, and LoadBalancer/NodePort Services as entry points; review them";
  }
  for (const e of parsed.errors) io.stderr(`error: ${e}\n`);
  if (parsed.skipped !== undefined)
    io.stderr(
      `note: ${parsed.skipped} flow records skipped (replies, or verdicts other than FORWARDED/AUDIT)\n`,
    );
  const { intents, problems } = resolveIntents(parsed.rules, adapted.input);
  for (const p of problems) io.stderr(`warning: ${p}\n`);
  const generation = generatePolicies(adapted.input, intents);
  for (const w of generation.warnings) io.stderr(`warning: ${w}\n`);
  for (const e of generation.errors) io.stderr(`error: verification: ${e}\n`);
  const verified =
    generation.errors.length === 0
      ? 'verified: with these policies the workloads of these namespaces have exactly the intended connections, and DNS'
      : `NOT VERIFIED: ${generation.errors.length} difference(s) from the intent, listed on standard error`;
  const yaml = formatGeneratedPolicies(generation.policies, [
    `Generated by kubeward netpol generate from ${from}.`,
    `${intents.length} intended connection(s), ${generation.policies.length} policies; ${verified}.`,
  ]);
  if (flags.output !== undefined) await writeFile(flags.output, yaml);
  else io.stdout(yaml);
  return generation.errors.length > 0 ? 1 : 0;
}
