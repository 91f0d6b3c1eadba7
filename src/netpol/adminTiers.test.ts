/**
 * Truth tables for the admin tiers (reference/netpol.md §1.11): AdminNetworkPolicy before
 * NetworkPolicy, BaselineAdminNetworkPolicy after it, first match by priority and rule
 * order, Pass falling through, decisions per port.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicyObject } from './adminPolicy.js';
import { analyzeNetworkPolicies, type NetpolAnalysis } from './analyze.js';
import { connectionsBetween } from './query.js';

const workload = (namespace: string, name: string) => ({
  ref: { kind: 'Pod', namespace, name },
  podLabels: { app: name },
  ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }],
  hostNetwork: false,
});

function anp(name: string, priority: number, spec: Record<string, unknown>): AdminNetworkPolicyObject {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name },
    spec: { priority, subject: { namespaces: {} }, ...spec },
  };
}

function banp(spec: Record<string, unknown>, name = 'default'): AdminNetworkPolicyObject {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name },
    spec: { subject: { namespaces: {} }, ...spec },
  };
}

const fromNs = (ns: string) => [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': ns } } }];

/** Namespaces x (pod a) and y (pod b); `x/a` may have a NetworkPolicy admitting y on TCP 80 only. */
function cluster(admin: AdminNetworkPolicyObject[], baseline?: AdminNetworkPolicyObject, withPolicy = false) {
  const spec: Record<string, unknown> = {
    podSelector: {},
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }],
        ports: [{ port: 80 }],
      },
    ],
  };
  const np: V1NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace: 'x', name: 'allow-y-80' },
    spec,
  };
  return analyzeNetworkPolicies({
    namespaces: [],
    workloads: [workload('x', 'a'), workload('y', 'b')],
    networkPolicies: withPolicy ? [np] : [],
    adminNetworkPolicies: admin,
    ...(baseline ? { baselineAdminNetworkPolicy: baseline } : {}),
  });
}

function conns(a: NetpolAnalysis, src: string, dst: string): string {
  const end = (t: string) =>
    /^\d/.test(t) ? { address: t } : { workload: { namespace: t.split('/')[0]!, name: t.split('/')[1]! } };
  const r = connectionsBetween(a, end(src), end(dst));
  return 'error' in r ? r.error : r.conns.toString();
}

describe('admin tiers', () => {
  it('ANP Deny overrides a NetworkPolicy allow; ANP Allow overrides NetworkPolicy isolation', () => {
    const deny = cluster(
      [anp('deny-y', 5, { ingress: [{ name: 'r', action: 'Deny', from: fromNs('y') }] })],
      undefined,
      true,
    );
    expect(conns(deny, 'y/b', 'x/a')).toBe('No Connections');
    const allow = cluster(
      [
        anp('allow-y', 5, {
          ingress: [
            { name: 'r', action: 'Allow', from: fromNs('y'), ports: [{ portNumber: { port: 443 } }] },
          ],
        }),
      ],
      undefined,
      true,
    );
    expect(conns(allow, 'y/b', 'x/a')).toBe('TCP 80,443');
  });

  it('lower priority values win; within a policy the first rule matching a port decides', () => {
    const a = cluster([
      anp('late-allow', 20, { ingress: [{ name: 'allow', action: 'Allow', from: fromNs('y') }] }),
      anp('early', 10, {
        ingress: [
          { name: 'allow-web', action: 'Allow', from: fromNs('y'), ports: [{ namedPort: 'web' }] },
          { name: 'deny-rest', action: 'Deny', from: fromNs('y') },
        ],
      }),
    ]);
    expect(conns(a, 'y/b', 'x/a')).toBe('TCP 8080');
  });

  it('Pass skips the remaining ANP rules and lets NetworkPolicy decide', () => {
    const a = cluster(
      [
        anp('pass', 1, { ingress: [{ name: 'p', action: 'Pass', from: fromNs('y') }] }),
        anp('deny', 2, { ingress: [{ name: 'd', action: 'Deny', from: fromNs('y') }] }),
      ],
      undefined,
      true,
    );
    expect(conns(a, 'y/b', 'x/a')).toBe('TCP 80');
  });

  it('Pass and unmatched traffic reach the baseline when no NetworkPolicy isolates the pod', () => {
    const baseline = banp({ ingress: [{ name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }] });
    const passed = cluster(
      [anp('pass', 1, { ingress: [{ name: 'p', action: 'Pass', from: fromNs('y') }] })],
      baseline,
    );
    expect(conns(passed, 'y/b', 'x/a')).toBe('No Connections');
    // External addresses are not pods of a namespace: the baseline's rule does not match them.
    expect(conns(passed, '8.8.8.8', 'x/a')).toBe('All Connections');
    // A NetworkPolicy that isolates the pod takes over from the baseline.
    expect(conns(cluster([], baseline, true), 'y/b', 'x/a')).toBe('TCP 80');
  });

  it('baseline Allow rules decide before its Deny rules, per port', () => {
    const baseline = banp({
      ingress: [
        {
          name: 'dns',
          action: 'Allow',
          from: fromNs('y'),
          ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
        },
        { name: 'rest', action: 'Deny', from: fromNs('y') },
      ],
    });
    expect(conns(cluster([], baseline), 'y/b', 'x/a')).toBe('UDP 53');
  });

  it('egress networks and port ranges', () => {
    const a = cluster([
      anp('egress', 1, {
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } },
        egress: [
          {
            name: 'web',
            action: 'Allow',
            to: [{ networks: ['0.0.0.0/0'] }],
            ports: [{ portRange: { start: 80, end: 90 } }],
          },
          { name: 'rest', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
        ],
      }),
    ]);
    expect([conns(a, 'x/a', '8.8.8.8'), conns(a, 'y/b', '8.8.8.8'), conns(a, 'x/a', 'y/b')]).toEqual([
      'TCP 80-90',
      'All Connections',
      'All Connections',
    ]);
  });

  it('bad admin policies are errors naming them; same priorities are warnings', () => {
    const a = cluster(
      [
        anp('no-priority', 5000, { ingress: [{ name: 'r', action: 'Allow', from: fromNs('y') }] }),
        anp('bad-action', 1, { ingress: [{ name: 'r', action: 'Accept', from: fromNs('y') }] }),
        anp('one', 3, {}),
        anp('two', 3, {}),
      ],
      banp({}, 'other'),
    );
    expect(a.problems.map((p) => `${p.severity} ${p.kind} ${p.name} ${p.path}: ${p.message}`)).toEqual([
      'error AdminNetworkPolicy no-priority spec.priority: priority must be an integer from 0 to 1000',
      'error AdminNetworkPolicy bad-action spec.ingress[0].action: action must be Allow, Deny, Pass, not "Accept"',
      'warning AdminNetworkPolicy two spec.priority: has the same priority (3) as AdminNetworkPolicy "one": their order is implementation-defined; evaluated by name here',
      'error BaselineAdminNetworkPolicy other metadata.name: the BaselineAdminNetworkPolicy must be named "default"',
    ]);
  });
});
