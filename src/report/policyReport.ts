/**
 * Findings as `wgpolicyk8s.io/v1alpha2` PolicyReport and ClusterPolicyReport objects, the
 * format Kyverno, Kubescape and Trivy Operator write (kubernetes-sigs/wg-policy-prototypes,
 * policy-report/apis/wgpolicyk8s.io/v1alpha2/policyreport_types.go): one report per namespace
 * for namespaced resources, cluster reports for cluster-scoped ones, each at most
 * `maxResults` results long, split past that into reports with numbered, deterministic names.
 *
 * A kubeward rule is a policy of one rule, so `policy` and `rule` are both the rule id.
 * A finding is a `fail`; a suppressed finding (annotation, configuration exception,
 * baseline, or reported on its controller) is a `skip` with the reason in `properties`.
 * Rules that found nothing are not listed as `pass`: a pass per rule and resource would
 * outgrow the findings by two orders of magnitude.
 */
import { CLUSTER_SCOPED_KINDS, type ResourceRef } from '../k8s/resource.js';
import { yamlLib } from '../load/yamlLib.js';
import type { Finding, Location, RuleReferences, Severity } from '../policy/types.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';

/** Results per report unless configured: about 600 KB of JSON, well under etcd's 1.5 MiB object limit. */
export const DEFAULT_MAX_RESULTS = 1000;

/** The label every report kubeward writes carries, so a writer finds (and prunes) its own reports. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export type PolicyResult = 'pass' | 'fail' | 'warn' | 'error' | 'skip';
/** The API's enum (`PolicyResultSeverity`). */
export type PolicyResultSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** kubeward's severities onto the API's: the same five words, written out so a new severity fails to compile. */
const SEVERITY: Record<Severity, PolicyResultSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'info',
};

/** `corev1.ObjectReference`, the fields a report uses. */
export interface ObjectReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
}

export interface PolicyReportResult {
  readonly source: string;
  readonly policy: string;
  readonly rule: string;
  readonly category: string;
  readonly severity: PolicyResultSeverity;
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
  readonly result: PolicyResult;
  readonly scored: boolean;
  readonly resources: readonly ObjectReference[];
  readonly message: string;
  readonly properties: Readonly<Record<string, string>>;
}

export type PolicyReportSummary = Record<PolicyResult, number>;

export interface PolicyReport {
  readonly apiVersion: typeof POLICY_REPORT_API_VERSION;
  readonly kind: 'PolicyReport' | 'ClusterPolicyReport';
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly summary: PolicyReportSummary;
  readonly results: readonly PolicyReportResult[];
}

/** What the reports are made of: a scan's findings, or an audit cycle's. */
export interface PolicyReportInput {
  readonly findings: readonly (Finding & { readonly location?: Location })[];
  readonly suppressed: readonly {
    readonly finding: Finding & { readonly location?: Location };
    readonly reason: string;
    readonly by: string;
  }[];
  /** Namespace of namespaced objects that name none. */
  readonly defaultNamespace: string;
}

export interface PolicyReportOptions {
  /** When the results were found (each result's `timestamp`). */
  readonly now: Date;
  /** Results per report; past it a namespace gets several reports. @default DEFAULT_MAX_RESULTS */
  readonly maxResults?: number;
  /** Report names start with it. @default "kubeward" */
  readonly namePrefix?: string;
  /** Put `file` and `line` in the properties (a scan of files; an audit has no files). @default true */
  readonly locations?: boolean;
  /** The uid of each resource, when known (an audit of a live cluster), by `refKey`. */
  readonly uids?: ReadonlyMap<string, string>;
}

/** A resource's identity as a map key: kind, namespace, name (apiVersion left out: one object answers to several). */
export function refKey(ref: ResourceRef): string {
  return `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

/** The namespace a finding's report lives in, or undefined for a cluster-scoped resource. */
function reportNamespace(ref: ResourceRef, defaultNamespace: string): string | undefined {
  if (CLUSTER_SCOPED_KINDS.has(ref.kind)) return undefined;
  return ref.namespace ?? defaultNamespace;
}

function referencesText(refs: RuleReferences): Record<string, string> {
  const out: Record<string, string> = {};
  if (refs.cis?.length) out.cis = refs.cis.join(',');
  if (refs.mitre?.length) out.mitre = refs.mitre.join(',');
  if (refs.pss !== undefined) out.pss = refs.pss;
  return out;
}

interface Entry {
  readonly namespace: string | undefined;
  readonly sortKey: string;
  readonly result: PolicyReportResult;
}

function entryOf(
  finding: Finding & { readonly location?: Location },
  result: PolicyResult,
  extra: Record<string, string>,
  input: PolicyReportInput,
  options: PolicyReportOptions,
): Entry {
  const ref = finding.resource;
  const namespace = reportNamespace(ref, input.defaultNamespace);
  const ms = options.now.getTime();
  const uid = options.uids?.get(refKey(ref));
  const properties: Record<string, string> = {
    path: finding.path,
    ...(finding.container !== undefined ? { container: finding.container } : {}),
    ...(options.locations !== false && finding.location !== undefined
      ? { file: finding.location.file, line: String(finding.location.line) }
      : {}),
    ...referencesText(finding.references),
    ...extra,
  };
  return {
    namespace,
    // the order of results: resource, then rule, then field path (stable whatever order the input came in)
    sortKey: [ref.kind, ref.name, finding.ruleId, finding.path, result].join('\u0000'),
    result: {
      source: 'kubeward',
      policy: finding.ruleId,
      rule: finding.ruleId,
      category: finding.category,
      severity: SEVERITY[finding.severity],
      timestamp: { seconds: Math.floor(ms / 1000), nanos: (((ms % 1000) + 1000) % 1000) * 1e6 },
      result,
      scored: true,
      resources: [
        {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          ...(namespace !== undefined ? { namespace } : {}),
          name: ref.name,
          ...(uid !== undefined ? { uid } : {}),
        },
      ],
      message: finding.message,
      properties,
    },
  };
}

function summaryOf(results: readonly PolicyReportResult[]): PolicyReportSummary {
  const summary: PolicyReportSummary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result]++;
  return summary;
}

/**
 * The reports of a set of findings: every namespace with a result gets `<prefix>` (then
 * `<prefix>-2`, `<prefix>-3`… past `maxResults`), cluster-scoped results go to
 * `<prefix>-cluster` (`-cluster-2`…). Reports come cluster first, then by namespace.
 */
export function policyReports(input: PolicyReportInput, options: PolicyReportOptions): PolicyReport[] {
  const max = options.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isSafeInteger(max) || max < 1)
    throw new RangeError(`maxResults must be at least 1, not ${max}`);
  const prefix = options.namePrefix ?? 'kubeward';
  const entries: Entry[] = [
    ...input.findings.map((f) => entryOf(f, 'fail', {}, input, options)),
    ...input.suppressed.map((s) =>
      entryOf(s.finding, 'skip', { suppressedBy: s.by, reason: s.reason }, input, options),
    ),
  ];
  const byNamespace = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = e.namespace ?? '';
    let list = byNamespace.get(key);
    if (list === undefined) byNamespace.set(key, (list = []));
    list.push(e);
  }
  const reports: PolicyReport[] = [];
  for (const key of [...byNamespace.keys()].sort()) {
    const list = byNamespace
      .get(key)!
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    const cluster = key === '';
    const base = cluster ? `${prefix}-cluster` : prefix;
    for (let i = 0; i < list.length; i += max) {
      const results = list.slice(i, i + max).map((e) => e.result);
      const part = i / max + 1;
      reports.push({
        apiVersion: POLICY_REPORT_API_VERSION,
        kind: cluster ? 'ClusterPolicyReport' : 'PolicyReport',
        metadata: {
          name: part === 1 ? base : `${base}-${part}`,
          ...(cluster ? {} : { namespace: key }),
          labels: { [MANAGED_BY_LABEL]: 'kubeward' },
        },
        summary: summaryOf(results),
        results,
      });
    }
  }
  return reports;
}

/** The reports as YAML documents, ready for `kubectl apply -f` (with the CRDs installed). */
export function renderPolicyReportsYaml(reports: readonly PolicyReport[]): string {
  return reports.map((r) => `---\n${yamlLib().stringify(r)}`).join('');
}
