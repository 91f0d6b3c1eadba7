import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { analyzeNetworkPolicies } from './analyze.js';
import { CandidateSources } from './candidateSources.js';
import type { NetpolWorkload } from './model.js';

function policy(namespace: string, name: string, spec: Record<string, unknown>): V1NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

function pod(namespace: string, name: string, labels: Record<string, string>): NetpolWorkload {
  return { ref: { kind: 'Deployment', namespace, name }, podLabels: labels, ports: [], hostNetwork: false };
}

/** Three namespaces: `open` has no policy, `a` and `b` keep egress in their namespace; gateways admitted from anywhere. */
const input = {
  namespaces: ['open', 'a', 'b'].map((name) => ({ name, labels: {} })),
  workloads: ['open', 'a', 'b'].flatMap((ns) => [
    pod(ns, 'gateway', { app: 'gateway' }),
    pod(ns, 'api', { app: 'api' }),
    pod(ns, 'db', { app: 'db' }),
  ]),
  networkPolicies: ['a', 'b'].flatMap((ns) => [
    policy(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ns, 'in-namespace', {
      podSelector: { matchLabels: { app: 'gateway' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    policy(ns, 'api-from-any-gateway', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'gateway' } } }] }],
    }),
    policy(ns, 'db-egress-anywhere', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Egress'],
      egress: [{}],
    }),
  ]),
};

describe('CandidateSources', () => {
  const analysis = analyzeNetworkPolicies(input);
  const { classes } = analysis.index;
  const name = (id: number) => {
    const w = classes[id]!.workloads[0]!.ref;
    return `${w.namespace}/${w.name}`;
  };
  const candidates = new CandidateSources(analysis.reachability);

  it('keeps every source with an allowed connection (same pairs as all pairs)', () => {
    const brute: string[] = [];
    const pruned: string[] = [];
    for (const dst of classes) {
      for (const src of classes)
        if (!analysis.reachability.between(src, dst).isEmpty())
          brute.push(`${name(src.id)} => ${name(dst.id)}`);
      for (const src of candidates.of(dst))
        if (!analysis.reachability.between(src, dst).isEmpty())
          pruned.push(`${name(src.id)} => ${name(dst.id)}`);
    }
    expect(pruned.sort()).toEqual(brute.sort());
  });

  it('drops gateways of other namespaces, whose egress stays home', () => {
    const api = classes.find((c) => c.namespace === 'a' && c.labels.app === 'api')!;
    expect(
      candidates
        .of(api)
        .map((c) => name(c.id))
        .sort(),
    ).toEqual(['a/gateway', 'open/gateway']);
  });

  it('lists open sources and named admitters for a destination nothing isolates', () => {
    const openDb = classes.find((c) => c.namespace === 'open' && c.labels.app === 'db')!;
    expect(
      candidates
        .of(openDb)
        .map((c) => name(c.id))
        .sort(),
    ).toEqual(['a/db', 'b/db', 'open/api', 'open/db', 'open/gateway']);
  });
});
