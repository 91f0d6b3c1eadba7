/**
 * NetworkPolicies the API server would reject are scan errors with the object's name, file,
 * line and column of the offending field; they are left out of the network analysis and the
 * rest of the input is analysed as usual.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

let dir: string;
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeward-netpol-bad-'));
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27, ports: [{name: http, containerPort: 8080}]}]
`;
const policy = (name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {}
${spec}`;

const REJECTED = 'the API server rejects this policy, so it is left out of the network analysis';

describe('invalid NetworkPolicies in a scan', () => {
  it('each invalid field is an error at its line; the policy isolates nothing; a valid one still counts', async () => {
    const p = file(
      'bad.yaml',
      WEB +
        policy(
          'bad',
          `  policyTypes: [Ingress, Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.300/8}}]
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}}]
  - ports: [{port: http, endPort: 90}, {endPort: 90}, {port: 100, endPort: 90}]
`,
        ) +
        policy('ingress-only', '  policyTypes: [Ingress]\n'),
    );
    const result = await scan([p], { now: new Date('2026-01-01') });
    expect(result.errors).toEqual([
      {
        file: p,
        line: 17,
        column: 21,
        message: `NetworkPolicy bad: spec.egress[0].to[0].ipBlock.cidr: CIDR error: invalid CIDR address "10.0.0.300/8"; ${REJECTED}`,
      },
      {
        file: p,
        line: 18,
        column: 48,
        message: `NetworkPolicy bad: spec.egress[1].to[0].ipBlock.except[0]: except "192.168.0.0/16" must be a strict subset of cidr "10.0.0.0/8"; ${REJECTED}`,
      },
      {
        file: p,
        line: 19,
        column: 26,
        message: `NetworkPolicy bad: spec.egress[2].ports[0].endPort: endPort may not be specified when port is non-numeric (a named port); ${REJECTED}`,
      },
      {
        file: p,
        line: 19,
        column: 41,
        message: `NetworkPolicy bad: spec.egress[2].ports[1].endPort: endPort may not be specified when port is not specified; ${REJECTED}`,
      },
      {
        file: p,
        line: 19,
        column: 67,
        message: `NetworkPolicy bad: spec.egress[2].ports[2].endPort: port range 100-90 is not legal: endPort must be between port and 65535; ${REJECTED}`,
      },
    ]);
    // the valid policy isolates ingress; the rejected one would have isolated egress too
    expect(result.findings.filter((f) => f.ruleId === 'pod-not-isolated').map((f) => f.message)).toEqual([
      'pods labelled app=web are not isolated for egress: NetworkPolicy "ingress-only" selects them for ingress only, so they can connect to any destination',
    ]);
    // and no rule judges the rejected policy (egress-to-metadata would report its rule without "to")
    expect(result.findings.filter((f) => f.resource.name === 'bad')).toEqual([]);
  });

  it('a duplicate name, in another file, is an error naming where the analysed definition is', async () => {
    const a = file('a.yaml', WEB + policy('deny', '  policyTypes: [Ingress, Egress]\n'));
    const b = file('b.yaml', policy('deny', '  policyTypes: [Ingress]\n').slice(4));
    const result = await scan([a, b], { now: new Date('2026-01-01') });
    expect(result.errors).toEqual([
      {
        file: b,
        line: 3,
        column: 12,
        message: `NetworkPolicy deny: NetworkPolicy "shop/deny" is defined more than once (first at ${a}:9, the definition analysed); this one is left out of the network analysis`,
      },
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'pod-not-isolated')).toEqual([]);
  });

  it('a rejected first definition is no duplicate: the later one of the name is analysed', async () => {
    const p = file(
      'first-bad.yaml',
      WEB +
        policy('deny', '  policyTypes: [Ingress, Sideways]\n') +
        policy('deny', '  policyTypes: [Ingress, Egress]\n'),
    );
    const result = await scan([p], { now: new Date('2026-01-01') });
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [
        15,
        `NetworkPolicy deny: spec.policyTypes[1]: policyType must be Ingress or Egress, not "Sideways"; ${REJECTED}`,
      ],
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'pod-not-isolated')).toEqual([]);
  });

  it('an AdminNetworkPolicy the API server would reject is an error at its field too', async () => {
    const p = file(
      'anp.yaml',
      `${WEB}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: too-low}
spec:
  priority: 5000
  subject: {namespaces: {}}
  ingress: [{action: Deny, from: [{namespaces: {}}]}]
`,
    );
    const result = await scan([p], { now: new Date('2026-01-01') });
    expect(result.errors).toEqual([
      {
        file: p,
        line: 14,
        column: 3,
        message: `AdminNetworkPolicy too-low: spec.priority: priority must be an integer from 0 to 1000; ${REJECTED}`,
      },
    ]);
  });
});
