/**
 * The audit's Prometheus metrics (text exposition format 0.0.4). Label sets are bounded:
 * severities and result kinds are closed lists, rule ids come from the rule set, event types
 * are the watch's three; no label carries a namespace or an object name (a cluster has
 * unboundedly many; those are in the PolicyReports).
 */
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { WatchEventType } from './informer.js';

interface Counts {
  readonly findings: readonly { readonly ruleId: string; readonly severity: Severity }[];
  readonly suppressed: readonly unknown[];
  readonly objects: number;
  readonly reevaluated: number;
}

/** `name{labels} value` with label values escaped as the format asks (backslash, quote, newline). */
function sample(name: string, labels: Record<string, string>, value: number): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return `${name}${text !== '' ? `{${text}}` : ''} ${value}`;
}

export class AuditMetrics {
  private bySeverity = new Map<Severity, number>();
  private byRule = new Map<string, { severity: Severity; n: number }>();
  private suppressed = 0;
  private objects = 0;
  private cycles = 0;
  private reevaluated = 0;
  private lastCycleSeconds = 0;
  private cycleSeconds = 0;
  private readonly events = new Map<WatchEventType, number>();
  relists = 0;
  watchErrors = 0;

  cycle(result: Counts, at: Date, seconds: number): void {
    this.bySeverity = new Map(SEVERITIES.map((s) => [s, 0]));
    const byRule = new Map<string, { severity: Severity; n: number }>();
    for (const f of result.findings) {
      this.bySeverity.set(f.severity, (this.bySeverity.get(f.severity) ?? 0) + 1);
      const r = byRule.get(f.ruleId) ?? { severity: f.severity, n: 0 };
      r.n++;
      byRule.set(f.ruleId, r);
    }
    // a rule whose findings all went keeps a 0 sample, so a graph shows the drop
    for (const [id, r] of this.byRule) if (!byRule.has(id)) byRule.set(id, { severity: r.severity, n: 0 });
    this.byRule = byRule;
    this.suppressed = result.suppressed.length;
    this.objects = result.objects;
    this.reevaluated += result.reevaluated;
    this.cycles++;
    this.lastCycleSeconds = at.getTime() / 1000;
    this.cycleSeconds = seconds;
  }

  event(type: WatchEventType, n = 1): void {
    this.events.set(type, (this.events.get(type) ?? 0) + n);
  }

  render(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string, samples: string[]): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    };
    family(
      'kubeward_audit_findings',
      'gauge',
      'Findings of the last audit cycle, by severity.',
      SEVERITIES.map((s) => sample('kubeward_audit_findings', { severity: s }, this.bySeverity.get(s) ?? 0)),
    );
    family(
      'kubeward_audit_rule_findings',
      'gauge',
      'Findings of the last audit cycle, by rule.',
      [...this.byRule.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([rule, r]) => sample('kubeward_audit_rule_findings', { rule, severity: r.severity }, r.n)),
    );
    family('kubeward_audit_suppressed_findings', 'gauge', 'Suppressed findings of the last cycle.', [
      sample('kubeward_audit_suppressed_findings', {}, this.suppressed),
    ]);
    family('kubeward_audit_objects', 'gauge', 'Objects the audit holds.', [
      sample('kubeward_audit_objects', {}, this.objects),
    ]);
    family('kubeward_audit_cycles_total', 'counter', 'Audit cycles run.', [
      sample('kubeward_audit_cycles_total', {}, this.cycles),
    ]);
    family(
      'kubeward_audit_reevaluated_objects_total',
      'counter',
      'Objects the object-scoped rules ran on again (changed ones).',
      [sample('kubeward_audit_reevaluated_objects_total', {}, this.reevaluated)],
    );
    family('kubeward_audit_last_cycle_timestamp_seconds', 'gauge', 'When the last cycle ran.', [
      sample('kubeward_audit_last_cycle_timestamp_seconds', {}, this.lastCycleSeconds),
    ]);
    family('kubeward_audit_cycle_duration_seconds', 'gauge', 'How long the last cycle took.', [
      sample('kubeward_audit_cycle_duration_seconds', {}, this.cycleSeconds),
    ]);
    family(
      'kubeward_audit_watch_events_total',
      'counter',
      'Watch events applied, by type.',
      (['ADDED', 'MODIFIED', 'DELETED'] as const).map((t) =>
        sample('kubeward_audit_watch_events_total', { type: t }, this.events.get(t) ?? 0),
      ),
    );
    family('kubeward_audit_relists_total', 'counter', 'Kinds listed again after 410 Gone.', [
      sample('kubeward_audit_relists_total', {}, this.relists),
    ]);
    family('kubeward_audit_watch_errors_total', 'counter', 'Failed lists and watches (retried).', [
      sample('kubeward_audit_watch_errors_total', {}, this.watchErrors),
    ]);
    return `${out.join('\n')}\n`;
  }
}
