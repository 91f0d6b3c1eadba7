import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/k8s/inventory.js';
import type { Resource } from '../../src/k8s/resource.js';
import { parseManifestText } from '../../src/load/parse.js';
import { TEST_SETTINGS } from '../ruleTester.js';
import { DEFAULT_CONFIG } from '../../src/policy/config.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { identityRules } from '../../src/policy/rules/identity/catalog.js';
import { BUILTIN_CLUSTER_ROLES, isBootstrapDefault } from '../../src/policy/rbacPatterns/bootstrapPolicy.js';
import { rbacRules } from '../../src/policy/rules/rbac/catalog.js';
import { ruleGrantsSomeName } from '../../src/rbac/ruleMatch.js';
import { RISKY_GRANTS, splitResource } from '../../src/policy/rbacPatterns/riskyGrants.js';
import { clusterRoleRules } from '../../src/policy/rbacPatterns/roles.js';

/** Upstream's bootstrap policy golden files, read in place from the shared test data. */
const BOOTSTRAP = fileURLToPath(new URL('../../../shared/testdata/rbac/bootstrap/', import.meta.url));
const FILES = [
  'cluster-roles.yaml',
  'cluster-roles-featuregates.yaml',
  'cluster-role-bindings.yaml',
  'controller-roles.yaml',
  'controller-roles-featuregates.yaml',
  'controller-role-bindings.yaml',
  'namespace-roles.yaml',
  'namespace-role-bindings.yaml',
];

function load(file: string): Resource[] {
  const parsed = parseManifestText(readFileSync(BOOTSTRAP + file, 'utf8'), file);
  expect(parsed.errors).toEqual([]);
  return parsed.resources;
}

function run(resources: Resource[]) {
  const rules = [...rbacRules, ...identityRules];
  return evaluate(new Inventory(resources), {
    rules,
    config: { ...DEFAULT_CONFIG, rules: Object.fromEntries(rules.map((r) => [r.id, { enabled: true }])) },
    settings: TEST_SETTINGS,
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

const unlabelled = (r: Resource): Resource => ({ ...r, labels: {} });

describe('the bootstrap policy is recognised and not reported', () => {
  it.each(FILES)('%s: every object is a bootstrap default and no rule reports it', (file) => {
    const resources = load(file);
    expect(resources.length).toBeGreaterThan(5);
    expect(resources.filter((r) => !isBootstrapDefault(r)).map((r) => r.ref.name)).toEqual([]);
    const result = run(resources);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([]);
  });

  it('the same objects without the label are reported (so the rules do look at them)', () => {
    const resources = [...load('cluster-roles.yaml'), ...load('cluster-role-bindings.yaml')].map(unlabelled);
    const got = new Set(
      run(resources).findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}`),
    );
    for (const want of [
      'rbac-wildcard ClusterRole/cluster-admin rules[0].verbs[0]',
      'rbac-system-masters ClusterRoleBinding/cluster-admin subjects[0]',
      'rbac-secrets-read ClusterRole/system:aggregate-to-edit rules[0].resources[4]',
      'rbac-impersonate ClusterRole/system:aggregate-to-edit rules[1].resources[0]',
      'rbac-nodes-proxy ClusterRole/system:kubelet-api-admin rules[2].resources[2]',
      'rbac-binding-create ClusterRole/system:aggregate-to-admin rules[1].resources[0]',
    ]) {
      expect(got).toContain(want);
    }
    // The discovery bindings of system:authenticated / system:unauthenticated stay quiet.
    expect(
      [...got].filter((g) => g.startsWith('rbac-authenticated') || g.startsWith('rbac-anonymous')),
    ).toEqual([]);
  });

  it('a bootstrap object whose reconciliation is switched off is not a default any more', () => {
    const [role] = load('cluster-roles.yaml');
    expect(isBootstrapDefault(role!)).toBe(true);
    expect(
      isBootstrapDefault({
        ...role!,
        annotations: { ...role!.annotations, 'rbac.authorization.kubernetes.io/autoupdate': 'false' },
      }),
    ).toBe(false);
  });
});

describe('BUILTIN_CLUSTER_ROLES matches the upstream bootstrap roles on every risky probe', () => {
  const roles = load('cluster-roles-featuregates.yaml');
  const byName = (name: string): Resource => roles.find((r) => r.ref.name === name)!;
  const probes = RISKY_GRANTS.flatMap((g) =>
    g.probes.flatMap((p) =>
      p.resources.flatMap((resource) => p.verbs.map((verb) => ({ verb, apiGroup: p.apiGroup, resource }))),
    ),
  );

  it.each(['cluster-admin', 'admin', 'edit', 'view'])(
    '%s (aggregation resolved from the upstream file)',
    (name) => {
      const upstream = clusterRoleRules(byName(name), roles).map((r) => r.rule);
      const summary = BUILTIN_CLUSTER_ROLES.get(name)!;
      const grants = (rules: typeof summary) =>
        probes
          .filter((p) => rules.some((r) => {
              const [resource, subresource] = splitResource(p.resource);
              return ruleGrantsSomeName(r, { verb: p.verb, apiGroup: p.apiGroup, resource, subresource }) !== undefined;
            }),
          )
          .map((p) => `${p.verb} ${p.apiGroup}/${p.resource}`);
      expect(upstream.length).toBeGreaterThan(0);
      expect(grants(summary)).toEqual(grants(upstream));
    },
  );

  it('the aggregation chain is followed transitively: admin → edit → view → their system:aggregate-to-* parts', () => {
    // admin, edit and view carry no rules of their own (rules: null); only the parts do.
    const admin = clusterRoleRules(byName('admin'), roles).map((r) => r.from?.ref.name);
    expect(new Set(admin)).toEqual(
      new Set(['system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view']),
    );
    const view = clusterRoleRules(byName('view'), roles).map((r) => r.from?.ref.name);
    expect(new Set(view)).toEqual(new Set(['system:aggregate-to-view']));
  });
});
