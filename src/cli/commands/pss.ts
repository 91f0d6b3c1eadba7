/**
 * `kubeward pss plan`: for every namespace in the input, the strictest Pod Security
 * Standards level it can enforce today and what blocks the next one (src/pss/plan.ts),
 * rendered for people (text), machines (json, schemaVersion 1) or pull requests (markdown).
 */
import { resolve } from 'node:path';
import { createColors } from 'picocolors';
import { InputError, UsageError } from '../../errors.js';
import { describeRef } from '../../k8s/resource.js';
import { loadInputs } from '../../load/files.js';
import { formatInputError, type InputError as InputProblem } from '../../load/inputError.js';
import { DEFAULT_CONFIG } from '../../policy/config.js';
import { enforcePolicyOf } from '../../pss/namespaceLabels.js';
import { planPodSecurity, type NamespacePlan, type PlanBlocker, type PssPlan } from '../../pss/plan.js';
import type { PssLevel } from '../../pss/types.js';
import { parsePolicyVersion } from '../../pss/version.js';
import { findConfigFile, loadConfigFile, scanLoaded } from '../../scan.js';
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
  const parsed = parsePolicyVersion(opts.pssVersion);
  if ('error' in parsed) throw new UsageError(`--pss-version: ${parsed.error}`);
  if (paths.length === 0)
    throw new UsageError('nothing to plan: give files, folders, or - for standard input');

  const configFile = opts.config !== undefined ? resolve(io.cwd, opts.config) : await findConfigFile(io.cwd);
  const config = configFile !== undefined ? await loadConfigFile(configFile) : DEFAULT_CONFIG;
  const loaded = await loadInputs(paths, { readStdin: io.readStdin });
  // No rules: scanLoaded only builds the inventory (config's default namespace and custom
  // pod-template kinds applied) and reports wrong field types.
  const scanned = scanLoaded(loaded, { config, rules: [], locate: false, now: io.now() });
  if (loaded.resources.length === 0 && scanned.errors.length > 0) {
    for (const e of scanned.errors) io.stderr(`error: ${formatInputError(e)}\n`);
    throw new InputError('nothing could be read (see the errors above)');
  }

  const plan = planPodSecurity(scanned.inventory, parsed.version);
  // The line of `kind:` — where the workload's document names what it is.
  const lineOf: LineOf = (b) => loaded.locator.locate(b.source, ['kind']).line;
  switch (opts.format) {
    case 'json':
      io.stdout(`${JSON.stringify(planJson(plan, scanned.errors, lineOf), null, 2)}\n`);
      break;
    case 'markdown':
      io.stdout(renderMarkdown(plan, lineOf));
      break;
    default:
      io.stdout(renderText(plan, io.color, lineOf));
  }
  if (opts.format !== 'json') for (const e of scanned.errors) io.stderr(`error: ${formatInputError(e)}\n`);
  return 0;
}

/** The source line to show for a blocking workload. */
export type LineOf = (blocker: PlanBlocker) => number;

const DOCUMENT_LINE: LineOf = (b) => b.source.line;

/** How the namespace's current enforce label compares with the plan. */
export type LabelStatus = 'unlabelled' | 'can-tighten' | 'at-strictest' | 'rejects-workloads';

const RANK: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

export function labelStatus(ns: NamespacePlan): LabelStatus {
  if (ns.currentEnforce === undefined) return 'unlabelled';
  // Read the label as PSA does (an unparseable level is enforced as restricted).
  const current = enforcePolicyOf({ 'pod-security.kubernetes.io/enforce': ns.currentEnforce.level })!.level;
  if (RANK[current] < RANK[ns.strictest]) return 'can-tighten';
  if (RANK[current] > RANK[ns.strictest]) return 'rejects-workloads';
  return 'at-strictest';
}

function action(ns: NamespacePlan): string {
  switch (labelStatus(ns)) {
    case 'unlabelled':
      return `label enforce=${ns.strictest}`;
    case 'can-tighten':
      return `tighten to ${ns.strictest}`;
    case 'rejects-workloads':
      return `current label rejects workloads; fix them or relax to ${ns.strictest}`;
    case 'at-strictest':
      return 'ok';
  }
}

function labelText(ns: NamespacePlan): string {
  if (ns.currentEnforce === undefined) return ns.declared ? '(none)' : '(no Namespace object)';
  return `${ns.currentEnforce.level}:${ns.currentEnforce.version ?? 'latest'}`;
}

function blockedText(ns: NamespacePlan): string {
  if (ns.next === undefined) return '-';
  const n = ns.blockers.length;
  return `${ns.next}: ${n} workload${n === 1 ? '' : 's'}`;
}

/** The JSON document (schemaVersion 1); the README documents it. */
export function planJson(plan: PssPlan, errors: readonly InputProblem[], lineOf: LineOf = DOCUMENT_LINE) {
  return {
    schemaVersion: '1',
    policyVersion: plan.version.text,
    namespaces: plan.namespaces.map((ns) => ({
      namespace: ns.namespace,
      declared: ns.declared,
      currentEnforce: ns.currentEnforce
        ? { level: ns.currentEnforce.level, version: ns.currentEnforce.version ?? 'latest' }
        : null,
      workloads: ns.workloads,
      strictestLevel: ns.strictest,
      nextLevel: ns.next ?? null,
      labelStatus: labelStatus(ns),
      blockers: ns.blockers.map((b) => ({
        resource: {
          apiVersion: b.resource.apiVersion,
          kind: b.resource.kind,
          namespace: ns.namespace,
          name: b.resource.name,
        },
        location: { file: b.source.file, line: lineOf(b) },
        checks: b.checks.map((c) => ({
          id: c.checkId,
          reason: c.reason,
          detail: c.detail,
          containers: c.containers,
        })),
      })),
    })),
    errors: errors.map((e) => ({
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      message: e.message,
    })),
  };
}

function table(
  rows: readonly (readonly string[])[],
  style: (cell: string, col: number, row: number) => string,
): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, ri) =>
    r
      .map((cell, i) => style(i === r.length - 1 ? cell : cell.padEnd(widths[i]!), i, ri))
      .join('  ')
      .trimEnd(),
  );
}

export function renderText(plan: PssPlan, color: boolean, lineOf: LineOf = DOCUMENT_LINE): string {
  const c = createColors(color);
  const levelColor: Record<PssLevel, (s: string) => string> = {
    privileged: c.red,
    baseline: c.yellow,
    restricted: c.green,
  };
  const lines = [`Pod Security Standards roll-out plan (policy version ${plan.version.text})`, ''];
  if (plan.namespaces.length === 0) return `${lines[0]}\n\nno namespaces in the input\n`;
  const rows = [
    ['NAMESPACE', 'WORKLOADS', 'ENFORCE LABEL', 'STRICTEST OK', 'BLOCKING NEXT LEVEL', 'ACTION'],
    ...plan.namespaces.map((ns) => [
      ns.namespace,
      String(ns.workloads),
      labelText(ns),
      ns.strictest,
      blockedText(ns),
      action(ns),
    ]),
  ];
  lines.push(
    ...table(rows, (cell, col, row) => {
      if (row === 0) return c.bold(cell);
      const ns = plan.namespaces[row - 1]!;
      if (col === 3) return levelColor[ns.strictest](cell);
      if (col === 5 && labelStatus(ns) === 'rejects-workloads') return c.red(cell);
      return cell;
    }),
  );
  for (const ns of plan.namespaces) {
    if (ns.next === undefined) continue;
    lines.push('', c.bold(`${ns.namespace}: ${ns.next} is blocked by`));
    for (const b of ns.blockers) {
      lines.push(
        `  ${describeRef({ ...b.resource, namespace: ns.namespace })}  ${c.dim(`${b.source.file}:${lineOf(b)}`)}`,
      );
      const width = Math.max(...b.checks.map((k) => k.checkId.length));
      for (const k of b.checks) lines.push(`    ${k.checkId.padEnd(width)}  ${k.reason} (${k.detail})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function md(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderMarkdown(plan: PssPlan, lineOf: LineOf = DOCUMENT_LINE): string {
  const lines = [`## Pod Security Standards roll-out plan (policy version \`${plan.version.text}\`)`, ''];
  if (plan.namespaces.length === 0) return `${lines[0]}\n\nNo namespaces in the input.\n`;
  lines.push(
    '| Namespace | Workloads | Enforce label | Strictest level admitting all | Blocking the next level | Action |',
    '| --- | ---: | --- | --- | --- | --- |',
  );
  for (const ns of plan.namespaces) {
    lines.push(
      `| \`${md(ns.namespace)}\` | ${ns.workloads} | ${ns.currentEnforce ? `\`${md(labelText(ns))}\`` : labelText(ns)} | **${ns.strictest}** | ${blockedText(ns)} | ${md(action(ns))} |`,
    );
  }
  for (const ns of plan.namespaces) {
    if (ns.next === undefined) continue;
    lines.push(
      '',
      `<details><summary><code>${ns.namespace}</code>: what blocks <b>${ns.next}</b></summary>`,
      '',
    );
    for (const b of ns.blockers) {
      lines.push(
        `- \`${describeRef({ ...b.resource, namespace: ns.namespace })}\` (\`${b.source.file}:${lineOf(b)}\`)`,
      );
      for (const k of b.checks) lines.push(`  - \`${k.checkId}\`: ${md(`${k.reason} (${k.detail})`)}`);
    }
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
