/**
 * `kubeward contain` output: the plan for people (before → after, what stays reachable and why,
 * the commands, the checks), as JSON, and as the two files a responder runs (`quarantine.yaml`
 * to apply, `quarantine.sh` with the commands in order).
 */
import { createColors } from 'picocolors';
import { stringify } from 'yaml';
import type { ContainmentPlan } from '../graph/contain.js';
import { assetText } from '../graph/types.js';

export function containJson(plan: ContainmentPlan): unknown {
  return {
    workload: plan.workload,
    blastRadiusBefore: plan.blastRadiusBefore,
    blastRadiusIsolated: plan.blastRadiusIsolated,
    blastRadiusAfter: plan.blastRadiusAfter,
    remaining: plan.remaining,
    scaleToZero: plan.scaleToZero,
    manifests: plan.manifests,
    deletions: plan.deletions,
    podLabel: plan.podLabel,
    commands: plan.commands,
    warnings: plan.warnings,
    verified: plan.verified,
    otherConnectionsChanged: plan.otherConnectionsChanged,
    otherIdentitiesChanged: plan.otherIdentitiesChanged,
  };
}

/** The manifests as one multi-document YAML file. */
export function containManifestsYaml(plan: ContainmentPlan): string {
  const head = `# kubeward contain ${assetText(plan.workload)}: apply with kubectl apply -f quarantine.yaml\n`;
  return head + plan.manifests.map((m) => `---\n${stringify(m, { lineWidth: 0 })}`).join('');
}

export function containScript(plan: ContainmentPlan): string {
  return `#!/bin/sh\n# kubeward contain ${assetText(plan.workload)}\nset -eu\n${plan.commands.join('\n')}\n`;
}

export function renderContainText(plan: ContainmentPlan, color: boolean): string {
  const c = createColors(color);
  const name = assetText(plan.workload);
  const out = [
    c.bold(`quarantine plan for ${name}`),
    `blast radius  before ${plan.blastRadiusBefore}  isolated ${plan.blastRadiusIsolated}  after ${plan.blastRadiusAfter}` +
      (plan.scaleToZero ? '  (scaled to zero: no pod runs)' : ''),
  ];
  if (plan.remaining.length > 0) {
    out.push('', 'still reachable with the pods running (why the plan stops the workload):');
    for (const r of plan.remaining)
      out.push(`  ${assetText(r)}  ${r.hops} hop(s), first by ${c.yellow(r.via)}`);
  }
  out.push('', 'apply (quarantine.yaml):');
  for (const m of plan.manifests) {
    const meta = (m['metadata'] ?? {}) as { name?: string; namespace?: string };
    out.push(`  ${String(m['kind'])} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? ''}`);
  }
  if (plan.deletions.length > 0) {
    out.push('', 'delete:');
    for (const d of plan.deletions)
      out.push(`  ${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}  (${d.reason})`);
  }
  out.push('', 'commands (quarantine.sh):', ...plan.commands.map((l) => `  ${l}`));
  if (plan.warnings.length > 0) out.push('', ...plan.warnings.map((w) => c.yellow(`warning: ${w}`)));
  out.push(
    '',
    plan.verified
      ? c.green('verified: no other workload loses or gains a connection, no other identity loses a right')
      : c.red(
          `NOT verified: ${[...plan.otherConnectionsChanged, ...plan.otherIdentitiesChanged].join('; ')}`,
        ),
  );
  return `${out.join('\n')}\n`;
}
