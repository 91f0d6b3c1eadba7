/**
 * Rule documentation, generated from rule metadata only: `kubeward rules`,
 * `kubeward rules <id>`, and the README's rule table (a test fails when the
 * checked-in table drifts from this output).
 */
import { createColors } from 'picocolors';
import { FRAMEWORKS, type Framework } from '../policy/frameworks.js';
import { EVERY_KIND, type Rule, type RuleReferences } from '../policy/types.js';

/** A rule's metadata as `kubeward rules -f json` writes it: everything but its check. */
export function ruleJson(rule: Rule): Omit<Rule, 'check'> {
  const { check: _check, ...meta } = rule;
  return meta;
}

/** The controls of a framework as `kubeward rules --framework F -f json` writes them. */
export function controlListJson(
  framework: Framework,
  controls: readonly (readonly [string, readonly Rule[]])[],
) {
  return {
    framework,
    name: FRAMEWORKS[framework],
    controls: controls.map(([control, rules]) => ({ id: control, rules: rules.map((r) => r.id) })),
  };
}

export function referenceLines(refs: RuleReferences): string[] {
  const out: string[] = [];
  if (refs.pss) out.push(`Pod Security Standards: ${refs.pss}`);
  if (refs.cis?.length) out.push(`CIS Kubernetes Benchmark: ${refs.cis.join(', ')}`);
  if (refs.nsa?.length) out.push(`NSA/CISA Kubernetes Hardening Guide: ${refs.nsa.join('; ')}`);
  if (refs.mitre?.length) out.push(`MITRE ATT&CK for Containers: ${refs.mitre.join(', ')}`);
  for (const l of refs.links ?? []) out.push(l);
  return out;
}

/** One line per rule: id, severity, category, title. */
export function renderRuleList(rules: readonly Rule[], color: boolean): string {
  const c = createColors(color);
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map(
    (r) =>
      `${c.bold(r.id.padEnd(idWidth))}  ${r.severity.padEnd(8)}  ${r.category.padEnd(12)}  ${r.title}${r.optIn ? c.dim(' (opt-in)') : ''}`,
  );
  lines.push('', `${rules.length} rules. \`kubeward rules <id>\` shows one in full.`);
  return lines.join('\n') + '\n';
}

/** The full documentation of one rule. */
export function renderRuleDoc(rule: Rule, color: boolean): string {
  const c = createColors(color);
  const targets = rule.targets
    .map((t) => (t === 'workload' ? 'every workload kind' : t === EVERY_KIND ? 'every kind' : t))
    .join(', ');
  const section = (title: string, body: string): string =>
    `${c.bold(title)}\n  ${body.replace(/\n/g, '\n  ')}\n`;
  return [
    `${c.bold(rule.id)} — ${rule.title}`,
    `severity: ${rule.severity}   category: ${rule.category}   applies to: ${targets}${rule.optIn ? '   (opt-in: enable it in .kubeward.yaml)' : ''}\n`,
    section('What it detects', rule.description),
    section('Why it matters', rule.rationale),
    section('How to fix it', rule.remediation),
    section('References', referenceLines(rule.references).join('\n') || '—'),
    section(
      'Suppress it',
      `annotation  kubeward.io/ignore: "${rule.id}: <reason>"   (or ${rule.id}[<container>] for one container)\n` +
        `config      exceptions: [{rules: [${rule.id}], kind: …, namespace: …, name: …, reason: …, expires: YYYY-MM-DD}]`,
    ),
  ].join('\n');
}

/** The controls of a framework and the rules that check each (`kubeward rules --framework`). */
export function renderControlList(
  framework: Framework,
  controls: readonly (readonly [string, readonly Rule[]])[],
  markdown: boolean,
  color: boolean,
): string {
  const ruleCount = new Set(controls.flatMap(([, rules]) => rules.map((r) => r.id))).size;
  const title = `${FRAMEWORKS[framework]}: ${controls.length} controls, checked by ${ruleCount} rules`;
  const ruleName = (r: Rule): string => `${r.id}${r.optIn ? ' (opt-in)' : ''}`;
  if (markdown) {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    const rows = controls.map(
      ([id, rules]) =>
        `| ${esc(id)} | ${rules.map((r) => `\`${r.id}\`${r.optIn ? ' (opt-in)' : ''}`).join(', ')} |`,
    );
    return [`**${title}**`, '', '| control | rules |', '| --- | --- |', ...rows].join('\n') + '\n';
  }
  const c = createColors(color);
  const width = Math.max(0, ...controls.map(([id]) => id.length));
  const lines = controls.map(
    ([id, rules]) => `  ${c.bold(id.padEnd(width))}  ${rules.map(ruleName).join(', ')}`,
  );
  return (
    [title, ...lines, '', '`kubeward scan --framework ' + framework + '` reports each control.'].join('\n') +
    '\n'
  );
}

/** The README's rule table (Markdown). */
export function renderRuleTable(rules: readonly Rule[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = rules.map(
    (r) => `| \`${r.id}\` | ${r.severity} | ${r.category} | ${esc(r.title)}${r.optIn ? ' (opt-in)' : ''} |`,
  );
  return ['| rule | severity | category | detects |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
