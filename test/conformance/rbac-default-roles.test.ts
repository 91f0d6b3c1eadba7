/**
 * The engine's default roles (`src/rbac/defaultRoles.ts`, transcribed from upstream's golden file
 * at commit 025f2834) against the shared bootstrap-policy files, role by role, read in place.
 * The shared files come from different upstream commits (their README), so each comparison
 * states what differs and why.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { V1ClusterRole, V1ClusterRoleBinding } from '@kubernetes/client-node';
import {
  defaultClusterRoleBindings,
  defaultClusterRoles,
  DEFAULT_ROLES_SOURCE,
} from '../../src/rbac/defaultRoles.js';

const BOOTSTRAP_DIR = join(
  process.env.KUBEWARD_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared'),
  'testdata/rbac/bootstrap',
);

/** The items of one `kind: List` file; a missing file throws and fails the test. */
function items<T>(file: string): T[] {
  const doc = yaml.load(readFileSync(join(BOOTSTRAP_DIR, file), 'utf8')) as { kind: string; items: T[] };
  expect(doc.kind).toBe('List');
  return doc.items;
}

type Comparable = { metadata?: { name?: string; creationTimestamp?: unknown } };

/** An object as the API server would store it, ignoring `creationTimestamp: null` and `rules: null`. */
function normalized(obj: Comparable): Record<string, unknown> {
  const { creationTimestamp: _ignored, ...metadata } = obj.metadata ?? {};
  const rest: Record<string, unknown> = { ...obj, metadata };
  if (rest.rules === null) delete rest.rules;
  if (rest.subjects === null) delete rest.subjects;
  return rest;
}

const byName = <T extends Comparable>(list: T[]): Map<string, T> =>
  new Map(list.map((o) => [o.metadata?.name ?? '', o]));

const sortedJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** Role names whose normalized objects differ between two lists, and names only in one of them. */
function compare<T extends Comparable>(ours: T[], theirs: T[]) {
  const a = byName(ours);
  const b = byName(theirs);
  const deep = (o: T): string => sortedJson(normalized(o));
  return {
    differing: [...a.keys()].filter((n) => b.has(n) && deep(a.get(n)!) !== deep(b.get(n)!)).sort(),
    onlyOurs: [...a.keys()].filter((n) => !b.has(n)).sort(),
    onlyTheirs: [...b.keys()].filter((n) => !a.has(n)).sort(),
    same: [...a.keys()].filter((n) => b.has(n) && deep(a.get(n)!) === deep(b.get(n)!)).length,
  };
}

describe('default ClusterRoles against the shared bootstrap files', () => {
  const ours = defaultClusterRoles();

  it(`equal role by role to cluster-roles.yaml, the same upstream commit (${DEFAULT_ROLES_SOURCE.commit.slice(0, 8)})`, () => {
    const theirs = items<V1ClusterRole>('cluster-roles.yaml');
    expect(theirs).toHaveLength(31);
    expect(ours.map((r) => r.metadata?.name)).toEqual(theirs.map((r) => r.metadata?.name));
    expect(compare(ours, theirs)).toEqual({ differing: [], onlyOurs: [], onlyTheirs: [], same: 31 });
  });

  it('differs from cluster-roles-featuregates.yaml (1.34-1.35, every gate on) only where newer APIs or gates add rules', () => {
    const theirs = items<V1ClusterRole>('cluster-roles-featuregates.yaml');
    // Why each differs (README "How recent each file is"):
    //  aggregate-to-edit/-view, system:node: DRA resourceclaims (resource.k8s.io, GA in 1.34);
    //  system:node also ClusterTrustBundles (gated) and serviceaccounts get;
    //  system:kube-scheduler: DRA, leasecandidates (coordinated leader election), volumeattachments,
    //  pods/finalizers, and its lease rule gained list/watch;
    //  system:kubelet-api-admin: nodes/configz|healthz|pods (newer kubelet endpoints);
    //  system:monitoring: /flagz and /statusz (gated z-pages);
    //  system:node-proxier: servicecidrs (MultiCIDRServiceAllocator);
    //  system:service-account-issuer-discovery: trailing-slash OIDC discovery URLs (newer);
    //  system:cluster-trust-bundle-discovery: a role for the gated ClusterTrustBundle API.
    expect(compare(ours, theirs)).toEqual({
      differing: [
        'system:aggregate-to-edit',
        'system:aggregate-to-view',
        'system:kube-scheduler',
        'system:kubelet-api-admin',
        'system:monitoring',
        'system:node',
        'system:node-proxier',
        'system:service-account-issuer-discovery',
      ],
      onlyOurs: [],
      onlyTheirs: ['system:cluster-trust-bundle-discovery'],
      same: 23,
    });
  });
});

describe('default ClusterRoleBindings against cluster-role-bindings.yaml (an older commit, about 1.14-1.20)', () => {
  it('has every binding of the file unchanged, plus the two upstream added with their roles', () => {
    const theirs = items<V1ClusterRoleBinding>('cluster-role-bindings.yaml');
    expect(theirs).toHaveLength(10);
    // system:monitoring and system:service-account-issuer-discovery: both roles are in
    // cluster-roles.yaml; the older bindings file predates their bindings (README caveat).
    expect(compare(defaultClusterRoleBindings(), theirs)).toEqual({
      differing: [],
      onlyOurs: ['system:monitoring', 'system:service-account-issuer-discovery'],
      onlyTheirs: [],
      same: 10,
    });
  });
});
