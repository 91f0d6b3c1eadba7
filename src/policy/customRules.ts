/**
 * Custom rules (`customRules:` in `.kubeward.yaml`) as Rule objects: the same registry, evaluation,
 * suppressions, exceptions, baselines and reports as built-in rules. Each configuration's rules are
 * compiled once per thread (the configuration is plain data and travels to every scan thread).
 *
 * A rule evaluates like a ValidatingAdmissionPolicy validation: `object` is the resource, `oldObject`
 * null, `request` an admission request for a CREATE of it, `namespaceObject` its namespace (name and
 * labels, from the input), `params` null, `variables` its variables. A validation that evaluates to
 * anything but true is a finding; one that fails to evaluate is a finding too (a policy's default
 * failurePolicy, Fail, would reject the object).
 */
import type { CelInput } from '@bufbuild/cel';
import { compileCel, formatProblem, type CelProgram } from '../cel/program.js';
import { celToJson, jsonToCel } from '../cel/values.js';
import { lazyVariables, type CompiledVariable } from '../cel/variables.js';
import { namespaceOf } from '../k8s/resource.js';
import type { Resource } from '../k8s/resource.js';
import { compileLabelSelector, selectorMatches } from '../k8s/selector.js';
import type { InputError } from '../load/inputError.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { createRequestOf } from '../vap/request.js';
import type { KubewardConfig } from './config.js';
import type { CustomRuleMatch, CustomRuleSpec } from './customRuleConfig.js';
import { BUILTIN_RULES, ruleById } from './registry.js';
import type { Report, Rule, RuleContext } from './types.js';

interface CompiledValidation {
  readonly expression: string;
  readonly program: CelProgram;
  readonly message?: string;
  readonly messageProgram?: CelProgram;
}

export interface CustomRules {
  readonly rules: readonly Rule[];
  /** Expressions that do not compile: each names the rule, the validation and the position. */
  readonly errors: readonly InputError[];
}

const NONE: CustomRules = { rules: [], errors: [] };
const compiledByConfig = new WeakMap<readonly CustomRuleSpec[], CustomRules>();

/** The custom rules of a configuration, compiled once per configuration object. */
export function customRulesOf(config: KubewardConfig): CustomRules {
  const specs = config.customRules;
  if (specs === undefined || specs.length === 0) return NONE;
  let compiled = compiledByConfig.get(specs);
  if (compiled === undefined) {
    compiled = compileCustomRules(specs);
    compiledByConfig.set(specs, compiled);
  }
  return compiled;
}

/** Built-in rules and the configuration's custom rules: what a scan may run. */
export function catalogRules(config: KubewardConfig): readonly Rule[] {
  const custom = customRulesOf(config).rules;
  return custom.length === 0 ? BUILTIN_RULES : [...BUILTIN_RULES, ...custom];
}

/** A rule by id, built-in or custom. */
export function ruleForId(id: string, config: KubewardConfig): Rule | undefined {
  return ruleById(id) ?? customRulesOf(config).rules.find((r) => r.id === id);
}

function compileCustomRules(specs: readonly CustomRuleSpec[]): CustomRules {
  const rules: Rule[] = [];
  const errors: InputError[] = [];
  for (const spec of specs) {
    const failures: InputError[] = [];
    const compile = (source: string, what: string, line: number | undefined): CelProgram | undefined => {
      const compiled = compileCel(source);
      if (compiled.ok) return compiled.program;
      const at = compiled.error.position;
      failures.push({
        file: spec.file,
        ...(line !== undefined ? { line: line + (at ? at.line - 1 : 0) } : {}),
        message: `custom rule ${spec.id}: ${what} does not compile: ${formatProblem(compiled.error)}`,
      });
      return undefined;
    };
    const variables: CompiledVariable[] = spec.variables.flatMap((v, i) => {
      const program = compile(v.expression, `variables[${i}] (${v.name})`, v.line);
      return program ? [{ name: v.name, program }] : [];
    });
    const validations: CompiledValidation[] = spec.validations.flatMap((v, i) => {
      const program = compile(v.expression, `validations[${i}].expression`, v.line);
      const messageProgram =
        v.messageExpression !== undefined
          ? compile(v.messageExpression, `validations[${i}].messageExpression`, v.messageExpressionLine)
          : undefined;
      if (!program) return [];
      return [{ expression: v.expression, program, ...(v.message !== undefined ? { message: v.message } : {}), ...(messageProgram ? { messageProgram } : {}) }];
    });
    if (failures.length > 0) {
      errors.push(...failures);
      continue; // a rule is checked whole or not at all
    }
    rules.push(customRule(spec, variables, validations));
  }
  return { rules, errors };
}

function globMatches(glob: string, value: string): boolean {
  if (!glob.includes('*')) return glob === value;
  const pattern = glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(value);
}

function matches(match: CustomRuleMatch, resource: Resource, namespace: string | undefined): boolean {
  const { apiVersion } = resource.ref;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (match.apiGroups && !match.apiGroups.some((g) => g === '*' || g === group)) return false;
  if (match.namespaces && (namespace === undefined || !match.namespaces.some((n) => globMatches(n, namespace)))) return false;
  if (match.labelSelector !== undefined && !selectorMatches(compileLabelSelector(match.labelSelector), resource.labels)) return false;
  return true;
}

function namespaceObjectOf(model: ClusterModelIndex, namespace: string | undefined): unknown {
  if (namespace === undefined) return null;
  const summary = model.namespace(namespace);
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: summary?.labels ?? { 'kubernetes.io/metadata.name': namespace } } };
}

/**
 * The bindings of a resource, shared by every custom rule that runs on it: the lazy JSON → CEL
 * conversion then happens once per field, not once per rule.
 */
const bindingsByResource = new WeakMap<Resource, Record<string, CelInput>>();
function bindingsOf(resource: Resource, namespace: string | undefined, model: ClusterModelIndex): Record<string, CelInput> {
  let base = bindingsByResource.get(resource);
  if (base === undefined) {
    base = {
      object: jsonToCel(resource.object),
      oldObject: null,
      params: null,
      request: jsonToCel(createRequestOf(resource, namespace)),
      namespaceObject: jsonToCel(namespaceObjectOf(model, namespace)),
      authorizer: null,
    };
    bindingsByResource.set(resource, base);
  }
  return base;
}

function customRule(spec: CustomRuleSpec, variables: readonly CompiledVariable[], validations: readonly CompiledValidation[]): Rule {
  return {
    id: spec.id,
    title: spec.title,
    category: 'custom',
    severity: spec.severity,
    description: `Custom rule (CEL) from ${spec.file}: ${spec.validations.map((v) => v.expression).join('; ')}`,
    rationale: 'Defined by the configuration.',
    remediation: spec.remediation,
    references: {},
    targets: spec.match.kinds,
    check(ctx: RuleContext): Report[] {
      const { resource, model } = ctx;
      const namespace = namespaceOf(resource.ref, model.defaultNamespace);
      if (!matches(spec.match, resource, namespace)) return [];
      const base = bindingsOf(resource, namespace, model);
      const bindings = { ...base, variables: lazyVariables(variables, base) };
      const reports: Report[] = [];
      validations.forEach((v, i) => {
        const result = v.program.evaluate(bindings);
        if (result.ok && result.value === true) return;
        const message = result.ok
          ? messageOf(v, bindings)
          : `validations[${i}] could not be evaluated: ${formatProblem(result.error)}`;
        reports.push({ message, path: [] });
      });
      return reports;
    },
  };
}

/** The apiserver's order: messageExpression when it yields a non-empty string, else message, else the expression. */
function messageOf(v: CompiledValidation, bindings: Readonly<Record<string, CelInput>>): string {
  if (v.messageProgram) {
    const result = v.messageProgram.evaluate(bindings);
    if (result.ok) {
      const text = celToJson(result.value);
      if (typeof text === 'string' && text.trim() !== '') return text.replace(/\s*\n\s*/g, ' ').trim();
    }
  }
  return v.message ?? `failed expression: ${v.expression}`;
}
