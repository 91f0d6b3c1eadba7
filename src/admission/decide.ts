/**
 * The webhook's decision for one AdmissionRequest, as a pure function of the request, the
 * namespace's labels and the configuration. Pod Security comes from the PSS evaluator the
 * scan's `pss-*` rules use (`evaluatePodSecurity`), per mode as Pod Security Admission
 * applies it (admission.md §5); kubeward's object-scoped catalog rules run through the
 * scan's own `evaluate()`. Unlike PSA, the pod templates of workload kinds are enforced
 * too, so a Deployment is refused when it is applied, not later as ReplicaSet FailedCreate.
 */
import { Inventory } from '../k8s/inventory.js';
import { podTemplateOf, type PodTemplate } from '../k8s/podSpec.js';
import { describeRef, makeResource } from '../k8s/resource.js';
import { asRecord, asString, type JsonRecord } from '../k8s/shape.js';
import { buildModelIndex } from '../model/build.js';
import type { KubewardConfig } from '../policy/config.js';
import { evaluate } from '../policy/evaluate.js';
import { customRulesOf } from '../policy/customRules.js';
import { BUILTIN_RULES } from '../policy/registry.js';
import { severityRank, type Finding, type Rule, type RuleSettings } from '../policy/types.js';
import { evaluatePodSecurity, forbiddenDetail, type PssResult } from '../pss/evaluate.js';
import {
  MUTATE_LABEL,
  modeLabelErrors,
  modePolicies,
  modePolicyName,
  samePolicy,
  type ModePolicy,
} from './modes.js';
import type { NamespaceCache } from './namespaceCache.js';
import { isSignificantPodUpdate, sameTemplate } from './podUpdate.js';
import type { AdmissionRequest, AdmissionResponse } from './protocol.js';
import type { FailureMode, ServerConfig } from './serverConfig.js';

/**
 * Pod subresources Pod Security Admission does not evaluate (admission/admission.go
 * `ignoredPodSubresources`); any other pod subresource (`ephemeralcontainers`, `resize`) is
 * evaluated "to fail safe".
 */
export const IGNORED_POD_SUBRESOURCES: ReadonlySet<string> = new Set([
  'exec',
  'attach',
  'binding',
  'eviction',
  'log',
  'portforward',
  'proxy',
  'status',
]);

/** Warnings stay short (the API server may truncate long ones, admission.md §3). */
export const MAX_WARNING_LENGTH = 120;
const MAX_WARNINGS = 20;

/** The rule id under which a failure of the Pod Security evaluator is counted. */
export const PSS_EVALUATOR = 'pss';

export type Verdict = 'allow' | 'warn' | 'deny';

export interface Decision {
  readonly response: AdmissionResponse;
  readonly verdict: Verdict;
  /** Rule ids and PSS check ids behind the verdict. */
  readonly rules: readonly string[];
  /** Rules that threw (counted by the server). */
  readonly ruleErrors: readonly string[];
  /** Set when the failure mode decided (a rule failed, the deadline passed). */
  readonly failureMode?: FailureMode;
  /** Why nothing was evaluated, when nothing was (`exempt: namespace`, `operation DELETE`, …). */
  readonly skipped?: string;
}

export interface DecideOptions {
  readonly config: ServerConfig;
  /** The scan's configuration: rule selection, severities, exceptions, trusted registries. */
  readonly policy: KubewardConfig;
  readonly namespaces: NamespaceCache;
  /** The catalog rules to run. @default the built-in rules that read no other object (no `needsModel`) */
  readonly rules?: readonly Rule[];
  readonly now?: () => Date;
}

/** Built-in rules an admission request can be judged by: those that look at the object alone. */
export const OBJECT_SCOPED_RULES: readonly Rule[] = BUILTIN_RULES.filter((r) => r.needsModel !== true);

/** A warning cut to `MAX_WARNING_LENGTH` characters. */
export function shortWarning(text: string): string {
  return text.length <= MAX_WARNING_LENGTH ? text : `${text.slice(0, MAX_WARNING_LENGTH - 1)}…`;
}

interface Target {
  readonly object: JsonRecord;
  readonly kind: string;
  readonly template: PodTemplate | undefined;
}

const allowOnly = (uid: string, skipped: string, annotations?: Record<string, string>): Decision => ({
  response: { uid, allowed: true, ...(annotations !== undefined ? { auditAnnotations: annotations } : {}) },
  verdict: 'allow',
  rules: [],
  ruleErrors: [],
  skipped,
});

export class AdmissionDecider {
  readonly config: ServerConfig;
  private readonly policy: KubewardConfig;
  private readonly namespaces: NamespaceCache;
  private readonly rules: readonly Rule[];
  private readonly now: () => Date;
  private readonly settings: RuleSettings;
  private readonly templateKinds: Record<string, readonly string[]>;
  /** Object-scoped rules read no other object: one empty model serves every request. */
  private readonly emptyModel = buildModelIndex([]);
  /** Rules that threw during the current (synchronous) evaluation. */
  private failed: { id: string; message: string }[] = [];

  constructor(options: DecideOptions) {
    this.config = options.config;
    this.policy = options.policy;
    this.namespaces = options.namespaces;
    this.now = options.now ?? (() => new Date());
    this.settings = {
      trustedRegistries: options.policy.trustedRegistries,
      pss: { level: 'restricted', version: 'latest', explicit: false, checkUnlabelled: false },
    };
    this.templateKinds = Object.fromEntries(
      Object.entries(options.policy.podTemplateKinds).map(([k, p]) => [
        k,
        p.split('.').filter((s) => s !== ''),
      ]),
    );
    // Each rule is wrapped once so a throw is attributed to its rule id; evaluate() still records it.
    this.rules = (options.rules ?? [...OBJECT_SCOPED_RULES, ...customRulesOf(options.policy).rules]).map((rule) => ({
      ...rule,
      check: (ctx) => {
        try {
          return [...rule.check(ctx)];
        } catch (e) {
          this.failed.push({ id: rule.id, message: e instanceof Error ? e.message : String(e) });
          throw e;
        }
      },
    }));
  }

  /** The failure mode of a rule: its own, else the server's. */
  failureModeOf(ruleId: string): FailureMode {
    return this.config.ruleFailurePolicy[ruleId] ?? this.config.failurePolicy;
  }

  private target(req: AdmissionRequest): Target | string {
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return `operation ${req.operation}`;
    if (req.subResource !== '') {
      if (req.resource.resource !== 'pods' || IGNORED_POD_SUBRESOURCES.has(req.subResource))
        return `subresource ${req.resource.resource}/${req.subResource}`;
    }
    if (req.object === null) return 'no object';
    const kind = req.subResource !== '' ? 'Pod' : (asString(req.object.kind) ?? req.kind.kind);
    return { object: req.object, kind, template: podTemplateOf(req.object, kind, this.templateKinds) };
  }

  private exemption(req: AdmissionRequest, t: Target): string | undefined {
    const { exemptions } = this.config;
    if (req.namespace !== '' && exemptions.namespaces.includes(req.namespace)) return 'namespace';
    if (exemptions.usernames.includes(req.username)) return 'user';
    const runtimeClass = asString(t.template?.spec.runtimeClassName);
    if (runtimeClass !== undefined && exemptions.runtimeClasses.includes(runtimeClass)) return 'runtimeClass';
    return undefined;
  }

  /** Whether an UPDATE changes nothing Pod Security looks at (see podUpdate.ts). */
  private insignificantUpdate(req: AdmissionRequest, t: Target): boolean {
    if (req.operation !== 'UPDATE' || req.oldObject === null || t.template === undefined) return false;
    if (t.kind === 'Pod') return !isSignificantPodUpdate(t.object, req.oldObject);
    return sameTemplate(t.template, podTemplateOf(req.oldObject, t.kind, this.templateKinds));
  }

  /**
   * A Namespace whose `kubeward.io/*` mode labels do not parse is refused as Pod Security
   * Admission refuses its own (admission.go ValidateNamespace): on CREATE, and on UPDATE when the
   * errors are new (a namespace already carrying the same bad labels may still be updated).
   * 422 Invalid, apimachinery's `NewInvalid` wording. PSA's dry run of the namespace's existing
   * pods against a stricter enforce level is not done: the webhook keeps no pods.
   */
  private invalidNamespaceLabels(req: AdmissionRequest): Decision | undefined {
    if (req.resource.resource !== 'namespaces' || req.subResource !== '' || req.object === null)
      return undefined;
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return undefined;
    const labelsOf = (o: unknown) =>
      (asRecord(asRecord(asRecord(o)?.metadata)?.labels) ?? {}) as Record<string, string>;
    const errors = modeLabelErrors(labelsOf(req.object));
    if (errors.length === 0) return undefined;
    if (req.operation === 'UPDATE' && req.oldObject !== null) {
      const old = modeLabelErrors(labelsOf(req.oldObject));
      if (old.length > 0 && old.join('\n') === errors.join('\n')) return undefined;
    }
    const name = req.name !== '' ? req.name : (asString(asRecord(req.object.metadata)?.name) ?? '');
    const detail = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
    return {
      response: {
        uid: req.uid,
        allowed: false,
        status: {
          code: 422,
          reason: 'Invalid',
          message: `Namespace ${JSON.stringify(name)} is invalid: ${detail}`,
        },
      },
      verdict: 'deny',
      rules: ['namespace-labels'],
      ruleErrors: [],
    };
  }

  /** Whether the mutating endpoint patches objects of this namespace. */
  mutates(namespace: string): boolean {
    return this.config.mutate || this.namespaces.labelsOf(namespace)?.[MUTATE_LABEL] === 'true';
  }

  /** The target a request would be evaluated on, or why it is not (exempt, DELETE, …). */
  targetOf(req: AdmissionRequest): { target: Target } | { skipped: string; exempt?: string } {
    const t = this.target(req);
    if (typeof t === 'string') return { skipped: t };
    const exempt = this.exemption(req, t);
    if (exempt !== undefined) return { skipped: `exempt: ${exempt}`, exempt };
    return { target: t };
  }

  decide(req: AdmissionRequest): Decision {
    const invalid = this.invalidNamespaceLabels(req);
    if (invalid !== undefined) return invalid;
    const found = this.targetOf(req);
    if ('skipped' in found)
      return allowOnly(
        req.uid,
        found.skipped,
        found.exempt !== undefined ? { exempt: found.exempt } : undefined,
      );
    const t = found.target;
    if (this.insignificantUpdate(req, t)) return allowOnly(req.uid, 'update leaves the pod spec as it was');
    this.failed = [];
    const annotations: Record<string, string> = {};
    const denials: string[] = [];
    const warnings: string[] = [];
    const rules: string[] = [];

    // Pod Security, per mode (admission.md §5): evaluations reused when two modes apply the same policy.
    if (t.template !== undefined) {
      const policies = modePolicies(this.namespaces.labelsOf(req.namespace), this.config.defaults);
      const fallbacks = [policies.enforce, policies.warn, policies.audit].flatMap((p) => p.fallback ?? []);
      if (fallbacks.length > 0) annotations['label-fallback'] = [...new Set(fallbacks)].join('; ');
      const results = new Map<string, PssResult | undefined>();
      const pss = (policy: ModePolicy): PssResult | undefined => {
        const key = modePolicyName(policy);
        if (!results.has(key)) results.set(key, this.podSecurity(t, policy));
        return results.get(key);
      };
      const enforce = pss(policies.enforce);
      annotations['enforce-policy'] = modePolicyName(policies.enforce);
      if (enforce !== undefined && !enforce.allowed) {
        denials.push(
          `violates PodSecurity "${modePolicyName(policies.enforce)}": ${forbiddenDetail(enforce.violations)}`,
        );
        rules.push(...enforce.violations.map((v) => v.checkId));
      }
      const audit = pss(policies.audit);
      if (audit !== undefined && !audit.allowed)
        annotations['audit-violations'] =
          `would violate PodSecurity "${modePolicyName(policies.audit)}": ${forbiddenDetail(audit.violations)}`;
      // No warnings on a request already denied (PSA admission.go); and none repeating the denial.
      if (denials.length === 0 && !samePolicy(policies.warn, policies.enforce)) {
        const warn = pss(policies.warn);
        if (warn !== undefined && !warn.allowed) {
          warnings.push(`would violate PodSecurity "${modePolicyName(policies.warn)}":`);
          for (const v of warn.violations)
            warnings.push(shortWarning(v.detail !== '' ? `${v.reason} (${v.detail})` : v.reason));
          rules.push(...warn.violations.map((v) => v.checkId));
        }
      }
    }

    // The catalog's object-scoped rules, through the scan's evaluate().
    const findings = this.catalog(req, t);
    if (findings.length > 0) annotations.findings = [...new Set(findings.map((f) => f.ruleId))].join(',');
    const denyRank = this.config.denyOn !== undefined ? severityRank(this.config.denyOn) : Infinity;
    const warnRank = this.config.warnOn !== undefined ? severityRank(this.config.warnOn) : Infinity;
    const denying = findings.filter((f) => severityRank(f.severity) >= denyRank);
    if (denying.length > 0) {
      denials.push(`violates kubeward rules: ${denying.map((f) => `${f.ruleId} (${f.message})`).join(', ')}`);
      rules.push(...denying.map((f) => f.ruleId));
    }
    for (const f of findings)
      if (severityRank(f.severity) >= warnRank && severityRank(f.severity) < denyRank) {
        warnings.push(shortWarning(`kubeward ${f.ruleId}: ${f.message}`));
        rules.push(f.ruleId);
      }

    // Rules that threw: each one's failure mode decides (never a crash).
    const ruleErrors = [...new Set(this.failed.map((f) => f.id))];
    let failureMode: FailureMode | undefined;
    if (ruleErrors.length > 0) {
      annotations['rule-errors'] = ruleErrors.join(',');
      const failing = ruleErrors.filter((id) => this.failureModeOf(id) === 'Fail');
      failureMode = failing.length > 0 ? 'Fail' : 'Ignore';
      for (const id of ruleErrors) {
        const message = this.failed.find((f) => f.id === id)?.message ?? '';
        if (this.failureModeOf(id) === 'Fail')
          denials.push(
            `kubeward could not evaluate rule ${id} (${message}); its failurePolicy Fail denies the request`,
          );
        else warnings.push(shortWarning(`kubeward skipped rule ${id}: it failed (${message})`));
      }
    }

    return this.answer(req, t, { denials, warnings, annotations, rules, ruleErrors, failureMode });
  }

  private answer(
    req: AdmissionRequest,
    t: Target,
    parts: {
      denials: string[];
      warnings: string[];
      annotations: Record<string, string>;
      rules: string[];
      ruleErrors: string[];
      failureMode: FailureMode | undefined;
    },
  ): Decision {
    const { denials, annotations, ruleErrors, failureMode } = parts;
    const rules = [...new Set(parts.rules)];
    if (denials.length > 0) {
      const name = req.name !== '' ? req.name : makeResource(t.object, SOURCE).ref.name;
      const onlyFailures = failureMode === 'Fail' && denials.every((d) => d.startsWith('kubeward could not'));
      return {
        response: {
          uid: req.uid,
          allowed: false,
          status: {
            code: onlyFailures ? 500 : 403,
            reason: onlyFailures ? 'InternalError' : 'Forbidden',
            message: `${req.resource.resource} "${name}" is forbidden: ${denials.join('; ')}`,
          },
          auditAnnotations: annotations,
        },
        verdict: 'deny',
        rules,
        ruleErrors,
        ...(failureMode !== undefined ? { failureMode } : {}),
      };
    }
    let warnings = parts.warnings;
    if (warnings.length > MAX_WARNINGS)
      warnings = [
        ...warnings.slice(0, MAX_WARNINGS - 1),
        `… and ${warnings.length - MAX_WARNINGS + 1} more (see the audit annotations)`,
      ];
    return {
      response: {
        uid: req.uid,
        allowed: true,
        ...(warnings.length > 0 ? { warnings } : {}),
        auditAnnotations: annotations,
      },
      verdict: warnings.length > 0 ? 'warn' : 'allow',
      rules,
      ruleErrors,
      ...(failureMode !== undefined ? { failureMode } : {}),
    };
  }

  private podSecurity(t: Target, policy: ModePolicy): PssResult | undefined {
    if (t.template === undefined) return undefined;
    try {
      return evaluatePodSecurity(t.template.metadata, t.template.spec, {
        level: policy.level,
        version: policy.version,
        specPath: t.template.specPath,
        metadataPath: t.template.metadataPath,
        // The API server defaults hostPort in hostNetwork Pods only, not in templates (as the scan).
        defaultHostPorts: t.kind === 'Pod',
      });
    } catch (e) {
      this.failed.push({ id: PSS_EVALUATOR, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }

  private catalog(req: AdmissionRequest, t: Target): Finding[] {
    const resource = makeResource(
      t.kind === asString(t.object.kind) ? t.object : { ...t.object, kind: t.kind },
      SOURCE,
    );
    const inventory = new Inventory([resource], {
      defaultNamespace: req.namespace !== '' ? req.namespace : 'default',
      podTemplateKinds: this.templateKinds,
    });
    const result = evaluate(inventory, {
      rules: this.rules,
      config: this.policy,
      settings: this.settings,
      now: this.now(),
      model: this.emptyModel,
      extraWorkloadKinds: Object.keys(this.templateKinds),
      dedupeControllers: false,
    });
    return result.findings;
  }
}

/** The source every admitted object is reported from (it has no file). */
const SOURCE = { file: '<admission request>', documentIndex: 0, line: 1 };

/** `Deployment shop/web` for logs. */
export function objectRef(req: AdmissionRequest): string {
  const object = req.object ?? req.oldObject;
  if (object === null)
    return `${req.kind.kind} ${req.namespace !== '' ? `${req.namespace}/` : ''}${req.name}`;
  const ref = makeResource(object, SOURCE).ref;
  return describeRef({
    ...ref,
    kind: ref.kind || req.kind.kind,
    ...(req.namespace !== '' ? { namespace: req.namespace } : {}),
  });
}
