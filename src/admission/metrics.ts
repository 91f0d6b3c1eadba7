/**
 * The webhook's Prometheus metrics (text exposition format 0.0.4). Every label set is
 * bounded: endpoint and decision are closed lists, rule ids come from the rule set, and a
 * rejected request is counted by a closed list of reasons (no label carries user input;
 * admission.md §4 story 2, unbounded metric labels as a memory leak).
 */
export const DECISIONS = ['allow', 'warn', 'deny', 'error'] as const;
export type MetricDecision = (typeof DECISIONS)[number];
export const REJECTIONS = [
  'bad_request',
  'body_too_large',
  'overloaded',
  'body_timeout',
  'not_found',
] as const;
export type Rejection = (typeof REJECTIONS)[number];

/** Seconds; admission answers belong in the low milliseconds, the deadline is seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

class Histogram {
  readonly counts = new Array<number>(BUCKETS.length).fill(0);
  count = 0;
  sum = 0;
  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.counts[i]!++;
  }
}

export class AdmissionMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly ruleErrors = new Map<string, number>();
  private readonly rejections = new Map<Rejection, number>();
  private readonly certReloads = { ok: 0, error: 0 };
  /** Unix seconds at which the serving certificate expires. */
  certificateExpiry = 0;
  inFlight = 0;

  request(endpoint: string, decision: MetricDecision, seconds: number): void {
    const key = `${endpoint}\u0000${decision}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(endpoint);
    if (h === undefined) this.latency.set(endpoint, (h = new Histogram()));
    h.observe(seconds);
  }

  ruleError(ruleId: string): void {
    this.ruleErrors.set(ruleId, (this.ruleErrors.get(ruleId) ?? 0) + 1);
  }

  rejected(reason: Rejection): void {
    this.rejections.set(reason, (this.rejections.get(reason) ?? 0) + 1);
  }

  certificateReload(ok: boolean): void {
    if (ok) this.certReloads.ok++;
    else this.certReloads.error++;
  }

  /** The exposition text for `/metrics`. */
  render(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    family(
      'kubeward_admission_requests_total',
      'counter',
      'AdmissionReviews answered, by endpoint and decision.',
    );
    for (const [key, n] of this.requests) {
      const [endpoint, decision] = key.split('\u0000');
      out.push(`kubeward_admission_requests_total{endpoint="${endpoint}",decision="${decision}"} ${n}`);
    }
    family(
      'kubeward_admission_request_duration_seconds',
      'histogram',
      'Time from request arrival to answer.',
    );
    for (const [endpoint, h] of this.latency) {
      BUCKETS.forEach((b, i) =>
        out.push(
          `kubeward_admission_request_duration_seconds_bucket{endpoint="${endpoint}",le="${b}"} ${h.counts[i]}`,
        ),
      );
      out.push(
        `kubeward_admission_request_duration_seconds_bucket{endpoint="${endpoint}",le="+Inf"} ${h.count}`,
      );
      out.push(`kubeward_admission_request_duration_seconds_sum{endpoint="${endpoint}"} ${h.sum}`);
      out.push(`kubeward_admission_request_duration_seconds_count{endpoint="${endpoint}"} ${h.count}`);
    }
    family('kubeward_admission_rule_errors_total', 'counter', 'Rule evaluations that threw, by rule.');
    for (const [rule, n] of this.ruleErrors)
      out.push(`kubeward_admission_rule_errors_total{rule="${rule}"} ${n}`);
    family(
      'kubeward_admission_rejected_total',
      'counter',
      'Requests answered without a decision, by reason.',
    );
    for (const reason of REJECTIONS)
      out.push(`kubeward_admission_rejected_total{reason="${reason}"} ${this.rejections.get(reason) ?? 0}`);
    family('kubeward_admission_in_flight', 'gauge', 'Requests being read or evaluated.');
    out.push(`kubeward_admission_in_flight ${this.inFlight}`);
    family(
      'kubeward_tls_certificate_expiry_timestamp_seconds',
      'gauge',
      'When the serving certificate expires (Unix time).',
    );
    out.push(`kubeward_tls_certificate_expiry_timestamp_seconds ${this.certificateExpiry}`);
    family('kubeward_tls_reloads_total', 'counter', 'Certificate reloads from disk, by result.');
    out.push(`kubeward_tls_reloads_total{result="ok"} ${this.certReloads.ok}`);
    out.push(`kubeward_tls_reloads_total{result="error"} ${this.certReloads.error}`);
    return `${out.join('\n')}\n`;
  }
}
