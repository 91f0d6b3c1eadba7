import { describe, expect, it } from 'vitest';
import { TEST_SETTINGS } from '../../test/ruleTester.js';
import { scanTexts } from '../../test/scanTexts.js';
import { Inventory } from '../k8s/inventory.js';
import { parseManifestText } from '../load/parse.js';
import { buildModelIndex } from '../model/build.js';
import { DEFAULT_CONFIG } from './config.js';
import { suppressRepeatedFindings } from './controlled.js';
import { evaluate } from './evaluate.js';
import { BUILTIN_RULES } from './registry.js';
import type { Finding, SuppressedFinding } from './types.js';

const template = `
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: registry.example.com/web:1.4.2
          securityContext:
            privileged: true`;

const podSpec = (extra = '') => `
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.4.2
        securityContext:
          privileged: true${extra}`;

const pod = (name: string, ownerUid: string, extra = '') => `
- apiVersion: v1
  kind: Pod
  metadata:
    name: ${name}
    namespace: shop
    labels: {app: web, pod-template-hash: 5d9}
    ownerReferences:
    - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9, uid: ${ownerUid}, controller: true, blockOwnerDeletion: true}
  ${podSpec(extra).trimStart().replace(/^ {4}/gm, '  ')}`;

const deployment = `
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop, uid: d-1}
  spec:
    selector: {matchLabels: {app: web}}
    template:${template.replace(/^ {6}/gm, '        ')}`;

const replicaSet = `
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    name: web-5d9
    namespace: shop
    uid: rs-1
    ownerReferences:
    - {apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true, blockOwnerDeletion: true}
  spec:
    selector: {matchLabels: {app: web, pod-template-hash: 5d9}}
    template:${template.replace(/^ {6}/gm, '        ')}`;

const sidecar = `
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.0
        securityContext:
          privileged: true`;

const dump = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:${items.join('')}\n`;

function scanDump(text: string) {
  return scanTexts({ 'dump.yaml': text }, { rules: BUILTIN_RULES });
}

const onResource = (name: string, ruleId: string) => (f: { resource: { name: string }; ruleId: string }) =>
  f.resource.name === name && f.ruleId === ruleId;

describe('findings a controlled workload repeats from its controller', () => {
  it('are reported once, on the Deployment, when the dump holds the whole chain', () => {
    const result = scanDump(dump(pod('web-5d9-a', 'rs-1'), pod('web-5d9-b', 'rs-1'), deployment, replicaSet));
    const privileged = result.findings.filter((f) => f.ruleId === 'privileged-container');
    expect(privileged.map((f) => [f.resource.kind, f.resource.name, f.path])).toEqual([
      ['Deployment', 'web', 'spec.template.spec.containers[0].securityContext.privileged'],
    ]);
    const moved = result.suppressed.filter((s) => s.finding.ruleId === 'privileged-container');
    expect(moved.map((s) => [s.finding.resource.name, s.by, s.reason])).toEqual([
      [
        'web-5d9-a',
        'controller',
        'repeats a finding of its controller ReplicaSet shop/web-5d9, reported there',
      ],
      [
        'web-5d9-b',
        'controller',
        'repeats a finding of its controller ReplicaSet shop/web-5d9, reported there',
      ],
      ['web-5d9', 'controller', 'repeats a finding of its controller Deployment shop/web, reported there'],
    ]);
    // no pod-template finding is left on the ReplicaSet or the Pods, and none was lost
    const alone = scanDump(dump(deployment));
    const rules = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId).sort();
    expect(rules(result.findings.filter((f) => f.resource.kind === 'Deployment'))).toEqual(
      rules(alone.findings),
    );
    expect(result.findings.filter((f) => f.resource.kind === 'ReplicaSet')).toEqual([]);
    expect(
      result.findings.filter((f) => f.resource.kind === 'Pod').map((f) => [f.resource.name, f.ruleId]),
    ).toEqual([]);
  });

  it('keeps what only the live Pod has: a sidecar injected at admission', () => {
    const result = scanDump(dump(pod('web-5d9-a', 'rs-1', sidecar), deployment, replicaSet));
    const onPod = result.findings.filter((f) => f.resource.name === 'web-5d9-a');
    expect(
      onPod.filter((f) => f.ruleId === 'privileged-container').map((f) => [f.container, f.path]),
    ).toEqual([['istio-proxy', 'spec.containers[1].securityContext.privileged']]);
    expect(onPod.every((f) => f.container === 'istio-proxy')).toBe(true);
    expect(result.findings.some(onResource('web', 'privileged-container'))).toBe(true);
  });

  it('moves every finding of an old ReplicaSet the Deployment keeps for rollbacks', () => {
    const revision = (n: number) => `{deployment.kubernetes.io/revision: "${n}"}`;
    const current = deployment.replace('uid: d-1}', `uid: d-1, annotations: ${revision(2)}}`);
    const old = replicaSet
      .replace(/web-5d9/g, 'web-7f1')
      .replace('    uid: rs-1', `    uid: rs-0\n    annotations: ${revision(1)}`)
      .replace('  spec:\n', '  spec:\n    replicas: 0\n')
      .replace('      spec:\n', '      spec:\n          hostNetwork: true\n');
    const result = scanDump(dump(current, old));
    expect(result.findings.filter((f) => f.resource.name === 'web-7f1')).toEqual([]);
    const moved = result.suppressed.filter((s) => s.finding.resource.name === 'web-7f1');
    expect(moved.map((s) => s.finding.ruleId)).toContain('host-network');
    expect(new Set(moved.map((s) => s.reason))).toEqual(
      new Set(['an old revision of Deployment shop/web, kept for rollbacks; it runs no pods']),
    );
    // the current revision is no old one: what it repeats moves as a repeat, nothing else
    const live = scanDump(
      dump(current, replicaSet.replace('    uid: rs-1', `    uid: rs-1\n    annotations: ${revision(2)}`)),
    );
    expect(live.suppressed.map((s) => s.reason)).not.toContain(
      'an old revision of Deployment shop/web, kept for rollbacks; it runs no pods',
    );
    expect(live.suppressed.some((s) => s.finding.resource.name === 'web-5d9')).toBe(true);
  });

  it('changes nothing when the controller is not in the input, or is another object than the reference names', () => {
    const podOnly = scanDump(dump(pod('web-5d9-a', 'rs-1')));
    expect(podOnly.suppressed).toEqual([]);
    expect(podOnly.findings.filter(onResource('web-5d9-a', 'privileged-container'))).toHaveLength(1);

    // a ReplicaSet of the same name but another uid (e.g. from an older dump)
    const stale = scanDump(dump(pod('web-5d9-a', 'rs-0'), replicaSet, deployment));
    expect(stale.findings.filter(onResource('web-5d9-a', 'privileged-container'))).toHaveLength(1);
    expect(stale.suppressed.map((s) => s.finding.resource.name)).not.toContain('web-5d9-a');

    // an owner reference that does not mark the controller
    const notController = scanDump(
      dump(pod('web-5d9-a', 'rs-1').replace('controller: true', 'controller: false'), replicaSet, deployment),
    );
    expect(notController.findings.filter(onResource('web-5d9-a', 'privileged-container'))).toHaveLength(1);
  });
});

describe('suppressRepeatedFindings across shares of the input', () => {
  it('gives what one evaluation of the whole input gives, from findings evaluated file by file and copied between threads', () => {
    const files = {
      'deploy.yaml': dump(deployment),
      'rs.yaml': dump(replicaSet),
      'pods.yaml': dump(pod('web-5d9-a', 'rs-1', sidecar)),
    };
    const shares = Object.entries(files).map(([file, text]) => parseManifestText(text, file).resources);
    const all = shares.flat();
    const model = buildModelIndex(all);
    const options = {
      rules: BUILTIN_RULES,
      config: DEFAULT_CONFIG,
      settings: TEST_SETTINGS,
      now: new Date('2026-01-01T00:00:00Z'),
    };
    const whole = evaluate(new Inventory(all), options);

    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    for (const share of shares) {
      const part = evaluate(new Inventory(share), { ...options, model, dedupeControllers: false });
      // what postMessage does to them: no object is shared with the model any more
      findings.push(...structuredClone(part.findings));
      suppressed.push(...structuredClone(part.suppressed));
    }
    expect(suppressed).toEqual([]);
    suppressRepeatedFindings(model, findings, suppressed);
    expect(findings).toEqual(whole.findings);
    expect(suppressed).toEqual(whole.suppressed);
    expect(suppressed.map((s) => [s.finding.resource.name, s.finding.ruleId])).toContainEqual([
      'web-5d9-a',
      'privileged-container',
    ]);
  });
});
