import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../load/parse.js';
import {
  compileNetworkPolicy,
  deniesAll,
  effectivePolicyTypes,
  isKubernetesNetworkPolicy,
  portsAdmit,
  type PolicyPort,
} from './networkPolicy.js';

function policy(yaml: string) {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return compileNetworkPolicy(parsed.resources[0]!, 'shop');
}

describe('effectivePolicyTypes (SetDefaults_NetworkPolicy)', () => {
  it.each([
    ['no policyTypes, no egress', {}, { ingress: true, egress: false, defaulted: true }],
    ['no policyTypes, empty egress list', { egress: [] }, { ingress: true, egress: false, defaulted: true }],
    ['no policyTypes, one egress rule', { egress: [{}] }, { ingress: true, egress: true, defaulted: true }],
    [
      'empty policyTypes defaults too',
      { policyTypes: [], egress: [{}] },
      { ingress: true, egress: true, defaulted: true },
    ],
    ['Egress only', { policyTypes: ['Egress'] }, { ingress: false, egress: true, defaulted: false }],
    [
      'listed types win over rules',
      { policyTypes: ['Ingress'], egress: [{}] },
      { ingress: true, egress: false, defaulted: false },
    ],
    ['both', { policyTypes: ['Ingress', 'Egress'] }, { ingress: true, egress: true, defaulted: false }],
    [
      'values are case-sensitive',
      { policyTypes: ['egress'] },
      { ingress: false, egress: false, defaulted: false },
    ],
  ])('%s', (_name, spec, want) => {
    expect(effectivePolicyTypes(spec)).toEqual(want);
  });
});

describe('compileNetworkPolicy', () => {
  it('a missing podSelector selects every pod', () => {
    const p = policy(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec: {policyTypes: [Ingress]}
`);
    expect(p.podSelector.matchesAll).toBe(true);
    expect(deniesAll(p, 'ingress')).toBe(true);
    expect(deniesAll(p, 'egress')).toBe(false);
  });

  it('reads peers and ports with their paths; empty "to" means every destination', () => {
    const p = policy(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {matchLabels: {app: web}}
  egress:
  - to:
    - podSelector: {matchLabels: {app: db}}
    - namespaceSelector: {}
      podSelector: {}
    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}
    ports: [{port: 5432}, {protocol: UDP, port: 53}, {port: http}, {port: 8000, endPort: 8080}]
  - to: []
`);
    expect(p.types).toEqual({ ingress: true, egress: true, defaulted: true });
    expect(p.egress).toHaveLength(2);
    const [first, second] = p.egress;
    expect(first!.path).toEqual(['spec', 'egress', 0]);
    expect(first!.peers!.map((x) => x.path)).toEqual([
      ['spec', 'egress', 0, 'to', 0],
      ['spec', 'egress', 0, 'to', 1],
      ['spec', 'egress', 0, 'to', 2],
    ]);
    expect(first!.peers![0]!.namespaceSelector).toBeUndefined();
    expect(first!.peers![1]!.namespaceSelector?.matchesAll).toBe(true);
    expect(first!.peers![2]!.ipBlock).toEqual({ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] });
    expect(first!.ports).toEqual([
      { protocol: 'TCP', port: 5432 },
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 'http' },
      { protocol: 'TCP', port: 8000, endPort: 8080 },
    ]);
    expect(second!.peers).toBeUndefined();
    expect(second!.ports).toBeUndefined();
  });

  it('does not crash on wrong types', () => {
    const p = policy(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: app=web
  ingress: "everything"
  egress: [7, {to: "x", ports: [{port: true}]}]
`);
    expect(p.podSelector.error).toBeDefined();
    expect(p.ingress).toEqual([]);
    expect(p.egress).toEqual([{ path: ['spec', 'egress', 1], ports: [{ protocol: 'TCP' }] }]);
  });
});

describe('isKubernetesNetworkPolicy', () => {
  it.each([
    ['networking.k8s.io/v1', true],
    ['extensions/v1beta1', true],
    ['projectcalico.org/v3', false],
    ['crd.projectcalico.org/v1', false],
    ['cilium.io/v2', false],
  ])('%s: %s', (apiVersion, want) => {
    const parsed = parseManifestText(
      `apiVersion: ${apiVersion}\nkind: NetworkPolicy\nmetadata: {name: p}\n`,
      't',
    );
    expect(isKubernetesNetworkPolicy(parsed.resources[0]!)).toBe(want);
  });
});

describe('portsAdmit', () => {
  const ports = (...p: PolicyPort[]) => p;
  it.each([
    ['no ports: everything', undefined, 'TCP', 80, true],
    ['TCP 80', ports({ protocol: 'TCP', port: 80 }), 'TCP', 80, true],
    ['UDP 80 is not TCP 80', ports({ protocol: 'UDP', port: 80 }), 'TCP', 80, false],
    ['port missing: every TCP port', ports({ protocol: 'TCP' }), 'TCP', 80, true],
    ['range covers', ports({ protocol: 'TCP', port: 1, endPort: 1024 }), 'TCP', 80, true],
    ['range misses', ports({ protocol: 'TCP', port: 81, endPort: 1024 }), 'TCP', 80, false],
    ['endPort below port is ignored', ports({ protocol: 'TCP', port: 80, endPort: 10 }), 'TCP', 80, true],
    ['named port admits no external address', ports({ protocol: 'TCP', port: 'http' }), 'TCP', 80, false],
    ['DNS only', ports({ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }), 'TCP', 80, false],
  ])('%s', (_name, p, protocol, port, want) => {
    expect(portsAdmit(p, protocol, port)).toBe(want);
  });
});
