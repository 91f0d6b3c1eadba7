/**
 * Rules and findings. A rule is a pure function of (resource, cluster model, settings)
 * to reports; its metadata is the only source of its documentation.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { Workload } from '../k8s/inventory.js';
import type { Resource, ResourceRef, SourceRef } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export type RuleCategory =
  | 'pod-security'
  | 'pss'
  | 'identity'
  | 'rbac'
  | 'network'
  | 'secrets'
  | 'supply-chain'
  | 'exposure'
  | 'resources'
  | 'hygiene'
  | 'attack-path'
  | 'custom';

/**
 * The sections of the NSA/CISA Kubernetes Hardening Guidance (v1.2, August 2022) a rule can
 * cite, by the guide's own headings: a section, or `section: subsection`. A reference outside
 * this list does not compile, so the citations stay the guide's and group in a report.
 */
export const NSA_SECTIONS = [
  'Kubernetes Pod security: "Non-root" containers and "rootless" container engines',
  'Kubernetes Pod security: Immutable container file systems',
  'Kubernetes Pod security: Building secure container images',
  'Kubernetes Pod security: Pod security enforcement',
  'Kubernetes Pod security: Protecting Pod service account tokens',
  'Kubernetes Pod security: Hardening container environments',
  'Network separation and hardening',
  'Network separation and hardening: Namespaces',
  'Network separation and hardening: Network policies',
  'Network separation and hardening: Resource policies',
  'Network separation and hardening: Control plane hardening',
  'Network separation and hardening: Worker node segmentation',
  'Network separation and hardening: Encryption',
  'Network separation and hardening: Secrets',
  'Network separation and hardening: Protecting sensitive cloud infrastructure',
  'Authentication and authorization: Authentication',
  'Authentication and authorization: Role-based access control',
  'Upgrading and application security practices',
] as const;
export type NsaSection = (typeof NSA_SECTIONS)[number];

export interface RuleReferences {
  /** CIS Kubernetes Benchmark control ids, e.g. `5.2.2`. */
  readonly cis?: readonly string[];
  /** NSA/CISA Kubernetes Hardening Guidance sections. */
  readonly nsa?: readonly NsaSection[];
  /** MITRE ATT&CK for Containers technique ids, e.g. `T1611`. */
  readonly mitre?: readonly string[];
  /** Pod Security Standards control name, e.g. `Privileged Containers`. */
  readonly pss?: string;
  /** Upstream documentation. */
  readonly links?: readonly string[];
}

/** A kind a rule looks at; the special value `workload` means every kind with a pod template. */
/** A kind, `workload` (every kind with a pod template) or `*` (every kind). */
export type RuleTarget = string;

/** The target of a rule that runs on every object, whatever its kind. */
export const EVERY_KIND = '*';

export interface RuleMeta {
  /** Stable, kebab-case. */
  readonly id: string;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** What the rule detects, exactly (field paths). */
  readonly description: string;
  /** The attack it enables, and so why this severity. */
  readonly rationale: string;
  readonly remediation: string;
  readonly references: RuleReferences;
  /** The kinds it runs on. */
  readonly targets: readonly RuleTarget[];
  /** True when the rule reads other objects of the input, through the cluster model (ServiceAccounts, NetworkPolicies…). */
  readonly needsModel?: boolean;
  /** Off unless enabled in the configuration (opinionated or noisy checks). */
  readonly optIn?: boolean;
}

/** Settings a rule may read; filled from the configuration and command-line flags. */
export interface RuleSettings {
  /** Registries images may come from (prefixes like `registry.example.com/` or `ghcr.io/acme/`); empty = no check. */
  readonly trustedRegistries: readonly string[];
  /** Pod Security Standards level and version for the `pss-*` rules, unless a namespace label decides. */
  readonly pss: PssSetting;
  /** The cluster's pod and node CIDRs (`clusterCidrs` in the configuration); absent when not configured. */
  readonly clusterCidrs?: readonly string[];
}

export interface PssSetting {
  readonly level: 'baseline' | 'restricted';
  readonly version: string;
  /** True when the user set it on the command line or in the config: it then wins over namespace labels. */
  readonly explicit: boolean;
  /**
   * Whether workloads whose namespace has no enforce label (and no explicit setting) are
   * checked at this default level. `scan` leaves it off: there the generic pod-security rules
   * cover the same controls, and PSS verdicts are asked for with `--pss` or decided by labels.
   */
  readonly checkUnlabelled: boolean;
}

export interface RuleContext {
  /** The object the rule runs on, whole. */
  readonly resource: Resource;
  readonly settings: RuleSettings;
  /** The pod template view when the resource is a workload. */
  readonly workload?: Workload;
  /**
   * Everything about the other objects of the input: the cluster model of the whole input
   * (every file, every thread), indexed. A rule reads other objects only here, and says so
   * with `needsModel`.
   */
  readonly model: ClusterModelIndex;
}

/** What a rule reports; the engine turns it into a Finding. */
export interface Report {
  readonly message: string;
  /** Path of the offending field in the resource (the nearest existing parent when the problem is a missing field). */
  readonly path: FieldPath;
  /** Name of the container the report is about, for per-container suppression. */
  readonly container?: string;
  /** A more specific fix than the rule's remediation. */
  readonly remediation?: string;
  /**
   * Line and column (1-based) of `path` in the resource's source, when the caller already
   * resolved it: the scan's parse workers do, for the reports they compute. Rules never set it.
   */
  readonly position?: { readonly line: number; readonly column: number };
}

export interface Rule extends RuleMeta {
  check(this: void, ctx: RuleContext): Iterable<Report>;
}

/** The context of a rule that only looks at pod templates: the workload view is always there. */
export interface WorkloadRuleContext extends RuleContext {
  readonly workload: Workload;
}

/** A rule written against `WorkloadRuleContext`; `defineWorkloadRule()` makes it a `Rule`. */
export interface WorkloadRule extends RuleMeta {
  check(this: void, ctx: WorkloadRuleContext): Iterable<Report>;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly message: string;
  /** Dotted field path, e.g. `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly path: string;
  readonly pathSegments: FieldPath;
  readonly resource: ResourceRef;
  readonly source: SourceRef;
  readonly container?: string;
  readonly remediation: string;
  readonly references: RuleReferences;
  /** Where the finding is in its source, once resolved (the scan sets it on every finding it returns). */
  location?: Location;
}

/** A place in an input file (1-based line and column). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A finding that a suppression annotation, a config exception or the baseline silenced, or that repeats one of its controller, with the reason. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
  /**
   * `controller`: the same finding on the workload's controller, reported there (policy/controlled.ts);
   * `baseline`: accepted in the baseline file (policy/baseline.ts).
   */
  readonly by: 'annotation' | 'config' | 'controller' | 'baseline';
}

/** Defines a rule; exists so rule files read uniformly and get type checking of the metadata. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

const NO_REPORTS: Iterable<Report> = Object.freeze([]);

function hasWorkload(ctx: RuleContext): ctx is WorkloadRuleContext {
  return ctx.workload !== undefined;
}

/**
 * Defines a rule on pod templates. Its check runs only where the resource has a workload
 * view: a workload kind without a pod template (`spec.template` missing) reports nothing,
 * which is what every such rule did with its own guard.
 */
export function defineWorkloadRule(rule: WorkloadRule): Rule {
  const { check } = rule;
  return { ...rule, check: (ctx) => (hasWorkload(ctx) ? check(ctx) : NO_REPORTS) };
}
