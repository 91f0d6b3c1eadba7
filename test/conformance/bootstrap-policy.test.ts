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
import type { V1ClusterRole } from '@kubernetes/client-node';
import { rbacRules } from '../../src/policy/rules/rbac/catalog.js';
import { CONTROLLER_ROLE_PREFIX, DEFAULT_NAMESPACED_ROLES } from '../../src/rbac/danglingRoleRefs.js';
import { defaultClusterRole } from '../../src/rbac/defaultPolicy.js';
import { buildRbacIndex } from '../../src/rbac/rbacIndex.js';
import { grantedByAny, RISKY_GRANTS } from '../../src/rbac/riskyGrants.js';
import { isBootstrapDefault } from '../../src/rbac/userObjects.js';

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

describe("the engine's default roles match the upstream bootstrap roles on every risky probe", () => {
  const roles = load('cluster-roles-featuregates.yaml');
  // The upstream file through the engine alone (no defaults), so aggregation is computed from it.
  const upstream = buildRbacIndex(
    {
      roles: [],
      clusterRoles: roles.map((r) => r.object as V1ClusterRole),
      roleBindings: [],
      clusterRoleBindings: [],
    },
    { defaults: false },
  );
  const probes = RISKY_GRANTS.flatMap((g) =>
    g.probes.flatMap((p) =>
      p.resources.flatMap((resource) =>
        p.verbs.map((verb) => ({ verb, apiGroup: p.apiGroup, resource, resourceNames: [] })),
      ),
    ),
  );
  const granted = (rules: Parameters<typeof grantedByAny>[0]) =>
    probes.filter((p) => grantedByAny(rules, p)).map((p) => `${p.verb} ${p.apiGroup}/${p.resource}`);

  it.each(['cluster-admin', 'admin', 'edit', 'view'])(
    '%s (aggregation resolved from the upstream file)',
    (name) => {
      const fromFile = upstream.clusterRoles.get(name)!.rules;
      expect(fromFile.length).toBeGreaterThan(0);
      expect(granted(defaultClusterRole(name)!.rules)).toEqual(granted(fromFile));
    },
  );

  it('edit reads Secrets and view does not (what a RoleBinding to either hands out)', () => {
    const secrets = (name: string) =>
      granted(defaultClusterRole(name)!.rules).filter((g) => g.endsWith('/secrets'));
    expect(secrets('edit')).toEqual(['get /secrets', 'list /secrets', 'watch /secrets']);
    expect(secrets('view')).toEqual([]);
  });

  it('the aggregation chain is followed transitively: admin → edit → view → their system:aggregate-to-* parts', () => {
    // admin, edit and view carry no rules of their own (rules: null); only the parts do.
    expect(upstream.clusterRoles.get('admin')!.aggregatedFrom).toEqual(['edit', 'system:aggregate-to-admin']);
    expect(upstream.clusterRoles.get('edit')!.aggregatedFrom).toEqual(['system:aggregate-to-edit', 'view']);
    expect(upstream.clusterRoles.get('view')!.aggregatedFrom).toEqual(['system:aggregate-to-view']);
  });
});

describe('the default roles rbac-dangling-roleref knows without modelling their rules', () => {
  it('every controller role of the bootstrap policy is a system:controller: ClusterRole', () => {
    const names = [...load('controller-roles.yaml'), ...load('controller-roles-featuregates.yaml')].map(
      (r) => r.ref.name,
    );
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !n.startsWith(CONTROLLER_ROLE_PREFIX))).toEqual([]);
  });

  it('the namespaced Roles are exactly those of namespace-roles.yaml', () => {
    const got = load('namespace-roles.yaml').map((r) => `${r.ref.namespace}/${r.ref.name}`);
    expect(new Set(got)).toEqual(DEFAULT_NAMESPACED_ROLES);
  });
});
