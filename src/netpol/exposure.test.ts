import { describe, expect, it } from 'vitest';
import { analyzeNetworkPolicies } from './analyze.js';
import { connectivityList } from './connlist.js';
import { exposureAnalysis, formatExposure } from './exposure.js';

const pod = (namespace: string, name: string, labels: Record<string, string>) => ({
  ref: { kind: 'Deployment', namespace, name },
  podLabels: labels,
  ports: [],
  hostNetwork: false,
});

/** Wire form (`from`, as decoded from YAML), not client-node's deserialised `_from`. */
const spec: Record<string, unknown> = {
  podSelector: { matchLabels: { app: 'api' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] },
    { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] },
    { from: [{ namespaceSelector: {} }], ports: [{ port: 9090 }] },
  ],
  egress: [
    {
      to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }],
    },
  ],
};

describe('exposure analysis', () => {
  it('reports entire-cluster, namespaces, unmatched selectors and unprotected workloads', () => {
    const analysis = analyzeNetworkPolicies({
      namespaces: [{ name: 'shop', labels: {} }],
      workloads: [pod('shop', 'api', { app: 'api' }), pod('shop', 'web', { app: 'web' })],
      networkPolicies: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { namespace: 'shop', name: 'api' },
          spec,
        },
      ],
    });
    const text = formatExposure(exposureAnalysis(analysis, connectivityList(analysis)));
    expect(text).toBe(
      [
        'Exposure Analysis Result:',
        'Egress Exposure:',
        'shop/api[Deployment] \t=> \t[all namespaces]/[pod with {k8s-app=kube-dns}] : UDP 53',
        'shop/web[Deployment] \t=> \t0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Deployment] \t=> \tentire-cluster : All Connections',
        '',
        'Ingress Exposure:',
        'shop/api[Deployment] \t<= \tentire-cluster : TCP 9090',
        'shop/api[Deployment] \t<= \tmonitoring/[all pods] : All Connections',
        'shop/web[Deployment] \t<= \t0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Deployment] \t<= \tentire-cluster : All Connections',
        '',
        'Workloads not protected by network policies:',
        'shop/web[Deployment] is not protected on Egress',
        'shop/web[Deployment] is not protected on Ingress',
      ].join('\n'),
    );
  });
});
