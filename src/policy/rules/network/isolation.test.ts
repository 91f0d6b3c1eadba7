import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../load/parse.js';
import { buildModelIndex } from '../../../model/build.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { isDefaultDeny, isIsolated, isolationOf, networkPoliciesIn } from './isolation.js';

function inventory(yaml: string): ClusterModelIndex {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return buildModelIndex(parsed.resources);
}

const POLICIES = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: other-ns}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico, namespace: shop}
spec: {selector: all(), types: [Egress]}
`;

const names = (list: readonly { resource: { ref: { name: string } } }[]) =>
  list.map((p) => p.resource.ref.name);

describe('networkPoliciesIn', () => {
  it('groups Kubernetes NetworkPolicies by namespace; no namespace means the default one', () => {
    const inv = inventory(POLICIES);
    expect(names(networkPoliciesIn(inv, 'shop'))).toEqual(['deny-ingress', 'web-egress']);
    expect(names(networkPoliciesIn(inv, 'default'))).toEqual(['other-ns']);
    expect(networkPoliciesIn(inv, 'nowhere')).toEqual([]);
  });
});

describe('isolationOf', () => {
  const inv = inventory(POLICIES);

  it('podSelector {} selects a pod without labels, for ingress only (policyTypes defaulted)', () => {
    const iso = isolationOf(inv, 'shop', {});
    expect(names(iso.selecting)).toEqual(['deny-ingress']);
    expect(isIsolated(iso, 'ingress')).toBe(true);
    expect(isIsolated(iso, 'egress')).toBe(false);
  });

  it('ingress and egress isolation come from different policies', () => {
    const iso = isolationOf(inv, 'shop', { app: 'web' });
    expect(names(iso.ingress)).toEqual(['deny-ingress']);
    expect(names(iso.egress)).toEqual(['web-egress']);
  });

  it('policies of another namespace never select the pod', () => {
    const iso = isolationOf(inv, 'billing', { app: 'web' });
    expect(iso.selecting).toEqual([]);
    expect(isIsolated(iso, 'ingress')).toBe(false);
  });
});

describe('isDefaultDeny', () => {
  const [denyIngress, webEgress] = networkPoliciesIn(inventory(POLICIES), 'shop');
  const [both] = networkPoliciesIn(inventory(POLICIES), 'default');

  it('podSelector {} with a type and no rules denies that direction', () => {
    expect(isDefaultDeny(denyIngress!, 'ingress')).toBe(true);
    expect(isDefaultDeny(denyIngress!, 'egress')).toBe(false);
    expect(isDefaultDeny(both!, 'ingress')).toBe(true);
    expect(isDefaultDeny(both!, 'egress')).toBe(true);
  });

  it('a policy for some pods, or with rules, is no default deny', () => {
    expect(isDefaultDeny(webEgress!, 'egress')).toBe(false);
  });
});
