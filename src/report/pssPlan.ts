/**
 * `kubeward pss plan` for people (text) and pull requests (Markdown); the JSON document is
 * `planJson` in pss/plan.ts.
 */
import { createColors } from 'picocolors';
import { describeRef } from '../k8s/resource.js';
import { DOCUMENT_LINE, labelStatus, type LineOf, type NamespacePlan, type PssPlan } from '../pss/plan.js';
import type { PssLevel } from '../pss/types.js';
import { alignColumns } from './columns.js';

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

/** The plan for people: an aligned table, then what blocks each next level (colour on a TTY). */
export function renderPssPlanText(plan: PssPlan, color: boolean, lineOf: LineOf = DOCUMENT_LINE): string {
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
    ...alignColumns(rows, (cell, col, row) => {
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

/** The plan for a pull request: a table, and a folded list of blockers per namespace. */
export function renderPssPlanMarkdown(plan: PssPlan, lineOf: LineOf = DOCUMENT_LINE): string {
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
