import { describe, expect, it } from 'vitest';
import { makeResource, type Resource } from '../k8s/resource.js';
import type { JsonRecord } from '../k8s/shape.js';
import { ruleMatches, type AdmissionAttributes } from './match.js';
import { testPolicies } from './run.js';

const SOURCE = { file: 'test.yaml', documentIndex: 0, line: 1 };
const res = (object: JsonRecord, line = 1): Resource => makeResource(object, { ...SOURCE, line });

const policy = (name: string, spec: JsonRecord): Resource =>
  res({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec });
const binding = (name: string, spec: JsonRecord): Resource =>
  res({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name }, spec });
const DEPLOYMENTS = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] };
const deployment = (name: string, replicas: number, labels: Record<string, string> = {}): Resource =>
  res({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'team', labels }, spec: { replicas } });

const attrs = (over: Partial<AdmissionAttributes>): AdmissionAttributes => ({
  operation: 'CREATE', group: '', version: 'v1', resource: 'pods', subresource: '', name: 'p', namespace: 'team', labels: {}, ...over,
});

describe('resource rules (webhook rule semantics)', () => {
  const rule = (resources: string[], extra: JsonRecord = {}) => ({ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources, ...extra });
  it.each([
    [['*'], {}, true],
    [['*'], { subresource: 'exec' }, false],
    [['*/*'], { subresource: 'exec' }, true],
    [['pods/*'], { subresource: 'exec' }, true],
    // rules.go splitResource: the '*' of "pods/*" also matches the empty subresource.
    [['pods/*'], {}, true],
    [['*/exec'], { subresource: 'exec' }, true],
    [['pods/log'], { subresource: 'exec' }, false],
    [['deployments'], {}, false],
  ] as const)('%j matches %j: %s', (resources, over, expected) => {
    expect(ruleMatches(rule([...resources]), attrs(over), false)).toBe(expected);
  });
  it('checks operations, groups, versions (unless Equivalent), names and scope', () => {
    expect(ruleMatches(rule(['pods'], { operations: ['UPDATE'] }), attrs({}), false)).toBe(false);
    expect(ruleMatches(rule(['pods'], { apiGroups: ['apps'] }), attrs({}), false)).toBe(false);
    expect(ruleMatches(rule(['pods'], { apiVersions: ['v2'] }), attrs({}), false)).toBe(false);
    expect(ruleMatches(rule(['pods'], { apiVersions: ['v2'] }), attrs({}), true)).toBe(true);
    expect(ruleMatches(rule(['pods'], { resourceNames: ['other'] }), attrs({}), false)).toBe(false);
    expect(ruleMatches(rule(['pods'], { scope: 'Cluster' }), attrs({}), false)).toBe(false);
  });
});

describe('verdicts', () => {
  const limit = policy('limit', { matchConstraints: DEPLOYMENTS, validations: [{ expression: 'object.spec.replicas <= 5' }] });
  const deny = binding('limit-binding', { policyName: 'limit', validationActions: ['Deny'] });
  const verdictOf = (manifests: Resource[], policies: Resource[]) => testPolicies(manifests, policies).results.map((r) => [r.resource.ref.name, r.verdict.allowed, r.verdict.message ?? r.verdict.warnings.join('|')]);

  it('deny with the apiserver message, allow what passes', () => {
    expect(verdictOf([deployment('a', 3), deployment('b', 9)], [limit, deny])).toEqual([
      ['a', true, ''],
      ['b', false, `deployments.apps "b" is forbidden: ValidatingAdmissionPolicy 'limit' with binding 'limit-binding' denied request: failed expression: object.spec.replicas <= 5`],
    ]);
  });

  it('a policy without a binding has no effect', () => {
    expect(verdictOf([deployment('b', 9)], [limit])).toEqual([['b', true, '']]);
  });

  it('excludeResourceRules and objectSelector narrow the binding', () => {
    const narrowed = binding('narrow', { policyName: 'limit', validationActions: ['Deny'], matchResources: { objectSelector: { matchLabels: { enforce: 'yes' } } } });
    const excluded = binding('excluded', { policyName: 'limit', validationActions: ['Deny'], matchResources: { excludeResourceRules: [{ apiGroups: ['apps'], apiVersions: ['*'], operations: ['*'], resources: ['deployments'] }] } });
    expect(verdictOf([deployment('b', 9), deployment('c', 9, { enforce: 'yes' })], [limit, narrowed, excluded]).map((v) => v[1])).toEqual([true, false]);
  });

  it('failurePolicy Fail denies on a runtime error, Ignore lets it pass', () => {
    const broken = (failurePolicy: string) => policy(`broken-${failurePolicy}`, { failurePolicy, matchConstraints: DEPLOYMENTS, validations: [{ expression: 'object.spec.missing > 1' }] });
    const bind = (p: string) => binding(`${p}-b`, { policyName: p, validationActions: ['Deny'] });
    expect(verdictOf([deployment('a', 1)], [broken('Fail'), bind('broken-Fail')])).toEqual([
      ['a', false, `deployments.apps "a" is forbidden: ValidatingAdmissionPolicy 'broken-Fail' with binding 'broken-Fail-b' denied request: expression 'object.spec.missing > 1' resulted in error: field not found: missing`],
    ]);
    expect(verdictOf([deployment('a', 1)], [broken('Ignore'), bind('broken-Ignore')])).toEqual([['a', true, '']]);
  });

  it('matchConditions: false skips the policy', () => {
    const conditioned = policy('cond', { matchConstraints: DEPLOYMENTS, matchConditions: [{ name: 'big-only', expression: 'object.spec.replicas > 100' }], validations: [{ expression: 'false', message: 'always' }] });
    expect(verdictOf([deployment('a', 1), deployment('b', 101)], [conditioned, binding('cb', { policyName: 'cond', validationActions: ['Warn'] })])).toEqual([
      ['a', true, ''],
      ['b', true, "Validation failed for ValidatingAdmissionPolicy 'cond' with binding 'cb': always"],
    ]);
  });

  it('params: missing ones deny under parameterNotFoundAction Deny and skip under Allow; a selector finds every match', () => {
    const withParams = policy('p', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, matchConstraints: DEPLOYMENTS, validations: [{ expression: 'object.spec.replicas <= int(params.data.max)' }] });
    const byName = (action: string) => binding(`b-${action}`, { policyName: 'p', validationActions: ['Deny'], paramRef: { name: 'limits', parameterNotFoundAction: action } });
    expect(verdictOf([deployment('a', 1)], [withParams, byName('Deny')])).toEqual([
      ['a', false, "deployments.apps \"a\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b-Deny' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction"],
    ]);
    expect(verdictOf([deployment('a', 1)], [withParams, byName('Allow')])).toEqual([['a', true, '']]);
    const cm = (name: string, max: string) => res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team', labels: { limits: 'yes' } }, data: { max } });
    const bySelector = binding('sel', { policyName: 'p', validationActions: ['Deny'], paramRef: { selector: { matchLabels: { limits: 'yes' } }, parameterNotFoundAction: 'Deny' } });
    expect(verdictOf([deployment('a', 4)], [withParams, bySelector, cm('x', '10'), cm('y', '3')]).map((v) => v[1])).toEqual([false]);
    expect(verdictOf([deployment('a', 2)], [withParams, bySelector, cm('x', '10'), cm('y', '3')]).map((v) => v[1])).toEqual([true]);
  });

  it('reports expressions that do not compile and bindings of missing policies, one line each', () => {
    const result = testPolicies([], [
      policy('bad', { matchConstraints: DEPLOYMENTS, validations: [{ expression: 'object.spec.replicas <' }] }),
      binding('orphan', { policyName: 'nope', validationActions: ['Deny'] }),
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "ValidatingAdmissionPolicy 'bad': spec.validations[0].expression does not compile: 1:22: syntax error: found < but expecting end of input",
      "ValidatingAdmissionPolicyBinding 'orphan': names policy 'nope', which is not among the policies",
    ]);
  });
});
