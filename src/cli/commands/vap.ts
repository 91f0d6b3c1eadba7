/**
 * `kubeward vap test [MANIFESTS] --policies DIR`: ValidatingAdmissionPolicies and their bindings
 * evaluated offline (src/vap/), every manifest object as the CREATE that would apply it.
 * `kubeward export vap`: built-in rules as ValidatingAdmissionPolicies (policy/exportVap.ts).
 * Exit codes: 0 nothing denied, 1 a Deny verdict, 2 usage, input or policy errors.
 */
import { InputError, UsageError } from '../../errors.js';
import { loadInputs } from '../../load/files.js';
import { formatInputError } from '../../load/inputError.js';
import { testPolicies, type VapTestResult } from '../../vap/run.js';
import type { CliIo } from '../io.js';

export interface VapTestFlags {
  readonly policies?: string;
  readonly format: string;
  readonly defaultNamespace?: string;
}

function renderText(result: VapTestResult): string {
  const lines: string[] = [];
  let denied = 0;
  let warned = 0;
  for (const { resource, verdict } of result.results) {
    const where = `${resource.source.file}:${resource.source.line}`;
    const who = `${resource.ref.kind} ${resource.ref.namespace !== undefined ? `${resource.ref.namespace}/` : ''}${resource.ref.name}`;
    if (!verdict.allowed) {
      denied++;
      lines.push(`DENY   ${who} (${where}): ${verdict.message ?? ''}`);
    } else if (verdict.warnings.length > 0) {
      warned++;
      lines.push(`WARN   ${who} (${where})`);
    } else if (Object.keys(verdict.auditAnnotations).length > 0) {
      lines.push(`ALLOW  ${who} (${where})`);
    }
    for (const w of verdict.warnings) lines.push(`  warning: ${w}`);
    for (const [key, value] of Object.entries(verdict.auditAnnotations)) lines.push(`  audit: ${key}=${value}`);
  }
  const n = result.results.length;
  lines.push(
    `${n} object${n === 1 ? '' : 's'} against ${result.policies} polic${result.policies === 1 ? 'y' : 'ies'} and ${result.bindings} binding${result.bindings === 1 ? '' : 's'}: ${denied} denied, ${warned} allowed with warnings, ${n - denied - warned} allowed`,
  );
  return `${lines.join('\n')}\n`;
}

function renderJson(result: VapTestResult): string {
  return `${JSON.stringify(
    {
      schemaVersion: '1',
      results: result.results.map(({ resource, verdict }) => ({
        resource: resource.ref,
        location: { file: resource.source.file, line: resource.source.line },
        allowed: verdict.allowed,
        ...(verdict.message !== undefined ? { message: verdict.message, code: verdict.code } : {}),
        warnings: verdict.warnings,
        auditAnnotations: verdict.auditAnnotations,
        decisions: verdict.decisions,
      })),
      errors: result.problems,
      notices: result.notices,
    },
    null,
    2,
  )}\n`;
}

export async function runVapTest(paths: readonly string[], flags: VapTestFlags, io: CliIo): Promise<number> {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format must be text or json, not "${flags.format}"`);
  if (flags.policies === undefined) throw new UsageError('--policies DIR is required: the ValidatingAdmissionPolicies, bindings and params to test');
  if (paths.length === 0) throw new UsageError('nothing to test: give manifest files, folders, or - for standard input');
  const policyInput = await loadInputs([flags.policies]);
  const manifests = await loadInputs(paths, { readStdin: io.readStdin });
  const inputErrors = [...policyInput.errors, ...manifests.errors];
  if (policyInput.resources.length === 0 && policyInput.errors.length > 0) {
    for (const e of inputErrors) io.stderr(`error: ${formatInputError(e)}\n`);
    throw new InputError(`no policy could be read from ${flags.policies}`);
  }
  const result = testPolicies(manifests.resources, policyInput.resources, flags.defaultNamespace ?? 'default');
  io.stdout(flags.format === 'json' ? renderJson(result) : renderText(result));
  for (const n of result.notices) io.stderr(`notice: ${n}\n`);
  for (const e of inputErrors) io.stderr(`error: ${formatInputError(e)}\n`);
  for (const p of result.problems) io.stderr(`error: ${p.file}:${p.line}: ${p.message}\n`);
  if (result.problems.length > 0 || inputErrors.length > 0) return 2;
  return result.results.some((r) => !r.verdict.allowed) ? 1 : 0;
}

export interface ExportVapFlags {
  readonly rules?: string;
  readonly level: string;
  readonly action: string;
}

/** Families of built-in rules that export as ValidatingAdmissionPolicies. */
const EXPORTABLE = ['pss'];

export async function runExportVap(flags: ExportVapFlags, io: CliIo): Promise<number> {
  const families = (flags.rules ?? 'pss').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = families.find((f) => !EXPORTABLE.includes(f));
  if (unknown !== undefined) throw new UsageError(`--rules: "${unknown}" cannot be exported; exportable: ${EXPORTABLE.join(', ')}`);
  if (flags.level !== 'baseline' && flags.level !== 'restricted') throw new UsageError(`--level must be baseline or restricted, not "${flags.level}"`);
  if (flags.action !== 'Deny' && flags.action !== 'Warn' && flags.action !== 'Audit') throw new UsageError(`--action must be Deny, Warn or Audit, not "${flags.action}"`);
  const { pssExport } = await import('../../policy/exportVap/pssPolicy.js');
  const { yamlLib } = await import('../../load/yamlLib.js');
  const docs = pssExport(flags.level, flags.action);
  io.stdout(docs.map((d) => yamlLib().stringify(d, { lineWidth: 0 })).join('---\n'));
  return 0;
}
