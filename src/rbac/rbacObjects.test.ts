import { describe, expect, it } from 'vitest';
import { describeObject, policyRulesOf } from './rbacObjects.js';
import { policyRuleOf } from './ruleMatch.js';

// Matching a rule against a request is ruleMatch.ts's (tested against the upstream tables in
// test/conformance/rbac-authorizer.test.ts); this module only reads rules[] as written.
describe('reading rules[] of a role object', () => {
  it('narrowing drops values of the wrong type instead of throwing', () => {
    expect(policyRuleOf({ verbs: 'get', apiGroups: [1, ''], resources: ['pods', null] })).toEqual({
      verbs: [],
      apiGroups: [''],
      resources: ['pods'],
      resourceNames: [],
      nonResourceURLs: [],
    });
  });

  it('policyRulesOf keeps the index of each entry and skips non-maps', () => {
    const got = policyRulesOf({ rules: ['x', { verbs: ['get'] }] });
    expect(got.map((r) => r.index)).toEqual([1]);
    expect(got[0]!.rule.verbs).toEqual(['get']);
    expect(policyRulesOf({ rules: null })).toEqual([]);
  });

  it('describeObject names namespaced objects with their namespace', () => {
    expect(describeObject({ kind: 'RoleBinding', namespace: 'shop', name: 'web' })).toBe(
      'RoleBinding shop/web',
    );
    expect(describeObject({ kind: 'ClusterRole', namespace: '', name: 'edit' })).toBe('ClusterRole edit');
  });
});
