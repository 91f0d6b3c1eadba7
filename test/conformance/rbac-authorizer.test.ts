/**
 * Upstream RBAC authorizer conformance: every row of the shared
 * `testdata/rbac/rbac_authorizer_cases.yaml` (kubernetes `plugin/pkg/auth/authorizer/rbac/rbac_test.go`
 * TestAuthorizer and TestRuleMatches written out as data), read in place and run through the
 * engine without default roles, as upstream's tests have none.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type {
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1PolicyRule,
  V1Role,
  V1RoleBinding,
} from '@kubernetes/client-node';
import { authorize } from '../../src/rbac/authorizer.js';
import { buildRbacIndex } from '../../src/rbac/rbacIndex.js';
import { policyRuleOf, ruleAllows } from '../../src/rbac/ruleMatch.js';
import type { AccessRequest, UserInfo } from '../../src/rbac/types.js';

interface CaseRequest {
  user?: string;
  groups?: string | string[];
  verb: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  apiGroup?: string;
  path?: string;
}
interface CaseBinding {
  namespace?: string;
  roleRef: { kind: string; name: string };
  subjects: string[];
}
interface AuthorizerCase {
  id: number;
  roles?: { name: string; namespace: string; rules: V1PolicyRule[] }[];
  clusterRoles?: { name: string; rules: V1PolicyRule[] }[];
  roleBindings?: CaseBinding[];
  clusterRoleBindings?: CaseBinding[];
  should_allow: CaseRequest[];
  should_deny: CaseRequest[];
}
interface RuleMatchCase {
  name: string;
  rule: V1PolicyRule;
  requests: (CaseRequest & { expected: boolean })[];
}

/** Read in place from the shared folder (`KUBEWARD_SHARED_DIR` overrides); a missing file fails every test. */
const CASES_FILE = join(
  process.env.KUBEWARD_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared'),
  'testdata/rbac/rbac_authorizer_cases.yaml',
);

const data = yaml.load(readFileSync(CASES_FILE, 'utf8')) as {
  authorizer_cases: AuthorizerCase[];
  rule_match_cases: RuleMatchCase[];
};

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** `"User:admin"` as upstream's test helpers spell a subject. */
function subjectOf(spec: string): { kind: string; name: string; apiGroup: string } {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  if (kind !== 'User' && kind !== 'Group') throw new Error(`unexpected subject ${spec}`);
  return { kind, name: spec.slice(colon + 1), apiGroup: RBAC_GROUP };
}

/** upstream splits a comma list, so `""` is the one group `""` (README of the cases). */
function userOf(r: CaseRequest): UserInfo {
  const groups = Array.isArray(r.groups) ? r.groups : (r.groups ?? '').split(',');
  return { name: r.user ?? '', groups };
}

function requestOf(r: CaseRequest): AccessRequest {
  if (r.path !== undefined) return { verb: r.verb, path: r.path };
  return {
    verb: r.verb,
    apiGroup: r.apiGroup ?? '',
    resource: r.resource ?? '',
    subresource: r.subresource ?? '',
    namespace: r.namespace ?? '',
    name: '',
  };
}

function indexOf(c: AuthorizerCase) {
  const binding = (b: CaseBinding, i: number, kind: string) => ({
    metadata: { name: `${kind}-${i}`, ...(b.namespace === undefined ? {} : { namespace: b.namespace }) },
    roleRef: { apiGroup: RBAC_GROUP, kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: b.subjects.map(subjectOf),
  });
  return buildRbacIndex(
    {
      roles: (c.roles ?? []).map((r): V1Role => ({
        metadata: { name: r.name, namespace: r.namespace },
        rules: r.rules,
      })),
      clusterRoles: (c.clusterRoles ?? []).map((r): V1ClusterRole => ({
        metadata: { name: r.name },
        rules: r.rules,
      })),
      roleBindings: (c.roleBindings ?? []).map((b, i): V1RoleBinding => binding(b, i, 'rb')),
      clusterRoleBindings: (c.clusterRoleBindings ?? []).map((b, i): V1ClusterRoleBinding =>
        binding(b, i, 'crb'),
      ),
    },
    { defaults: false },
  );
}

const describeRequest = (r: CaseRequest): string => JSON.stringify(r);

describe('upstream RBAC authorizer cases (rbac_test.go TestAuthorizer)', () => {
  const cases = data.authorizer_cases;
  const requestCount = cases.reduce((n, c) => n + c.should_allow.length + c.should_deny.length, 0);

  it('reads every case of the shared file and nothing else', () => {
    expect(Object.keys(data).sort()).toEqual(['authorizer_cases', 'rule_match_cases']);
    console.log(`rbac authorizer cases: ${cases.length} cases, ${requestCount} requests`);
    expect(cases.length).toBe(4);
    expect(requestCount).toBe(31);
  });

  for (const c of cases) {
    it(`case ${c.id}: ${c.should_allow.length} allowed, ${c.should_deny.length} denied`, () => {
      const index = indexOf(c);
      expect(index.errors).toEqual([]);
      const wrong: string[] = [];
      for (const r of c.should_allow) {
        if (!authorize(index, userOf(r), requestOf(r)).allowed) wrong.push(`denied ${describeRequest(r)}`);
      }
      for (const r of c.should_deny) {
        if (authorize(index, userOf(r), requestOf(r)).allowed) wrong.push(`allowed ${describeRequest(r)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('upstream rule-match tables (rbac_test.go TestRuleMatches)', () => {
  const tables = data.rule_match_cases;
  const requestCount = tables.reduce((n, t) => n + t.requests.length, 0);

  it('reads every table of the shared file', () => {
    console.log(`rbac rule-match tables: ${tables.length} tables, ${requestCount} requests`);
    expect(tables.length).toBe(8);
    expect(requestCount).toBe(70);
  });

  for (const t of tables) {
    it(`${t.name}: ${t.requests.length} requests`, () => {
      const rule = policyRuleOf(t.rule);
      const wrong = t.requests
        .filter((r) => ruleAllows(rule, requestOf(r)) !== r.expected)
        .map((r) => `expected ${r.expected} for ${describeRequest(r)}`);
      expect(wrong).toEqual([]);
    });
  }
});
