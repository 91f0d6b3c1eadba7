/**
 * `kubeward rbac …`: flags in, the RBAC engine over the cluster model of the input, a table or a
 * JSON document out. Input is read as `scan` reads it (`loadModel`); input errors go to standard
 * error as `file:line: message`, and only input that yields nothing is fatal (exit 2).
 * `rbac can <subject> <verb> <resource>` exits 0 for yes and 1 for no, as `kubectl auth can-i` does.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError, UsageError } from '../../errors.js';
import { errnoMessage } from '../../load/errno.js';
import { formatInputError } from '../../load/inputError.js';
import type { SourceRef } from '../../k8s/resource.js';
import { ClusterModelIndex } from '../../model/modelIndex.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../../policy/config.js';
import { accessMatrix } from '../../rbac/accessMatrix.js';
import { generateFromAudit } from '../../rbac/auditGenerate.js';
import { parseAuditLog, type AuditRequest } from '../../rbac/auditLog.js';
import { unusedPermissions } from '../../rbac/auditUnused.js';
import { canI } from '../../rbac/authorizer.js';
import { apiResources } from '../../rbac/builtinResources.js';
import { DEFAULT_KUBERNETES_VERSION, minorVersionOf, scopeResolver } from '../../rbac/clusterScope.js';
import { rbacInputFromModel } from '../../rbac/fromModel.js';
import { ALL_NAMESPACES, effectivePermissions } from '../../rbac/permissions.js';
import { buildRbacIndex, type RbacIndex } from '../../rbac/rbacIndex.js';
import { looksLikeVerb, parseResource, parseSubject } from '../../rbac/requestSyntax.js';
import type { AccessRequest, SubjectRef } from '../../rbac/types.js';
import { whoCan } from '../../rbac/whoCan.js';
import { workloadIdentities } from '../../rbac/workloadIdentity.js';
import {
  decisionJson,
  matrixJson,
  permissionsJson,
  unusedJson,
  whoCanJson,
  workloadsJson,
} from '../../report/rbacJson.js';
import {
  renderDecisionText,
  renderMatrixText,
  renderPermissionsText,
  renderUnusedText,
  renderWhoCanText,
  renderWorkloadsText,
} from '../../report/rbacText.js';
import { generatedListJson, renderGeneratedYaml } from '../../report/rbacYaml.js';
import { findConfigFile, loadConfigFile, loadModel } from '../../scan.js';
import type { CliIo } from '../io.js';
import { engineClusterFlags, resolveOneCluster, type ClusterInputFlags } from './cluster.js';

export interface RbacFlags extends Omit<ClusterInputFlags, 'namespace'> {
  readonly format: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly config?: string | false;
  readonly kubernetesVersion?: string;
}

const FORMATS = ['text', 'json'];

function checkFormat(format: string, formats = FORMATS): void {
  if (!formats.includes(format))
    throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${format}"`);
}

function kubernetesVersionOf(flags: RbacFlags): string {
  const version = flags.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  if (minorVersionOf(version) === undefined) {
    throw new UsageError(`--kubernetes-version must be a version like 1.30, not "${version}"`);
  }
  return version;
}

async function configOf(flags: RbacFlags, io: CliIo): Promise<KubewardConfig> {
  const file = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  return file !== undefined ? loadConfigFile(file, undefined, io.cwd) : DEFAULT_CONFIG;
}

interface LoadedRbac {
  readonly model: ClusterModelIndex;
  readonly index: RbacIndex<SourceRef>;
  readonly config: KubewardConfig;
}

/** The input's cluster model and RBAC index; problems printed, fatal only when nothing was read. */
async function loadRbac(paths: readonly string[], flags: RbacFlags, io: CliIo): Promise<LoadedRbac> {
  const cluster = await resolveOneCluster(paths, engineClusterFlags(flags), io);
  if (cluster === undefined && paths.length === 0)
    throw new UsageError('no input: give files, folders, or - for standard input');
  const kubernetesVersion = kubernetesVersionOf(flags);
  const config = await configOf(flags, io);
  const loaded = await loadModel(paths, {
    config,
    readStdin: io.readStdin,
    ...(cluster !== undefined ? { cluster } : {}),
  });
  for (const e of loaded.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  if (loaded.nothingScanned) throw new InputError('nothing could be read (see the errors above)');
  const index = buildRbacIndex(rbacInputFromModel(loaded.model), {
    defaultNamespace: loaded.model.defaultNamespace,
    kubernetesVersion,
  });
  for (const e of index.errors) {
    const what = `${e.object.kind} ${e.object.namespace !== '' ? `${e.object.namespace}/` : ''}${e.object.name}`;
    const message = `${what}: ${e.path}: ${e.message}`;
    const src = e.object.source;
    io.stderr(
      `error: ${formatInputError(src ? { file: src.file, line: src.line, message } : { file: '(default policy)', message })}\n`,
    );
  }
  return { model: new ClusterModelIndex(loaded.model), index, config };
}

function subjectOf(text: string, config: KubewardConfig): SubjectRef {
  const parsed = parseSubject(text);
  if ('error' in parsed) throw new UsageError(parsed.error);
  if (parsed.kind === 'User') return { ...parsed, groups: config.users?.[parsed.name] ?? [] };
  return parsed;
}

function requestOf(
  verb: string,
  resourceText: string,
  flags: RbacFlags,
  index: RbacIndex<SourceRef>,
  model: ClusterModelIndex,
): AccessRequest {
  if (!looksLikeVerb(verb))
    throw new UsageError(`"${verb}" is not a verb (get, list, create, impersonate, … or *)`);
  const known = apiResources(index.kubernetesVersion, rbacInputFromModel(model.model).customResources);
  const spec = parseResource(resourceText, known);
  if ('error' in spec) throw new UsageError(spec.error);
  if ('path' in spec) return { verb, path: spec.path };
  return {
    verb,
    apiGroup: spec.apiGroup,
    resource: spec.resource,
    ...(spec.subresource !== '' ? { subresource: spec.subresource } : {}),
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    namespace: flags.namespace ?? '',
  };
}

/**
 * `rbac can <subject> [PATHS]` lists permissions; `rbac can <subject> <verb> <resource> [PATHS]`
 * answers one question. The word after the subject is a verb when it is one word of letters
 * (or `*`) and no file or folder of that name exists; otherwise every word is a path.
 */
export async function runRbacCan(
  subjectText: string,
  rest: readonly string[],
  flags: RbacFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format);
  subjectOf(subjectText, DEFAULT_CONFIG); // a bad subject is a usage error before any input is read
  const first = rest[0];
  const query = first !== undefined && looksLikeVerb(first) && !existsSync(resolve(io.cwd, first));
  if (query && rest[1] === undefined)
    throw new UsageError(
      `rbac can ${subjectText} ${first}: name a resource too (e.g. pods, pods/exec, deployments.apps)`,
    );
  const { model, index, config } = await loadRbac(query ? rest.slice(2) : rest, flags, io);
  const subject = subjectOf(subjectText, config);
  if (!query) {
    const all = effectivePermissions(index, subject);
    // -n keeps what holds in that namespace: its RoleBindings' rules and the cluster-wide ones
    const ns = flags.namespace;
    const perms =
      ns === undefined
        ? all
        : {
            ...all,
            permissions: all.permissions.filter((p) => p.namespace === ns || p.namespace === ALL_NAMESPACES),
          };
    io.stdout(
      flags.format === 'json'
        ? `${JSON.stringify(permissionsJson(perms), null, 2)}\n`
        : renderPermissionsText(perms, io.color),
    );
    return 0;
  }
  const request = requestOf(first, rest[1]!, flags, index, model);
  const decision = canI(index, subject, request);
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(decisionJson(subject, request, decision), null, 2)}\n`
      : renderDecisionText(subject, request, decision, io.color),
  );
  return decision.allowed ? 0 : 1;
}

export async function runRbacWhoCan(
  verb: string,
  resourceText: string,
  paths: readonly string[],
  flags: RbacFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format);
  const { model, index } = await loadRbac(paths, flags, io);
  const result = whoCan(index, requestOf(verb, resourceText, flags, index, model));
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(whoCanJson(result, model), null, 2)}\n`
      : renderWhoCanText(result, model, io.color),
  );
  return 0;
}

export async function runRbacMatrix(
  subjectText: string,
  paths: readonly string[],
  flags: RbacFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format);
  subjectOf(subjectText, DEFAULT_CONFIG);
  const { model, index, config } = await loadRbac(paths, flags, io);
  const matrix = accessMatrix(index, subjectOf(subjectText, config), {
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    customResources: rbacInputFromModel(model.model).customResources ?? [],
  });
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(matrixJson(matrix), null, 2)}\n`
      : renderMatrixText(matrix, io.color),
  );
  return 0;
}

export async function runRbacWorkloads(
  paths: readonly string[],
  flags: RbacFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format);
  const { model, index } = await loadRbac(paths, flags, io);
  const list = workloadIdentities(model, index);
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(workloadsJson(list), null, 2)}\n`
      : renderWorkloadsText(list, io.color),
  );
  return 0;
}

export interface AuditFlags extends RbacFlags {
  readonly auditLog?: string;
  readonly subject?: string;
}

/** Reads the audit log (gzip when it starts with gzip's magic bytes); malformed events are printed and skipped. */
async function readAudit(flags: AuditFlags, io: CliIo): Promise<readonly AuditRequest[]> {
  const file = flags.auditLog;
  if (file === undefined) throw new UsageError('--audit-log FILE is required');
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(io.cwd, file));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  } catch (e) {
    throw new InputError(`${file}: cannot read the audit log: ${errnoMessage(e)}`);
  }
  const log = parseAuditLog(bytes.toString('utf8'));
  for (const p of log.problems)
    io.stderr(`error: ${formatInputError({ file, line: p.line, message: p.message })}\n`);
  if (log.requests.length === 0) {
    throw new InputError(`${file}: no usable request (ResponseComplete audit events) in the audit log`);
  }
  return log.requests;
}

export async function runRbacGenerate(
  paths: readonly string[],
  flags: AuditFlags,
  io: CliIo,
): Promise<number> {
  checkFormat(flags.format, ['text', 'yaml', 'json']);
  const config = await configOf(flags, io);
  const wanted = flags.subject !== undefined ? subjectOf(flags.subject, config) : undefined;
  const requests = await readAudit(flags, io);
  const scope =
    paths.length > 0
      ? (await loadRbac(paths, flags, io)).index.scope
      : scopeResolver(kubernetesVersionOf(flags));
  const policies = generateFromAudit(requests, scope, wanted !== undefined ? { subject: wanted } : {});
  if (wanted !== undefined && policies.length === 0) {
    throw new InputError(`${flags.auditLog}: no request of ${flags.subject} in the audit log`);
  }
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(generatedListJson(policies), null, 2)}\n`
      : renderGeneratedYaml(policies),
  );
  return 0;
}

export async function runRbacUnused(paths: readonly string[], flags: AuditFlags, io: CliIo): Promise<number> {
  checkFormat(flags.format);
  const requests = await readAudit(flags, io);
  const { model, index, config } = await loadRbac(paths, flags, io);
  const usage = unusedPermissions(index, requests, {
    ...(flags.subject !== undefined ? { subjects: [subjectOf(flags.subject, config)] } : {}),
    customResources: rbacInputFromModel(model.model).customResources ?? [],
  });
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(unusedJson(usage), null, 2)}\n`
      : renderUnusedText(usage, io.color),
  );
  return 0;
}
