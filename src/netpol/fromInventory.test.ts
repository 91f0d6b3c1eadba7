import { describe, expect, it } from 'vitest';
import { Inventory } from '../k8s/inventory.js';
import { makeResource } from '../k8s/resource.js';
import type { JsonRecord } from '../k8s/shape.js';
import { netpolInputFromInventory } from './fromInventory.js';

const inventory = (objects: JsonRecord[]) =>
  new Inventory(
    objects.map((o, i) => makeResource(o, { file: 'x.yaml', documentIndex: i, line: i * 10 + 1 })),
  );

const pod = (name: string, labels: Record<string, string>, extra: JsonRecord = {}): JsonRecord => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'shop', name, labels, ...extra },
  spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
});

describe('netpolInputFromInventory', () => {
  it('aggregates pods to their controlling owner, unless the owner is a Node', () => {
    const owner = (kind: string, name: string) => ({ ownerReferences: [{ kind, name, controller: true }] });
    const { input, problems } = netpolInputFromInventory(
      inventory([
        {
          ...pod('web-1', { app: 'web' }, owner('ReplicaSet', 'web-6d4')),
          status: { podIPs: [{ ip: '10.0.0.1' }] },
        },
        { ...pod('web-2', { app: 'web' }, owner('ReplicaSet', 'web-6d4')), status: { podIP: '10.0.0.2' } },
        pod('web-3', { app: 'other' }, owner('ReplicaSet', 'web-6d4')),
        pod('etcd-node1', { component: 'etcd' }, owner('Node', 'node1')),
      ]),
    );
    expect(input.workloads.map((w) => [w.ref, w.podIPs ?? []])).toEqual([
      [{ kind: 'ReplicaSet', namespace: 'shop', name: 'web-6d4' }, ['10.0.0.1', '10.0.0.2']],
      [{ kind: 'Pod', namespace: 'shop', name: 'etcd-node1' }, []],
    ]);
    expect(input.workloads[0]!.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(problems.map((p) => `${p.name}: ${p.message}`)).toEqual([
      "web-3: pods of the same owner shop/web-6d4[ReplicaSet] have different labels; the first pod's labels are used",
    ]);
  });

  it('takes Kubernetes NetworkPolicies and v1alpha1 admin policies, in the default namespace when none is given', () => {
    const { input, sourceOf } = netpolInputFromInventory(
      inventory([
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: {} },
        { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'calico' }, spec: {} },
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'AdminNetworkPolicy',
          metadata: { name: 'a' },
          spec: {},
        },
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'BaselineAdminNetworkPolicy',
          metadata: { name: 'default' },
        },
      ]),
    );
    expect(input.networkPolicies.map((p) => p.metadata)).toEqual([{ name: 'deny', namespace: 'default' }]);
    expect(input.adminNetworkPolicies?.map((p) => p.metadata?.name)).toEqual(['a']);
    expect(input.baselineAdminNetworkPolicy?.metadata?.name).toBe('default');
    expect(sourceOf('NetworkPolicy', 'default', 'deny')?.line).toBe(1);
  });

  it('takes v1alpha2 ClusterNetworkPolicies, with their source', () => {
    const { input, sourceOf } = netpolInputFromInventory(
      inventory([
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: 'deny-all' },
          spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} } },
        },
        { apiVersion: 'example.com/v1', kind: 'ClusterNetworkPolicy', metadata: { name: 'other' }, spec: {} },
      ]),
    );
    expect(input.clusterNetworkPolicies?.map((p) => p.metadata?.name)).toEqual(['deny-all']);
    expect(sourceOf('ClusterNetworkPolicy', undefined, 'deny-all')?.line).toBe(1);
  });
});
