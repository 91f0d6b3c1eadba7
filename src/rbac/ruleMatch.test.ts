import { describe, expect, it } from 'vitest';
import { policyRuleOf, ruleGrantsSomeName } from './ruleMatch.js';

describe('ruleGrantsSomeName: does a rule grant a verb on a resource for some name', () => {
  it('returns the entries that matched, wildcards included', () => {
    const r = policyRuleOf({ verbs: ['get', '*'], apiGroups: ['*'], resources: ['configmaps', '*'] });
    expect(ruleGrantsSomeName(r, { verb: 'list', resource: 'secrets' })).toEqual({ verb: '*', resource: '*' });
    expect(ruleGrantsSomeName(r, { verb: 'get', resource: 'configmaps' })).toEqual({
      verb: 'get',
      resource: 'configmaps',
    });
  });
  it('a rule narrowed by resourceNames still grants get on the named objects', () => {
    const r = policyRuleOf({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] });
    expect(ruleGrantsSomeName(r, { verb: 'get', resource: 'secrets' })).toEqual({
      verb: 'get',
      resource: 'secrets',
    });
  });
  it('a rule narrowed by resourceNames never grants create of a top-level object or deletecollection', () => {
    const r = policyRuleOf({
      verbs: ['create', 'update', 'deletecollection'],
      apiGroups: [''],
      resources: ['pods'],
      resourceNames: ['web'],
    });
    expect(ruleGrantsSomeName(r, { verb: 'create', resource: 'pods' })).toBeUndefined();
    expect(ruleGrantsSomeName(r, { verb: 'deletecollection', resource: 'pods' })).toBeUndefined();
    expect(ruleGrantsSomeName(r, { verb: 'update', resource: 'pods' })).toEqual({ verb: 'update', resource: 'pods' });
  });
  it('a rule narrowed by resourceNames grants create of a subresource of the named parent', () => {
    const r = policyRuleOf({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'], resourceNames: ['web'] });
    expect(ruleGrantsSomeName(r, { verb: 'create', resource: 'pods', subresource: 'exec' })).toEqual({
      verb: 'create',
      resource: 'pods/exec',
    });
  });
  it('pods does not cover pods/exec; */exec does', () => {
    const pods = policyRuleOf({ verbs: ['create'], apiGroups: [''], resources: ['pods'] });
    const star = policyRuleOf({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] });
    const request = { verb: 'create', resource: 'pods', subresource: 'exec' };
    expect(ruleGrantsSomeName(pods, request)).toBeUndefined();
    expect(ruleGrantsSomeName(star, request)).toEqual({ verb: 'create', resource: '*/exec' });
  });
});
