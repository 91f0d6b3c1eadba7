import { describe, expect, it } from 'vitest';
import { Inventory } from '../k8s/inventory.js';
import { parseManifestText } from '../load/parse.js';
import { labelStatus, planJson, planPodSecurity, type NamespacePlan } from './plan.js';
import { LATEST, policyVersion } from './version.js';

function inventoryOf(yaml: string): Inventory {
  const parsed = parseManifestText(yaml, 'plan.yaml');
  expect(parsed.errors).toEqual([]);
  return new Inventory(parsed.resources);
}

const HARDENED = `
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: app
        image: app:1
        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}`;

const YAML = `
apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: payments}
spec:
  template:
    spec:${HARDENED}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - {name: web, image: nginx}
      - {name: side, image: envoy, securityContext: {allowPrivilegeEscalation: false}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent, ports: [{containerPort: 9100}]}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: ci}
`;

describe('planPodSecurity', () => {
  const plan = planPodSecurity(inventoryOf(YAML), LATEST);
  const ns = (name: string) => plan.namespaces.find((n) => n.namespace === name)!;

  it('lists every namespace of the input, sorted, including ones without workloads', () => {
    expect(plan.namespaces.map((n) => [n.namespace, n.workloads, n.declared])).toEqual([
      ['ci', 0, false],
      ['monitoring', 1, false],
      ['payments', 1, true],
      ['shop', 1, true],
    ]);
  });

  it('a namespace whose workloads pass restricted can enforce restricted, nothing blocks', () => {
    expect(ns('payments')).toEqual({
      namespace: 'payments',
      workloads: 1,
      declared: true,
      currentEnforce: { level: 'baseline', version: 'v1.30' },
      strictest: 'restricted',
      blockers: [],
    });
    expect(ns('ci').strictest).toBe('restricted');
  });

  it('names the workloads, checks and containers that block the next level', () => {
    const shop = ns('shop');
    expect(shop.strictest).toBe('baseline');
    expect(shop.next).toBe('restricted');
    expect(shop.currentEnforce).toEqual({ level: 'restricted' });
    expect(shop.blockers).toHaveLength(1);
    expect(shop.blockers[0]!.resource.name).toBe('web');
    expect(shop.blockers[0]!.checks.map((c) => [c.checkId, c.containers])).toEqual([
      ['allowPrivilegeEscalation', ['web']],
      ['capabilities_restricted', ['web', 'side']],
      ['runAsNonRoot', ['web', 'side']],
      ['seccompProfile_restricted', ['web', 'side']],
    ]);
  });

  it('evaluates templates as the Pods they create (hostPort defaulted in hostNetwork pods)', () => {
    const monitoring = ns('monitoring');
    expect(monitoring.strictest).toBe('privileged');
    expect(monitoring.next).toBe('baseline');
    expect(monitoring.blockers[0]!.checks.map((c) => `${c.reason} (${c.detail})`)).toEqual([
      'host namespaces (hostNetwork=true)',
      'hostPort (container "agent" uses hostPort 9100)',
    ]);
  });

  it('plans for the requested policy version', () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: old}
spec:
  securityContext: {runAsNonRoot: true}
  containers: [{name: app, image: app, securityContext: {allowPrivilegeEscalation: false}}]
`;
    // Before v1.19 restricted required no seccomp profile, before v1.22 no dropped capabilities.
    expect(planPodSecurity(inventoryOf(yaml), policyVersion(18)).namespaces[0]!.strictest).toBe('restricted');
    expect(planPodSecurity(inventoryOf(yaml), LATEST).namespaces[0]!.strictest).toBe('baseline');
  });
});

describe('labelStatus', () => {
  const plan = planPodSecurity(inventoryOf(YAML), LATEST);
  const ns = (name: string) => plan.namespaces.find((n) => n.namespace === name)!;
  const labelled = (level: string, strictest: NamespacePlan['strictest']): NamespacePlan => ({
    namespace: 'x',
    workloads: 1,
    declared: true,
    currentEnforce: { level },
    strictest,
    blockers: [],
  });

  it('compares the enforce label with the strictest level the workloads allow', () => {
    expect(labelStatus(ns('ci'))).toBe('unlabelled');
    expect(labelStatus(ns('payments'))).toBe('can-tighten'); // baseline label, restricted possible
    expect(labelStatus(ns('shop'))).toBe('rejects-workloads'); // restricted label, baseline at most
    expect(labelStatus(labelled('baseline', 'baseline'))).toBe('at-strictest');
  });

  it('reads an unparseable level as Pod Security Admission enforces it: restricted', () => {
    expect(labelStatus(labelled('strict', 'restricted'))).toBe('at-strictest');
    expect(labelStatus(labelled('strict', 'baseline'))).toBe('rejects-workloads');
  });
});

describe('planJson', () => {
  it('writes each namespace with its label status and blockers, and the input errors', () => {
    const plan = planPodSecurity(inventoryOf(YAML), LATEST);
    const json = planJson(plan, [{ file: 'bad.yaml', line: 3, column: 1, message: 'invalid YAML' }]);
    expect(json.schemaVersion).toBe('1');
    expect(json.policyVersion).toBe('latest');
    expect(json.errors).toEqual([{ file: 'bad.yaml', line: 3, message: 'invalid YAML' }]);
    expect(json.namespaces.map((n) => [n.namespace, n.labelStatus, n.nextLevel])).toEqual([
      ['ci', 'unlabelled', null],
      ['monitoring', 'unlabelled', 'baseline'],
      ['payments', 'can-tighten', null],
      ['shop', 'rejects-workloads', 'restricted'],
    ]);
    expect(json.namespaces[1]).toEqual({
      namespace: 'monitoring',
      declared: false,
      currentEnforce: null,
      workloads: 1,
      strictestLevel: 'privileged',
      nextLevel: 'baseline',
      labelStatus: 'unlabelled',
      blockers: [
        {
          resource: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'monitoring', name: 'agent' },
          location: { file: 'plan.yaml', line: 37 }, // the document's `---`
          checks: [
            { id: 'hostNamespaces', reason: 'host namespaces', detail: 'hostNetwork=true', containers: [] },
            {
              id: 'hostPorts',
              reason: 'hostPort',
              detail: 'container "agent" uses hostPort 9100',
              containers: ['agent'],
            },
          ],
        },
      ],
    });
    expect(json.namespaces[2]!.currentEnforce).toEqual({ level: 'baseline', version: 'v1.30' });
  });
});
