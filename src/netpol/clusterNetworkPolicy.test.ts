/**
 * Truth tables for ClusterNetworkPolicy (v1alpha2, reference/netpol.md §1.11): the Admin
 * tier before NetworkPolicy, the Baseline tier after it, priority and rule order, Accept /
 * Deny / Pass in each tier, `protocols`, `networks`, host-networked pods left out, and
 * invalid objects reported.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicyObject } from './adminPolicy.js';
import { analyzeNetworkPolicies, type NetpolAnalysis } from './analyze.js';
import { explainPair } from './explain.js';
import { connectionsBetween } from './query.js';

const workload = (namespace: string, name: string, hostNetwork = false) => ({
  ref: { kind: 'Pod', namespace, name },
  podLabels: { app: name },
  ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }],
  hostNetwork,
});

function cnp(
  name: string,
  tier: string,
  priority: number,
  spec: Record<string, unknown>,
): AdminNetworkPolicyObject {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier, priority, subject: { namespaces: {} }, ...spec },
  };
}

const fromNs = (ns: string) => [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': ns } } }];
const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });

/** Namespaces x (pod a), y (pod b) and z (hostNetwork pod h); `x/a` may have a NetworkPolicy admitting y on TCP 80. */
function cluster(policies: AdminNetworkPolicyObject[], withPolicy = false): NetpolAnalysis {
  const np: V1NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace: 'x', name: 'allow-y-80' },
    spec: {
      podSelector: {},
      ingress: [
        {
          _from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }],
          ports: [{ port: 80 }],
        },
      ],
    },
  };
  return analyzeNetworkPolicies({
    namespaces: [],
    workloads: [workload('x', 'a'), workload('y', 'b'), workload('z', 'h', true)],
    networkPolicies: withPolicy ? [np] : [],
    clusterNetworkPolicies: policies,
  });
}

function conns(a: NetpolAnalysis, src: string, dst: string): string {
  const end = (t: string) =>
    /^\d/.test(t) ? { address: t } : { workload: { namespace: t.split('/')[0]!, name: t.split('/')[1]! } };
  const r = connectionsBetween(a, end(src), end(dst));
  return 'error' in r ? r.error : r.conns.toString();
}

describe('ClusterNetworkPolicy tiers', () => {
  it.each([
    // [case, policies, NetworkPolicy on x/a, y/b => x/a]
    [
      'Admin Deny overrides a NetworkPolicy allow',
      [cnp('d', 'Admin', 5, { ingress: [{ action: 'Deny', from: fromNs('y') }] })],
      true,
      'No Connections',
    ],
    [
      'Admin Accept adds to NetworkPolicy isolation',
      [cnp('a', 'Admin', 5, { ingress: [{ action: 'Accept', from: fromNs('y'), protocols: [tcp(443)] }] })],
      true,
      'TCP 80,443',
    ],
    [
      'Admin Pass lets NetworkPolicy decide',
      [
        cnp('p', 'Admin', 1, { ingress: [{ action: 'Pass', from: fromNs('y') }] }),
        cnp('d', 'Admin', 2, { ingress: [{ action: 'Deny', from: fromNs('y') }] }),
      ],
      true,
      'TCP 80',
    ],
    [
      'Admin Pass with no NetworkPolicy falls to the Baseline tier',
      [
        cnp('p', 'Admin', 1, { ingress: [{ action: 'Pass', from: fromNs('y') }] }),
        cnp('b', 'Baseline', 1, { ingress: [{ action: 'Deny', from: fromNs('y') }] }),
      ],
      false,
      'No Connections',
    ],
    [
      'Baseline Deny does not apply to pods a NetworkPolicy selects',
      [cnp('b', 'Baseline', 1, { ingress: [{ action: 'Deny', from: fromNs('y') }] })],
      true,
      'TCP 80',
    ],
    [
      'Baseline Pass ends the tier: default allow',
      [
        cnp('p', 'Baseline', 1, { ingress: [{ action: 'Pass', from: fromNs('y') }] }),
        cnp('d', 'Baseline', 2, { ingress: [{ action: 'Deny', from: fromNs('y') }] }),
      ],
      false,
      'All Connections',
    ],
    [
      'lower priority values first',
      [
        cnp('late', 'Admin', 20, { ingress: [{ action: 'Accept', from: fromNs('y') }] }),
        cnp('early', 'Admin', 10, { ingress: [{ action: 'Deny', from: fromNs('y'), protocols: [tcp(22)] }] }),
      ],
      false,
      'SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535',
    ],
    [
      'rules in written order, per port',
      [
        cnp('o', 'Admin', 1, {
          ingress: [
            { action: 'Accept', from: fromNs('y'), protocols: [{ destinationNamedPort: 'web' }] },
            { action: 'Deny', from: fromNs('y') },
          ],
        }),
      ],
      false,
      'TCP 8080',
    ],
    [
      'port ranges and UDP',
      [
        cnp('r', 'Admin', 1, {
          ingress: [
            {
              action: 'Deny',
              from: fromNs('y'),
              protocols: [
                { tcp: { destinationPort: { range: { start: 2, end: 65535 } } } },
                { udp: { destinationPort: { number: 53 } } },
              ],
            },
          ],
        }),
      ],
      false,
      'SCTP 1-65535,TCP 1,UDP 1-52,54-65535',
    ],
  ] as const)('%s', (_name, policies, withPolicy, expected) => {
    expect(conns(cluster([...policies], withPolicy), 'y/b', 'x/a')).toBe(expected);
  });

  it('egress networks match external addresses; the other side still decides after Accept', () => {
    const a = cluster(
      [
        cnp('net', 'Admin', 1, {
          subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } },
          egress: [
            { action: 'Accept', to: [{ networks: ['203.0.113.0/24'] }], protocols: [tcp(443)] },
            { action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
          ],
        }),
      ],
      true,
    );
    expect(conns(a, 'x/a', '203.0.113.7')).toBe('TCP 443');
    expect(conns(a, 'x/a', '8.8.8.8')).toBe('No Connections');
    // 0.0.0.0/0 would match pod IPs too; none are known here, so pods are decided by the next tiers.
    expect(conns(a, 'x/a', 'y/b')).toBe('All Connections');
  });

  it('host-networked pods are neither subjects nor peers', () => {
    const a = cluster([
      cnp('deny-all', 'Admin', 1, { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
    ]);
    expect(conns(a, 'y/b', 'x/a')).toBe('No Connections');
    expect(conns(a, 'z/h', 'x/a')).toBe('All Connections');
    expect(conns(a, 'y/b', 'z/h')).toBe('All Connections');
  });

  it('explanations name the ClusterNetworkPolicy and its rule', () => {
    const a = cluster([
      cnp('pass-y', 'Admin', 1, { ingress: [{ name: 'pass-from-y', action: 'Pass', from: fromNs('y') }] }),
      cnp('deny-y', 'Baseline', 3, { ingress: [{ name: 'deny-from-y', action: 'Deny', from: fromNs('y') }] }),
    ]);
    const cls = (ns: string) => a.index.classes.find((c) => c.namespace === ns)!;
    const groups = explainPair(a, { cls: cls('y') }, { cls: cls('x') });
    expect(
      groups.map((g) => [
        g.allowed,
        g.ingress.reasons.map((r) =>
          r.kind === 'admin' ? `${r.policy.kind}/${r.policy.name}/${r.rule.name}/${r.rule.action}` : r.kind,
        ),
      ]),
    ).toEqual([
      [
        false,
        ['ClusterNetworkPolicy/pass-y/pass-from-y/Pass', 'ClusterNetworkPolicy/deny-y/deny-from-y/Deny'],
      ],
    ]);
  });

  it('reports invalid objects, naming the field, and leaves them out', () => {
    const a = cluster([
      cnp('no-tier', 'Middle', 1, {}),
      cnp('bad', 'Admin', 1001, {
        ingress: [
          { action: 'Allow', from: fromNs('y') },
          {
            action: 'Deny',
            from: fromNs('y'),
            protocols: [{ tcp: { destinationPort: { range: { start: 9, end: 9 } } } }],
          },
        ],
      }),
      cnp('same-1', 'Admin', 7, {}),
      cnp('same-2', 'Admin', 7, { egress: [{ action: 'Deny', to: [{ domainNames: ['example.com'] }] }] }),
    ]);
    expect(a.problems.map((p) => `${p.severity} ${p.name} ${p.path}: ${p.message}`)).toEqual([
      'error no-tier spec.tier: tier must be Admin or Baseline, not "Middle"',
      'error bad spec.priority: priority must be an integer from 0 to 1000',
      'error bad spec.ingress[0].action: action must be Accept, Deny or Pass, not "Allow"',
      'error bad spec.ingress[1].protocols[0].tcp.destinationPort: needs number (1-65535) or range with start < end, not {"range":{"start":9,"end":9}}',
      'warning same-2 spec.egress[0].to[0].domainNames: domainNames are not in the model: this peer matches nothing here',
      'warning same-2 spec.priority: has the same tier and priority (7) as ClusterNetworkPolicy "same-1": their order is implementation-defined; evaluated by name here',
    ]);
    expect(a.admin.map((p) => p.name)).toEqual(['same-1', 'same-2']);
  });
});
