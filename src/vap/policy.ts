// ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects (admissionregistration.k8s.io/v1)
// read and compiled once: every expression through the CEL engine, errors as one line each that names
// the policy, the field and the position.
import { compileCel, formatProblem, type CelProgram } from '../cel/program.js';
import type { CompiledVariable } from '../cel/variables.js';
import type { Resource } from '../k8s/resource.js';
import { asArray, asRecord, asString } from '../k8s/shape.js';

export interface VapProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface CompiledValidation {
  readonly index: number;
  readonly expression: string;
  readonly program: CelProgram;
  readonly message?: string;
  readonly messageProgram?: CelProgram;
  readonly reason: string;
}

export interface CompiledPolicy {
  readonly name: string;
  readonly failurePolicy: 'Fail' | 'Ignore';
  readonly paramKind?: { readonly apiVersion: string; readonly kind: string };
  readonly matchConstraints: unknown;
  readonly matchConditions: readonly { readonly name: string; readonly expression: string; readonly program: CelProgram }[];
  readonly variables: readonly CompiledVariable[];
  readonly validations: readonly CompiledValidation[];
  readonly auditAnnotations: readonly { readonly key: string; readonly expression: string; readonly program: CelProgram }[];
}

export interface PolicyBinding {
  readonly name: string;
  readonly policyName: string;
  readonly validationActions: readonly ('Deny' | 'Warn' | 'Audit')[];
  readonly paramRef?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly selector?: unknown;
    readonly parameterNotFoundAction: 'Deny' | 'Allow';
  };
  readonly matchResources?: unknown;
  readonly source: { readonly file: string; readonly line: number };
}

export interface PolicySet {
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
  readonly bindings: readonly PolicyBinding[];
  /** Every other object of the policy input: parameter resources, namespaces. */
  readonly others: readonly Resource[];
  readonly problems: readonly VapProblem[];
  /** MutatingAdmissionPolicy objects seen (not evaluated). */
  readonly mutating: readonly Resource[];
}

const API_GROUP = 'admissionregistration.k8s.io/';
const isVapKind = (r: Resource, kind: string): boolean => r.ref.kind === kind && r.ref.apiVersion.startsWith(API_GROUP);

function compilePolicy(r: Resource, problems: VapProblem[]): CompiledPolicy | undefined {
  const name = r.ref.name;
  const spec = asRecord(r.object.spec) ?? {};
  let ok = true;
  const problem = (message: string): void => {
    ok = false;
    problems.push({ file: r.source.file, line: r.source.line, message: `ValidatingAdmissionPolicy '${name}': ${message}` });
  };
  const compile = (source: unknown, field: string): CelProgram | undefined => {
    if (typeof source !== 'string' || source.trim() === '') {
      problem(`${field} must be a non-empty string`);
      return undefined;
    }
    const compiled = compileCel(source);
    if (compiled.ok) return compiled.program;
    problem(`${field} does not compile: ${formatProblem(compiled.error)}`);
    return undefined;
  };
  const failurePolicy = asString(spec.failurePolicy) ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore') problem(`spec.failurePolicy must be Fail or Ignore, not "${failurePolicy}"`);
  const paramKindRecord = asRecord(spec.paramKind);
  const paramKind = paramKindRecord
    ? { apiVersion: asString(paramKindRecord.apiVersion) ?? '', kind: asString(paramKindRecord.kind) ?? '' }
    : undefined;
  if (asArray(asRecord(spec.matchConstraints)?.resourceRules).length === 0) problem('spec.matchConstraints.resourceRules is required');
  const matchConditions = asArray(spec.matchConditions).flatMap((c, i) => {
    const rec = asRecord(c) ?? {};
    const program = compile(rec.expression, `spec.matchConditions[${i}].expression`);
    return program ? [{ name: asString(rec.name) ?? `${i}`, expression: String(rec.expression), program }] : [];
  });
  const variables = asArray(spec.variables).flatMap((v, i) => {
    const rec = asRecord(v) ?? {};
    const program = compile(rec.expression, `spec.variables[${i}].expression`);
    return program ? [{ name: asString(rec.name) ?? `${i}`, program }] : [];
  });
  const validations = asArray(spec.validations).flatMap((v, i) => {
    const rec = asRecord(v) ?? {};
    const program = compile(rec.expression, `spec.validations[${i}].expression`);
    const messageProgram = rec.messageExpression !== undefined ? compile(rec.messageExpression, `spec.validations[${i}].messageExpression`) : undefined;
    if (!program) return [];
    const message = asString(rec.message);
    return [{ index: i, expression: String(rec.expression), program, reason: asString(rec.reason) ?? 'Forbidden', ...(message !== undefined ? { message } : {}), ...(messageProgram ? { messageProgram } : {}) }];
  });
  const auditAnnotations = asArray(spec.auditAnnotations).flatMap((a, i) => {
    const rec = asRecord(a) ?? {};
    const program = compile(rec.valueExpression, `spec.auditAnnotations[${i}].valueExpression`);
    return program ? [{ key: asString(rec.key) ?? `${i}`, expression: String(rec.valueExpression), program }] : [];
  });
  if (validations.length === 0 && auditAnnotations.length === 0 && ok) problem('spec.validations or spec.auditAnnotations must name at least one expression');
  if (!ok) return undefined;
  return {
    name,
    failurePolicy: failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    ...(paramKind ? { paramKind } : {}),
    matchConstraints: spec.matchConstraints,
    matchConditions,
    variables,
    validations,
    auditAnnotations,
  };
}

function readBinding(r: Resource, problems: VapProblem[]): PolicyBinding | undefined {
  const spec = asRecord(r.object.spec) ?? {};
  const fail = (message: string): undefined => {
    problems.push({ file: r.source.file, line: r.source.line, message: `ValidatingAdmissionPolicyBinding '${r.ref.name}': ${message}` });
    return undefined;
  };
  const policyName = asString(spec.policyName);
  if (policyName === undefined || policyName === '') return fail('spec.policyName is required');
  const actions = asArray(spec.validationActions).map(String);
  if (actions.length === 0) return fail('spec.validationActions needs at least one of Deny, Warn, Audit');
  const bad = actions.find((a) => a !== 'Deny' && a !== 'Warn' && a !== 'Audit');
  if (bad !== undefined) return fail(`spec.validationActions: "${bad}" is not Deny, Warn or Audit`);
  if (actions.includes('Deny') && actions.includes('Warn')) return fail('spec.validationActions may not hold both Deny and Warn');
  const ref = asRecord(spec.paramRef);
  let paramRef: PolicyBinding['paramRef'];
  if (ref) {
    const action = asString(ref.parameterNotFoundAction) ?? 'Deny';
    if (action !== 'Deny' && action !== 'Allow') return fail(`spec.paramRef.parameterNotFoundAction must be Deny or Allow, not "${action}"`);
    if ((ref.name === undefined) === (ref.selector === undefined)) return fail('spec.paramRef needs exactly one of name and selector');
    const name = asString(ref.name);
    const namespace = asString(ref.namespace);
    paramRef = { parameterNotFoundAction: action, ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(ref.selector !== undefined ? { selector: ref.selector } : {}) };
  }
  return {
    name: r.ref.name,
    policyName,
    validationActions: actions as PolicyBinding['validationActions'],
    ...(paramRef ? { paramRef } : {}),
    ...(spec.matchResources !== undefined ? { matchResources: spec.matchResources } : {}),
    source: { file: r.source.file, line: r.source.line },
  };
}

/** Reads the policies, bindings and other objects of a policy input. */
export function readPolicySet(resources: readonly Resource[]): PolicySet {
  const problems: VapProblem[] = [];
  const policies = new Map<string, CompiledPolicy>();
  const bindings: PolicyBinding[] = [];
  const others: Resource[] = [];
  const mutating: Resource[] = [];
  for (const r of resources) {
    if (isVapKind(r, 'ValidatingAdmissionPolicy')) {
      const policy = compilePolicy(r, problems);
      if (policy) policies.set(policy.name, policy);
    } else if (isVapKind(r, 'ValidatingAdmissionPolicyBinding')) {
      const binding = readBinding(r, problems);
      if (binding) bindings.push(binding);
    } else if (isVapKind(r, 'MutatingAdmissionPolicy') || isVapKind(r, 'MutatingAdmissionPolicyBinding')) {
      mutating.push(r);
    } else others.push(r);
  }
  for (const b of bindings) {
    if (!policies.has(b.policyName) && !problems.some((p) => p.message.startsWith(`ValidatingAdmissionPolicy '${b.policyName}'`))) {
      problems.push({ ...b.source, message: `ValidatingAdmissionPolicyBinding '${b.name}': names policy '${b.policyName}', which is not among the policies` });
    }
  }
  return { policies, bindings, others, problems, mutating };
}
