/**
 * The graph rules on the two example shops, exactly. insecure-shop has no path to cluster admin
 * (its worst RoleBinding is namespaced), so graph-entry-to-critical stays silent there; every
 * workload reaches the node through the default ServiceAccount's `create pods` or its own
 * privileged DaemonSet. hardened-shop has none: what remains there needs a second exploit, past
 * the frontend over the connections its NetworkPolicies allow, which the rules leave to
 * `kubeward exposure`.
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
    expect(await findings('examples/hardened-shop')).toEqual([]);
  });
});
