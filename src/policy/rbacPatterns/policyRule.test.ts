import { describe, expect, it } from 'vitest';
import { policyRuleOf, policyRulesOf } from './policyRule.js';

// Matching a rule against a request is the engine's (src/rbac/ruleMatch.ts, tested against the
// upstream tables in test/conformance/rbac-authorizer.test.ts); this module only reads rules[].
describe('reading rules[] of a role object', () => {
  it('narrowing drops values of the wrong type instead of throwing', () => {
    expect(policyRuleOf({ verbs: 'get', apiGroups: [1, ''], resources: ['pods', null] })).toEqual({
      verbs: [],
      apiGroups: [''],
      resources: ['pods'],
      resourceNames: [],
      nonResourceURLs: [],
    });
    expect(policyRuleOf('nonsense').verbs).toEqual([]);
  });

  it('policyRulesOf keeps the index of each entry and skips non-maps', () => {
    const got = policyRulesOf({ rules: ['x', { verbs: ['get'] }] });
    expect(got.map((r) => r.index)).toEqual([1]);
    expect(policyRulesOf({ rules: null })).toEqual([]);
  });
});
