import { describe, expect, it } from 'vitest';
import { analyzeNetworkPolicies } from './analyze.js';
import type { NetpolInput, NetpolWorkload } from './model.js';
import {
  firstAdmittedAddress,
  ipBlockPeers,
  isDefaultDeny,
  isolationOf,
  namedPortGaps,
  openToAnywhere,
  policiesIn,
  selectedClasses,
  selectedHostNetworkClasses,
  unmatchedSelectors,
} from './policyFacts.js';

const workload = (name: string, labels: Record<string, string>, extra: Partial<NetpolWorkload> = {}) => ({
  ref: { kind: 'Deployment', namespace: 'shop', name },
  podLabels: labels,
  ports: [],
  hostNetwork: false,
  ...extra,
});
const policy = (name: string, spec: Record<string, unknown>, namespace = 'shop') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { namespace, name },
  spec,
});
const analyse = (networkPolicies: NetpolInput['networkPolicies']) =>
  analyzeNetworkPolicies({
    namespaces: [],
    workloads: [
      workload('web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }),
      workload('agent', { app: 'agent' }, { hostNetwork: true }),
    ],
    networkPolicies,
  });

describe('policy facts', () => {
  it('groups valid policies by namespace, in input order; invalid ones are not there', () => {
    const a = analyse([
      policy('b', {}),
      policy('bad', { ingress: [{ from: [{}] }] }),
      policy('a', {}),
      policy('other', {}, 'ops'),
    ]);
    expect(policiesIn(a, 'shop').map((p) => p.name)).toEqual(['b', 'a']);
    expect(policiesIn(a, 'none')).toEqual([]);
  });

  it('default deny: podSelector {} isolating a direction with no rule; defaulting decides the directions', () => {
    const [deny, noTypes, someRules] = analyse([
      policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy('no-types', { podSelector: {}, egress: [] }),
      policy('rules', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    ]).policies;
    expect([isDefaultDeny(deny!, 'ingress'), isDefaultDeny(deny!, 'egress')]).toEqual([true, true]);
    expect([isDefaultDeny(noTypes!, 'ingress'), isDefaultDeny(noTypes!, 'egress')]).toEqual([true, false]);
    expect([isDefaultDeny(someRules!, 'ingress'), isDefaultDeny(someRules!, 'egress')]).toEqual([
      false,
      false,
    ]);
  });

  it('selected classes, hostNetwork ones, and selectors that match nothing', () => {
    const a = analyse([
      policy('all', {
        podSelector: {},
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'gone' } } }] }],
      }),
      policy('typo', {
        podSelector: { matchLabels: { app: 'wbe' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'gone' } } }] }],
      }),
    ]);
    const [all, typo] = a.policies;
    expect(selectedClasses(a.index, all!).map((c) => c.workloads[0]!.ref.name)).toEqual(['web', 'agent']);
    expect(selectedHostNetworkClasses(a.index, all!).map((c) => c.workloads[0]!.ref.name)).toEqual(['agent']);
    expect(unmatchedSelectors(a, all!)).toEqual([
      { path: 'spec.ingress[0].from[0].podSelector', direction: 'ingress' },
    ]);
    // a peer with a namespaceSelector is not judged
    expect(unmatchedSelectors(a, typo!)).toEqual([{ path: 'spec.podSelector' }]);
  });

  it('named ports: resolved by name and protocol on the destination pods; never on addresses', () => {
    const a = analyse([
      policy('p', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [{ port: 'http' }, { port: 'http', protocol: 'UDP' }] }],
        egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 'http' }] }],
      }),
    ]);
    expect(namedPortGaps(a, a.policies[0]!)).toEqual([
      {
        direction: 'ingress',
        path: 'spec.ingress[0].ports[1]',
        name: 'http',
        protocol: 'UDP',
        otherProtocols: ['TCP'],
        ipOnly: false,
      },
      {
        direction: 'egress',
        path: 'spec.egress[0].ports[0]',
        name: 'http',
        protocol: 'TCP',
        otherProtocols: [],
        ipOnly: true,
      },
    ]);
  });

  it('sources from anywhere and the addresses an ipBlock admits', () => {
    const a = analyse([
      policy('p', {
        podSelector: {},
        ingress: [
          {},
          { from: [{ namespaceSelector: {} }] },
          { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] } }] },
          {
            from: [
              { ipBlock: { cidr: '128.0.0.0/1' } },
              { namespaceSelector: {}, podSelector: { matchLabels: { a: 'b' } } },
            ],
          },
        ],
      }),
    ]);
    const p = a.policies[0]!;
    expect(p.ingress!.map(openToAnywhere)).toEqual([
      'every source (the rule has no "from")',
      'every pod of every namespace (namespaceSelector: {})',
      'ipBlock 0.0.0.0/0 except 169.254.0.0/16',
      undefined,
    ]);
    const blocks = ipBlockPeers(p).map((b) => b.peer);
    expect(blocks.map((b) => firstAdmittedAddress(b, ['169.254.169.254', '100.100.100.200']))).toEqual([
      '100.100.100.200',
      '169.254.169.254',
    ]);
  });

  it("isolation per direction: independent, from the policies of the class's namespace, as reachability sees it", () => {
    const a = analyzeNetworkPolicies({
      namespaces: [],
      workloads: [workload('web', { app: 'web' }), workload('db', { app: 'db' })],
      networkPolicies: [
        policy('in', { podSelector: {} }),
        policy('out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] }),
        policy('elsewhere', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'ops'),
      ],
    });
    const names = (list: readonly { name: string }[]) => list.map((p) => p.name);
    const [web, db] = a.index.classes;
    const iso = isolationOf(a, web!);
    expect([names(iso.selecting), names(iso.ingress), names(iso.egress)]).toEqual([
      ['in', 'out'],
      ['in'],
      ['out'],
    ]);
    expect(names(isolationOf(a, db!).egress)).toEqual([]);
    // the same answer as the reachability the matrix is built from
    expect([a.reachability.isIsolated(db!, 'ingress'), a.reachability.isIsolated(db!, 'egress')]).toEqual([
      true,
      false,
    ]);
  });
});
