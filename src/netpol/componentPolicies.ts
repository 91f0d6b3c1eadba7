/**
 * The NetworkPolicies kubeward ships for its own components (`kubeward install`, `install
 * --audit`): a default deny for the namespace, then the component's own policy — ingress to its
 * serving port from wherever the caller runs (the API server's and Prometheus' addresses differ
 * per cluster), egress to cluster DNS and to the API server's ports.
 */
import { DNS_LABELS, DNS_NAMESPACE } from './synthesize.js';
import { NAMESPACE_NAME_LABEL } from './model.js';

export interface ComponentPolicyOptions {
  readonly name: string;
  readonly namespace: string;
  /** The component's labels: on the policies and as their podSelector. */
  readonly labels: Readonly<Record<string, string>>;
  /** The TCP port it serves. */
  readonly ingressPort: number;
  /** TCP ports it calls besides the API server's 443 and 6443 (PostgreSQL for a shared history). */
  readonly extraEgressPorts?: readonly number[];
}

export function componentNetworkPolicies(o: ComponentPolicyOptions): Record<string, unknown>[] {
  const meta = (name: string) => ({ name, namespace: o.namespace, labels: { ...o.labels } });
  const tcp = (port: number) => ({ port, protocol: 'TCP' });
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${o.name}-default-deny`),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(o.name),
      spec: {
        podSelector: { matchLabels: { ...o.labels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [tcp(o.ingressPort)] }],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: DNS_NAMESPACE } },
                podSelector: { matchLabels: { ...DNS_LABELS } },
              },
            ],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
          { ports: [tcp(443), tcp(6443), ...(o.extraEgressPorts ?? []).map(tcp)] },
        ],
      },
    },
  ];
}
