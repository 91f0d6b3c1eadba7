/**
 * `kubeward fix`: scan → findings → the fixes they offer (policy/fixCatalog.ts) → minimal text
 * edits of the user's files (src/fix/). Without --write or --diff it lists what would be fixed
 * and what is only suggested; --diff prints a unified diff; --write edits the files in place,
 * each atomically (a temporary file renamed over it), and only when the file is still the one
 * that was scanned (its content hash is compared right before writing).
 *
 * Inputs that are not the user's own text are declined: Helm and Kustomize output (fix the
 * chart or the overlay instead), standard input.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { planFile, type DocumentFix, type FixOutcome } from '../../fix/filePlan.js';
import type { FixProposal } from '../../fix/operations.js';
import { unifiedDiff } from '../../fix/unifiedDiff.js';
import { describeRef, qualifiedName, sourceKey, type Resource, type SourceRef } from '../../k8s/resource.js';
import { Inventory } from '../../k8s/inventory.js';
import { loadInputs } from '../../load/files.js';
import { formatInputError } from '../../load/inputError.js';
import { parseManifestText } from '../../load/parse.js';
import { helmTemplatesOf } from '../../load/render.js';
import { DEFAULT_CONFIG } from '../../policy/config.js';
import { fixFor } from '../../policy/fixCatalog.js';
import { ruleById } from '../../policy/registry.js';
import type { Finding } from '../../policy/types.js';
import { findConfigFile, loadConfigFile, scanLoaded, type ScanOptions } from '../../scan.js';
import { modelIndexOf } from '../../scanThread.js';
import type { CliIo } from '../io.js';
import { parsePssFlag } from '../pssFlag.js';
import { namespacePolicies } from './fixNetworkPolicies.js';
import { addedReason, findingKey, leaveOut, verifyChanges } from './fixVerify.js';
import { sha256, writeFixes, type FileChange } from './fixWrite.js';

export interface FixFlags {
  /** `--rules a,b` (repeatable): only these rules' findings (opt-in ones included when named). */
  readonly rules?: readonly string[];
  readonly write?: boolean;
  readonly diff?: boolean;
  /** `--digest IMAGE=sha256:…` (repeatable). */
  readonly digest?: readonly string[];
  /** `--digests FILE`: lines of `IMAGE=sha256:…` or `IMAGE@sha256:…`. */
  readonly digests?: string;
  readonly config?: string | false;
  readonly pss?: string;
}

/** One finding and what became of its fix. */
export interface FixEntry {
  readonly finding: Finding;
  /** `findingKey` of the finding: what the re-scan compares. */
  readonly key: string;
  readonly resource: string;
  readonly proposal: FixProposal;
  /** Edits only: applied (or would be), unchanged (held already), or declined with the reason. */
  readonly outcome?: FixOutcome;
}

export interface FixPlan {
  readonly entries: readonly FixEntry[];
  readonly changes: readonly FileChange[];
  readonly errors: readonly string[];
  /** The findings (`findingKey`) the planned changes clear, as the re-scan of the new texts says. */
  readonly gone: readonly string[];
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `IMAGE=sha256:…` or `IMAGE@sha256:…` → [image, digest]; a malformed one is a usage error. */
export function parseDigest(text: string, where: string): [string, string] {
  const m = /^(.+?)[=@](sha256:.*)$/.exec(text.trim());
  if (m === null || !DIGEST.test(m[2]!))
    throw new UsageError(
      `${where}: expected IMAGE=sha256:<64 hex digits>, got "${text.trim()}" (\`crane digest IMAGE\` prints the digest)`,
    );
  return [m[1]!, m[2]!];
}

async function digestsOf(flags: FixFlags, cwd: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (flags.digests !== undefined) {
    let text: string;
    try {
      text = await readFile(join(cwd, flags.digests), 'utf8');
    } catch (e) {
      throw new InputError(`--digests ${flags.digests}: ${e instanceof Error ? e.message : String(e)}`);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '' || line.trim().startsWith('#')) return;
      const [image, digest] = parseDigest(line, `${flags.digests}:${i + 1}`);
      out.set(image, digest);
    });
  }
  for (const d of flags.digest ?? []) {
    const [image, digest] = parseDigest(d, '--digest');
    out.set(image, digest);
  }
  return out;
}

/** Why a source is not a file of the user's own to edit, or undefined. */
function notOwnFile(source: SourceRef, text: string | undefined): string | undefined {
  if (source.file === '<stdin>') return 'read from standard input: fix the file it came from';
  if (source.template !== undefined || source.file.endsWith(' output)'))
    return 'rendered by Helm or Kustomize, not your file: fix the chart, values or overlay instead';
  if (text === undefined) return `${source.file} cannot be read again`;
  if (helmTemplatesOf(text, [{ start: 0, end: text.length }], '.')[0] !== undefined)
    return 'helm template output (# Source: …), not your file: fix the chart, values or overlay instead';
  return undefined;
}

/** The text of each file on disk a fix is for, read once (undefined: unreadable, or not a file). */
async function textsOf(sources: readonly SourceRef[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const { file } of sources) {
    if (out.has(file) || file === '<stdin>' || file.endsWith(' output)')) continue;
    out.set(file, await readFile(file, 'utf8').catch(() => undefined));
  }
  return out;
}

/**
 * Scans `paths` and plans every fix the findings offer. Nothing is written; the file texts
 * and hashes the plan is based on travel with it, for `writeFixes`.
 */
export async function planFixes(paths: readonly string[], flags: FixFlags, io: CliIo): Promise<FixPlan> {
  const configFile = flags.config === false ? undefined : (flags.config ?? (await findConfigFile(io.cwd)));
  const config =
    configFile !== undefined ? await loadConfigFile(configFile, undefined, io.cwd) : DEFAULT_CONFIG;
  const digests = await digestsOf(flags, io.cwd);
  const only = flags.rules?.flatMap((r) => r.split(',')).filter((r) => r !== '');
  const unknown = only?.find((id) => ruleById(id) === undefined);
  if (unknown !== undefined)
    throw new UsageError(`--rules: no rule "${unknown}"; \`kubeward rules\` lists them`);
  const loaded = await loadInputs(paths, { readStdin: io.readStdin, workers: 0 });
  const errors = loaded.errors.map(formatInputError);
  if (loaded.resources.length === 0 && loaded.errors.length > 0) {
    for (const e of errors) io.stderr(`error: ${e}\n`);
    throw new InputError(`nothing could be read from ${paths.join(' ')} (see the errors above)`);
  }
  const scanOptions: ScanOptions = {
    config,
    ...(only !== undefined && only.length > 0
      ? { only }
      : digests.size > 0
        ? { enable: ['image-no-digest'] }
        : {}),
    ...(flags.pss !== undefined ? { pss: parsePssFlag(flags.pss) } : {}),
    now: io.now(),
  };
  const result = scanLoaded(loaded, scanOptions);
  const inventory = new Inventory(loaded.resources, {
    defaultNamespace: result.defaultNamespace,
    podTemplateKinds: result.podTemplateKinds,
  });
  const bySource = new Map<string, Resource>(loaded.resources.map((r) => [sourceKey(r.source), r]));
  const model = modelIndexOf(result.model);

  const entries: FixEntry[] = [];
  /** The file each entry's fix changes or creates. */
  const entryFile = new Map<number, string>();
  const perFile = new Map<string, { fixes: DocumentFix[]; entries: number[]; targets: string[] }>();
  const namespaces = new Map<string, string>();
  const texts = await textsOf(result.findings.map((f) => f.source));
  for (const finding of result.findings) {
    const resource = bySource.get(sourceKey(finding.source));
    if (resource === undefined) continue;
    const workload = inventory.workloadOf(resource);
    const proposal = fixFor({ finding, resource, ...(workload ? { workload } : {}), model, digests });
    if (proposal === undefined) continue;
    const label = describeRef(resource.ref);
    const key = findingKey(finding, result.defaultNamespace);
    const declined = notOwnFile(resource.source, texts.get(resource.source.file));
    if (declined !== undefined && proposal.kind !== 'suggestion') {
      entries.push({
        finding,
        key,
        resource: label,
        proposal,
        outcome: { status: 'declined', reason: declined },
      });
      continue;
    }
    entries.push({ finding, key, resource: label, proposal });
    if (proposal.kind === 'network-policies') {
      if (!namespaces.has(proposal.namespace)) namespaces.set(proposal.namespace, resource.source.file);
      continue;
    }
    if (proposal.kind !== 'edit') continue;
    const file = perFile.get(resource.source.file) ?? { fixes: [], entries: [], targets: [] };
    perFile.set(resource.source.file, file);
    file.fixes.push({
      documentIndex: resource.source.documentIndex,
      ...(resource.source.itemIndex !== undefined ? { itemIndex: resource.source.itemIndex } : {}),
      operations: proposal.operations,
      ...(proposal.newDocuments ? { newDocuments: proposal.newDocuments } : {}),
    });
    file.entries.push(entries.length - 1);
    file.targets.push(qualifiedName(resource.ref, result.defaultNamespace));
    entryFile.set(entries.length - 1, resource.source.file);
  }

  /** Planned NetworkPolicy files: path → text. */
  const created = new Map<string, string>();
  for (const [namespace, besideFile] of namespaces) {
    const file = join(dirname(besideFile), `kubeward-netpol-${namespace}.yaml`);
    const generated = namespacePolicies(loaded.resources, namespace, result.defaultNamespace);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    const n = generated.problems.length;
    const outcome: FixOutcome = exists
      ? {
          status: 'declined',
          reason: `${file} exists already: merge the policies by hand (kubeward netpol generate)`,
        }
      : generated.text === undefined
        ? {
            status: 'declined',
            reason: `${generated.problems[0] ?? 'no policy generated'}${n > 1 ? ` (and ${n - 1} more: see kubeward netpol generate)` : ''}`,
          }
        : { status: 'applied' };
    entries.forEach((e, i) => {
      if (
        e.proposal.kind === 'network-policies' &&
        e.proposal.namespace === namespace &&
        e.outcome === undefined
      ) {
        entries[i] = { ...e, outcome };
        entryFile.set(i, file);
      }
    });
    if (outcome.status === 'applied' && generated.text !== undefined) created.set(file, generated.text);
  }

  // Plan, re-scan in memory, leave out what brings a new finding, until nothing does.
  const excluded = new Map<number, string>();
  const dropped = new Map<string, string>();
  let changes: FileChange[] = [];
  let remaining: ReadonlySet<string> | undefined;
  for (;;) {
    changes = [];
    for (const [file, planned] of perFile) {
      const keep = planned.entries
        .map((at, i) => ({ at, fix: planned.fixes[i]! }))
        .filter((x) => !excluded.has(x.at));
      const text = texts.get(file) ?? '';
      const mismatch = scannedMismatch(text, file, planned.fixes, bySource);
      const plan =
        mismatch === undefined
          ? planFile(
              text,
              keep.map((x) => x.fix),
            )
          : undefined;
      for (const at of planned.entries) {
        const i = keep.findIndex((x) => x.at === at);
        const outcome: FixOutcome = excluded.has(at)
          ? { status: 'declined', reason: excluded.get(at)! }
          : (plan?.outcomes[i] ?? { status: 'declined', reason: mismatch ?? 'not planned' });
        entries[at] = { ...entries[at]!, outcome };
      }
      if (plan !== undefined && plan.text !== text)
        changes.push({ file, before: text, hash: sha256(text), after: plan.text, created: false });
    }
    for (const [file, text] of created)
      if (!dropped.has(file))
        changes.push({ file, before: '', hash: sha256(''), after: text, created: true });
    if (changes.length === 0) break;
    const verification = verifyChanges(
      loaded,
      result.findings,
      changes,
      scanOptions,
      result.defaultNamespace,
    );
    if (verification.added.length === 0) {
      remaining = verification.remaining;
      break;
    }
    const before = excluded.size + dropped.size;
    leaveOut(verification.added, perFile, created, excluded, dropped);
    if (excluded.size + dropped.size === before) {
      for (const [, planned] of perFile)
        for (const at of planned.entries) excluded.set(at, addedReason(verification.added));
      for (const file of created.keys()) dropped.set(file, addedReason(verification.added));
    }
  }
  for (const [file, reason] of dropped) {
    entryFile.forEach((f, i) => {
      if (f === file && entries[i]!.outcome?.status !== 'declined')
        entries[i] = { ...entries[i]!, outcome: { status: 'declined', reason } };
    });
  }
  const gone =
    remaining === undefined
      ? []
      : result.findings.map((f) => findingKey(f, result.defaultNamespace)).filter((k) => !remaining.has(k));
  return { entries, changes, errors, gone };
}

/**
 * Why the file's text is not the one the findings came from (it changed between the scan and
 * this read), or undefined: every resource a fix is for must read back the same.
 */
function scannedMismatch(
  text: string,
  file: string,
  fixes: readonly DocumentFix[],
  bySource: ReadonlyMap<string, Resource>,
): string | undefined {
  const reread = new Map(parseManifestText(text, file).resources.map((r) => [sourceKey(r.source), r]));
  for (const f of fixes) {
    const key = sourceKey({
      file,
      documentIndex: f.documentIndex,
      line: 0,
      ...(f.itemIndex !== undefined ? { itemIndex: f.itemIndex } : {}),
    });
    const scanned = bySource.get(key);
    const now = reread.get(key);
    if (
      scanned === undefined ||
      now === undefined ||
      JSON.stringify(scanned.object) !== JSON.stringify(now.object)
    )
      return `${file} changed on disk while it was scanned: run kubeward fix again`;
  }
  return undefined;
}

function line(e: FixEntry, cwd: string, gone: ReadonlySet<string>): string {
  const where = `${relative(cwd, e.finding.location?.file ?? e.finding.source.file) || e.finding.source.file}:${e.finding.location?.line ?? e.finding.source.line}`;
  const head = `${where}  ${e.resource}  [${e.finding.ruleId}]`;
  if (e.proposal.kind === 'suggestion')
    return `  suggest   ${head}\n            ${e.proposal.title}: not applied, ${e.proposal.reason}\n`;
  const status = e.outcome?.status ?? 'applied';
  const reason = e.outcome && 'reason' in e.outcome ? e.outcome.reason : '';
  if (status === 'declined' && gone.has(e.key))
    return `  fix       ${head}\n            cleared by another fix (${e.proposal.title}: ${reason})\n`;
  if (status === 'declined')
    return `  declined  ${head}\n            ${e.proposal.title}: ${e.outcome && 'reason' in e.outcome ? e.outcome.reason : ''}\n`;
  const same = status === 'unchanged' ? ' (the same edit as another finding of it)' : '';
  return `  fix       ${head}\n            ${e.proposal.title}${same}\n`;
}

/** `a/x.yaml` and `b/x.yaml` (what `git apply` reads) for a file under `cwd`; else the path as it is. */
function diffLabels(change: FileChange, cwd: string): { before: string; after: string } {
  const rel = relative(cwd, change.file);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const before = inside ? `a/${rel}` : change.file;
  return { before: change.created ? '/dev/null' : before, after: inside ? `b/${rel}` : change.file };
}

export async function runFix(paths: readonly string[], flags: FixFlags, io: CliIo): Promise<number> {
  if (flags.write && flags.diff) throw new UsageError('give --write or --diff, not both');
  if (paths.length === 0) throw new UsageError('nothing to fix: give files or folders');
  const plan = await planFixes(paths, flags, io);
  for (const e of plan.errors) io.stderr(`error: ${e}\n`);
  const fixes = plan.entries.filter(
    (e) => e.proposal.kind !== 'suggestion' && e.outcome !== undefined && e.outcome.status !== 'declined',
  );
  const suggestions = plan.entries.filter((e) => e.proposal.kind === 'suggestion');
  const declined = plan.entries.filter((e) => e.outcome?.status === 'declined');
  if (flags.diff) {
    for (const c of plan.changes) io.stdout(unifiedDiff(diffLabels(c, io.cwd), c.before, c.after));
  } else {
    const gone = new Set(plan.gone);
    for (const e of plan.entries) io.stdout(line(e, io.cwd, gone));
  }
  const files = plan.changes.length;
  const summary =
    `${fixes.length} finding${fixes.length === 1 ? '' : 's'} fixed by the edits of ${files} file${files === 1 ? '' : 's'}` +
    `, ${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'} (not applied: yours to decide)` +
    (declined.length > 0 ? `, ${declined.length} declined` : '');
  if (!flags.write) {
    io.stderr(`${summary}${flags.diff ? '' : '; --diff shows the edits, --write applies them'}\n`);
    return 0;
  }
  const errors = await writeFixes(plan.changes);
  for (const e of errors) io.stderr(`error: ${e}\n`);
  io.stderr(`${summary}; wrote ${files - errors.length} file${files - errors.length === 1 ? '' : 's'}\n`);
  if (errors.length > 0)
    throw new InputError(`${errors.length} file${errors.length === 1 ? '' : 's'} not written`);
  return 0;
}
