import { describe, expect, it } from 'vitest';
import { TEST_SETTINGS } from '../../test/ruleTester.js';
import { Inventory } from '../k8s/inventory.js';
import { parseManifestText } from '../load/parse.js';
import { buildModelIndex } from '../model/build.js';
import { DEFAULT_CONFIG } from './config.js';
import { evaluate, ruleAppliesTo } from './evaluate.js';
import { podNotIsolated } from './rules/network/pod-not-isolated.js';
import type { RuleMeta } from './types.js';

function targeting(...targets: string[]): RuleMeta {
  return {
    id: 'test-rule',
    title: 'test rule',
    category: 'hygiene',
    severity: 'low',
    description: 'test',
    rationale: 'test',
    remediation: 'test',
    references: {},
    targets,
  };
}

describe('ruleAppliesTo', () => {
  it('a workload rule applies to every built-in kind with a pod template, PodTemplate included', () => {
    const rule = targeting('workload');
    const kinds = [
      'Pod',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'CronJob',
      'ReplicationController',
      'PodTemplate',
    ];
    expect(kinds.filter((k) => ruleAppliesTo(rule, k, []))).toEqual(kinds);
    expect(ruleAppliesTo(rule, 'Service', [])).toBe(false);
  });

  it('a workload rule applies to a custom kind only when it is one of the extra workload kinds', () => {
    const rule = targeting('workload');
    expect(ruleAppliesTo(rule, 'Rollout', [])).toBe(false);
    expect(ruleAppliesTo(rule, 'Rollout', ['Rollout'])).toBe(true);
  });

  it('a rule with named kinds applies to exactly those kinds, extra workload kinds notwithstanding', () => {
    const rule = targeting('RoleBinding', 'ClusterRoleBinding');
    expect(
      ['RoleBinding', 'ClusterRoleBinding', 'Role', 'Pod', 'Rollout'].map((k) =>
        ruleAppliesTo(rule, k, ['Rollout']),
      ),
    ).toEqual([true, true, false, false, false]);
  });
});

describe('evaluate() over a share of the input, with the model of the whole input', () => {
  const fileA = parseManifestText(
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`,
    'a.yaml',
  );
  const fileB = parseManifestText(
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
`,
    'b.yaml',
  );
  const options = {
    rules: [podNotIsolated],
    config: DEFAULT_CONFIG,
    settings: TEST_SETTINGS,
    now: new Date('2026-01-01T00:00:00Z'),
  };
  const shareA = new Inventory(fileA.resources);

  it('sees the NetworkPolicy of another file through the model: the Deployment is isolated', () => {
    const model = buildModelIndex([...fileA.resources, ...fileB.resources]);
    const result = evaluate(shareA, { ...options, model });
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('without that file, the model is the share alone and the Deployment is not isolated', () => {
    const result = evaluate(shareA, options);
    expect(result.findings.map((f) => [f.ruleId, f.resource.name, f.source.file, f.path, f.message])).toEqual(
      [
        [
          'pod-not-isolated',
          'web',
          'a.yaml',
          'spec.template.metadata.labels',
          'no NetworkPolicy in namespace "shop" selects pods labelled app=web: all ingress and egress traffic is allowed',
        ],
      ],
    );
  });
});
