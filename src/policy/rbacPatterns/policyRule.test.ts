import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  grantMatch,
  policyRuleOf,
  policyRulesOf,
  requestCanBeNamed,
  ruleAllows,
  type RequestAttributes,
} from './policyRule.js';

/** Upstream's TestRuleMatches tables, transcribed in the shared test data (read in place). */
const UPSTREAM_CASES = fileURLToPath(
  new URL('../../../../shared/testdata/rbac/rbac_authorizer_cases.yaml', import.meta.url),
);

interface UpstreamRequest {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  path?: string;
  expected: boolean;
}

describe('PolicyRule matching agrees with upstream TestRuleMatches', () => {
  const data = yaml.load(readFileSync(UPSTREAM_CASES, 'utf8')) as {
    rule_match_cases: { name: string; rule: unknown; requests: UpstreamRequest[] }[];
  };
  it('the shared table is present and non-trivial', () => {
    expect(data.rule_match_cases.length).toBeGreaterThanOrEqual(8);
  });
  for (const c of data.rule_match_cases) {
    it(c.name, () => {
      const rule = policyRuleOf(c.rule);
      for (const r of c.requests) {
        const request: RequestAttributes =
          r.path !== undefined
            ? { verb: r.verb, path: r.path }
            : {
                verb: r.verb,
                apiGroup: r.apiGroup ?? '',
                resource: r.resource ?? '',
                subresource: r.subresource ?? '',
              };
        expect({ request, allowed: ruleAllows(rule, request) }).toEqual({ request, allowed: r.expected });
      }
    });
  }
});

describe('PolicyRule matching: the cases scanners get wrong', () => {
  const rule = (r: object) => policyRuleOf(r);
  it.each([
    [
      'verbs are case-sensitive',
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
      { verb: 'GET', apiGroup: '', resource: 'pods' },
      false,
    ],
    [
      '"*" verb covers custom verbs',
      { verbs: ['*'], apiGroups: [''], resources: ['users'] },
      { verb: 'impersonate', apiGroup: '', resource: 'users' },
      true,
    ],
    [
      'core group "" is not apps',
      { verbs: ['create'], apiGroups: [''], resources: ['deployments'] },
      { verb: 'create', apiGroup: 'apps', resource: 'deployments' },
      false,
    ],
    [
      '"pods" does not cover pods/exec',
      { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
      { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
      false,
    ],
    [
      '"*" covers subresources',
      { verbs: ['create'], apiGroups: [''], resources: ['*'] },
      { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
      true,
    ],
    [
      '"*/exec" covers pods/exec',
      { verbs: ['create'], apiGroups: [''], resources: ['*/exec'] },
      { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
      true,
    ],
    [
      '"*/exec" does not cover pods',
      { verbs: ['create'], apiGroups: [''], resources: ['*/exec'] },
      { verb: 'create', apiGroup: '', resource: 'pods' },
      false,
    ],
    [
      '"pods/*" is not a wildcard',
      { verbs: ['create'], apiGroups: [''], resources: ['pods/*'] },
      { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
      false,
    ],
    [
      'no apiGroups matches no resource request',
      { verbs: ['get'], resources: ['pods'] },
      { verb: 'get', apiGroup: '', resource: 'pods' },
      false,
    ],
    [
      'resourceNames: listed name allowed',
      { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
      { verb: 'get', apiGroup: '', resource: 'secrets', name: 'a' },
      true,
    ],
    [
      'resourceNames: other name denied',
      { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
      { verb: 'get', apiGroup: '', resource: 'secrets', name: 'b' },
      false,
    ],
    [
      'resourceNames: a request without a name is denied',
      { verbs: ['list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
      { verb: 'list', apiGroup: '', resource: 'secrets' },
      false,
    ],
    [
      'a resource rule never matches a URL',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verb: 'get', path: '/healthz' },
      false,
    ],
    [
      'a URL rule never matches a resource',
      { verbs: ['*'], nonResourceURLs: ['*'] },
      { verb: 'get', apiGroup: '', resource: 'pods' },
      false,
    ],
  ] as const)('%s', (_name, r, request, expected) => {
    expect(ruleAllows(rule(r), request as RequestAttributes)).toBe(expected);
  });

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

describe('grantMatch: does a rule grant a verb on a resource for some name', () => {
  it('returns the entries that matched, wildcards included', () => {
    const r = policyRuleOf({ verbs: ['get', '*'], apiGroups: ['*'], resources: ['configmaps', '*'] });
    expect(grantMatch(r, 'list', '', 'secrets')).toEqual({ verb: '*', apiGroup: '*', resource: '*' });
    expect(grantMatch(r, 'get', '', 'configmaps')).toEqual({
      verb: 'get',
      apiGroup: '*',
      resource: 'configmaps',
    });
  });
  it('a rule narrowed by resourceNames still grants get on the named objects', () => {
    const r = policyRuleOf({
      verbs: ['get'],
      apiGroups: [''],
      resources: ['secrets'],
      resourceNames: ['db'],
    });
    expect(grantMatch(r, 'get', '', 'secrets')).toEqual({ verb: 'get', apiGroup: '', resource: 'secrets' });
  });
  it('a rule narrowed by resourceNames never grants create of a top-level object', () => {
    const r = policyRuleOf({
      verbs: ['create', 'update'],
      apiGroups: [''],
      resources: ['pods'],
      resourceNames: ['web'],
    });
    expect(grantMatch(r, 'create', '', 'pods')).toBeUndefined();
    expect(grantMatch(r, 'update', '', 'pods')).toBeDefined();
  });
  it('a rule narrowed by resourceNames grants create of a subresource of the named parent', () => {
    const r = policyRuleOf({
      verbs: ['create'],
      apiGroups: [''],
      resources: ['pods/exec'],
      resourceNames: ['web'],
    });
    expect(grantMatch(r, 'create', '', 'pods/exec')).toBeDefined();
  });
  it('requestCanBeNamed', () => {
    expect(requestCanBeNamed('create', 'pods')).toBe(false);
    expect(requestCanBeNamed('deletecollection', 'pods')).toBe(false);
    expect(requestCanBeNamed('create', 'serviceaccounts/token')).toBe(true);
    expect(requestCanBeNamed('list', 'secrets')).toBe(true);
  });
});
