// The verdict the API server's ValidatingAdmissionPolicy plugin gives one request
// (k8s.io/apiserver/pkg/admission/plugin/policy/validating: dispatcher.go, validator.go), offline:
// bindings × matching policies, params, matchConditions, validations under failurePolicy, then the
// binding's validationActions. Messages are worded as the apiserver words them.
import type { CelInput } from '@bufbuild/cel';
import type { CelProgram } from '../cel/program.js';
import { celToJson, jsonToCel } from '../cel/values.js';
import { lazyVariables } from '../cel/variables.js';
import type { Labels } from '../k8s/selector.js';
import { compileLabelSelector, selectorMatches } from '../k8s/selector.js';
import type { Resource } from '../k8s/resource.js';
import { asRecord } from '../k8s/shape.js';
import { labelsOf, matchResources, type AdmissionAttributes } from './match.js';
import type { CompiledPolicy, PolicyBinding, PolicySet } from './policy.js';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export interface PolicyDecision {
  readonly policy: string;
  readonly binding: string;
  readonly action: ValidationAction;
  /** The failure as the apiserver writes it after "denied request: " (or in the warning). */
  readonly message: string;
  /** metav1.StatusReason of a Deny: Forbidden unless the validation names another. */
  readonly reason: string;
  /** The validation's index, or undefined for a binding or parameter failure. */
  readonly expressionIndex?: number;
}

export interface AdmissionVerdict {
  readonly allowed: boolean;
  readonly decisions: readonly PolicyDecision[];
  /** The status message of a denial (`deployments.apps "web" is forbidden: …`). */
  readonly message?: string;
  readonly code?: number;
  readonly warnings: readonly string[];
  readonly auditAnnotations: Readonly<Record<string, string>>;
}

export interface VapRequest {
  readonly attributes: AdmissionAttributes;
  readonly object: unknown;
  readonly oldObject: unknown;
  /** The AdmissionRequest as `request` reads it. */
  readonly request: Record<string, unknown>;
  readonly namespaceObject: unknown;
}

const STATUS_CODES: Record<string, number> = { Forbidden: 403, Invalid: 422, RequestEntityTooLarge: 413, Unauthorized: 401 };

interface Failure {
  readonly message: string;
  readonly reason: string;
  readonly expressionIndex?: number;
}

function paramsFor(policy: CompiledPolicy, binding: PolicyBinding, req: VapRequest, set: PolicySet, defaultNamespace: string): { params: unknown[] } | { failure: string } | 'skip' {
  if (!policy.paramKind) return { params: [null] };
  const ref = binding.paramRef;
  if (!ref) return { failure: 'failed to configure binding: paramRef is required when paramKind is set' };
  const { apiVersion, kind } = policy.paramKind;
  const ofKind = set.others.filter((r) => r.ref.apiVersion === apiVersion && r.ref.kind === kind);
  const namespace = ref.namespace ?? req.attributes.namespace;
  const candidates = ofKind.filter((r) => {
    const ns = r.ref.namespace ?? defaultNamespace;
    if (namespace !== undefined && ns !== namespace) return false;
    if (ref.name !== undefined) return r.ref.name === ref.name;
    return selectorMatches(compileLabelSelector(ref.selector), r.labels);
  });
  if (candidates.length > 0) return { params: candidates.map((r) => r.object) };
  if (ref.parameterNotFoundAction === 'Allow') return 'skip';
  return { failure: 'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction' };
}

function evaluateProgram(program: CelProgram, bindings: Readonly<Record<string, CelInput>>): { value: unknown } | { error: string } {
  const result = program.evaluate(bindings);
  return result.ok ? { value: celToJson(result.value) } : { error: result.error.message };
}

/** The failures of one policy with one param (empty: it passes), or 'skip' when a matchCondition is false. */
function validate(policy: CompiledPolicy, req: VapRequest, params: unknown, annotations: Record<string, string>): Failure[] | 'skip' {
  const base: Record<string, CelInput> = {
    object: jsonToCel(req.object),
    oldObject: jsonToCel(req.oldObject),
    request: jsonToCel(req.request),
    params: jsonToCel(params),
    namespaceObject: jsonToCel(req.namespaceObject),
    authorizer: null,
  };
  const bindings = { ...base, variables: lazyVariables(policy.variables, base) };
  const failures: Failure[] = [];
  const failOrIgnore = (failure: Failure): void => {
    if (policy.failurePolicy === 'Fail') failures.push(failure);
  };
  // matchConditions: any false skips the policy; an error, with none false, falls to failurePolicy.
  let conditionError: string | undefined;
  for (const condition of policy.matchConditions) {
    const result = evaluateProgram(condition.program, bindings);
    if ('error' in result) conditionError ??= `failed to evaluate matchCondition '${condition.name}': expression '${condition.expression}' resulted in error: ${result.error}`;
    else if (result.value !== true) return 'skip';
  }
  if (conditionError !== undefined) {
    failOrIgnore({ message: conditionError, reason: 'Forbidden' });
    return failures;
  }
  for (const v of policy.validations) {
    const result = evaluateProgram(v.program, bindings);
    if ('error' in result) {
      failOrIgnore({ message: `expression '${v.expression}' resulted in error: ${result.error}`, reason: v.reason, expressionIndex: v.index });
    } else if (result.value !== true) {
      failures.push({ message: messageOf(v.messageProgram, v.message, v.expression, bindings), reason: v.reason, expressionIndex: v.index });
    }
  }
  for (const a of policy.auditAnnotations) {
    const result = evaluateProgram(a.program, bindings);
    if ('value' in result && typeof result.value === 'string') annotations[`${policy.name}/${a.key}`] = result.value;
  }
  return failures;
}

/** messageExpression when it gives a non-empty string, else message, else "failed expression: …" (validator.go). */
function messageOf(program: CelProgram | undefined, message: string | undefined, expression: string, bindings: Readonly<Record<string, CelInput>>): string {
  if (program) {
    const result = evaluateProgram(program, bindings);
    if ('value' in result && typeof result.value === 'string' && result.value.trim() !== '') return result.value.replace(/\s*\n\s*/g, ' ').trim();
  }
  return message ?? `failed expression: ${expression}`;
}

/** The verdict on one request. */
export function admit(req: VapRequest, set: PolicySet, defaultNamespace = 'default'): AdmissionVerdict {
  const decisions: PolicyDecision[] = [];
  const annotations: Record<string, string> = {};
  for (const binding of set.bindings) {
    const policy = set.policies.get(binding.policyName);
    if (!policy) continue;
    if (!matchResources(policy.matchConstraints, req.attributes, true)) continue;
    if (binding.matchResources !== undefined && !matchResources(binding.matchResources, req.attributes, false)) continue;
    const params = paramsFor(policy, binding, req, set, defaultNamespace);
    if (params === 'skip') continue;
    const failures: Failure[] = [];
    if ('failure' in params) {
      if (policy.failurePolicy === 'Fail') failures.push({ message: params.failure, reason: 'Forbidden' });
    } else {
      for (const param of params.params) {
        const result = validate(policy, req, param, annotations);
        if (result !== 'skip') failures.push(...result);
      }
    }
    for (const f of failures) {
      for (const action of binding.validationActions) {
        decisions.push({ policy: policy.name, binding: binding.name, action, message: f.message, reason: f.reason, ...(f.expressionIndex !== undefined ? { expressionIndex: f.expressionIndex } : {}) });
      }
    }
  }
  const warnings = decisions
    .filter((d) => d.action === 'Warn')
    .map((d) => `Validation failed for ValidatingAdmissionPolicy '${d.policy}' with binding '${d.binding}': ${d.message}`);
  const audited = decisions.filter((d) => d.action === 'Audit');
  if (audited.length > 0) {
    annotations['validation.policy.admission.k8s.io/validation_failure'] = JSON.stringify(
      audited.map((d) => ({ message: d.message, policy: d.policy, binding: d.binding, expressionIndex: d.expressionIndex ?? 0, validationActions: ['Audit'] })),
    );
  }
  const deny = decisions.find((d) => d.action === 'Deny');
  if (!deny) return { allowed: true, decisions, warnings, auditAnnotations: annotations };
  const { group, resource } = req.attributes;
  const qualified = group === '' ? resource : `${resource}.${group}`;
  const detail = `ValidatingAdmissionPolicy '${deny.policy}' with binding '${deny.binding}' denied request: ${deny.message}`;
  const message = deny.reason === 'Invalid' ? `${qualified} "${req.attributes.name}" is invalid: : ${detail}` : `${qualified} "${req.attributes.name}" is forbidden: ${detail}`;
  return { allowed: false, decisions, message, code: STATUS_CODES[deny.reason] ?? 403, warnings, auditAnnotations: annotations };
}

/** Namespace labels as the API server has them: the Namespace object's, or only kubernetes.io/metadata.name. */
export function namespaceLabelsOf(namespace: string, objects: readonly Resource[]): { labels: Labels; object: unknown } {
  const declared = objects.find((r) => r.ref.kind === 'Namespace' && r.ref.apiVersion === 'v1' && r.ref.name === namespace);
  const labels = { ...(declared ? labelsOf(declared.object) : {}), 'kubernetes.io/metadata.name': namespace };
  const metadata = { ...(asRecord(declared?.object.metadata) ?? {}), name: namespace, labels };
  return { labels, object: { apiVersion: 'v1', kind: 'Namespace', ...(declared?.object ?? {}), metadata } };
}

