/**
 * The graph rules on the two example shops, exactly. insecure-shop has no path to cluster admin
 * (its worst RoleBinding is namespaced), so graph-entry-to-critical stays silent there; every
 * workload reaches the node through the default ServiceAccount's `create pods` or its own
 * privileged DaemonSet. hardened-shop keeps the two paths its own traffic needs: the frontend
 * may connect to cart and payments (their NetworkPolicies admit it), and each reads its Secret —
 * a second exploit, past the frontend, reaches them.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { DEFAULT_CONFIG } from '../src/policy/config.js';

const GRAPH_RULES = ['graph-entry-to-critical', 'graph-workload-to-node', 'graph-secret-from-entry'];

async function findings(path: string): Promise<string[]> {
  const result = await scan([path], { config: DEFAULT_CONFIG, only: GRAPH_RULES, workers: 0 });
  expect(result.errors).toEqual([]);
  return result.findings.map(
    (f) => `${f.ruleId} ${f.resource.kind} ${f.resource.name} ${f.path}: ${f.message}`,
  );
}

const toNode = (kind: string, name: string) =>
  `graph-workload-to-node ${kind} ${name} metadata.name: a compromise of the pods reaches Node/* in 2 hops: shop/${kind}/${name} -IDENTITY_ASSUME-> shop/ServiceAccount/default -POD_CREATE-> Node/*`;

describe('the graph rules on the examples', () => {
  it('examples/insecure-shop', async () => {
    expect(await findings('examples/insecure-shop')).toEqual([
      toNode('Deployment', 'cart'),
      toNode('CronJob', 'db-backup'),
      toNode('Deployment', 'frontend'),
      'graph-workload-to-node DaemonSet log-agent metadata.name: a compromise of the pods reaches Node/* in 1 hop: shop/DaemonSet/log-agent -CE_PRIV_MOUNT-> Node/*',
      toNode('Deployment', 'payments'),
      toNode('StatefulSet', 'redis'),
      'graph-secret-from-entry StatefulSet redis spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name: Secret shop/redis (not in the input) is reachable from shop/HostNetwork/log-agent in 3 hops: shop/HostNetwork/log-agent -ENDPOINT_EXPLOIT-> shop/DaemonSet/log-agent -CE_PRIV_MOUNT-> Node/* -SECRET_READ-> shop/Secret/redis',
    ]);
  });

  it('examples/hardened-shop', async () => {
    const reach = (name: string, secret: string, at: string) =>
      `graph-secret-from-entry Deployment ${name} ${at}: Secret hardened-shop/${secret} (not in the input) is reachable from hardened-shop/Ingress/shop in 3 hops: hardened-shop/Ingress/shop -ENDPOINT_EXPLOIT-> hardened-shop/Deployment/frontend -NETWORK_REACH-> hardened-shop/Deployment/${name} -SECRET_READ-> hardened-shop/Secret/${secret}`;
    expect(await findings('examples/hardened-shop')).toEqual([
      reach('cart', 'redis', 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name'),
      reach(
        'payments',
        'payments-api',
        'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name',
      ),
    ]);
  });
});
