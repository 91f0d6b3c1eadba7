import { describe, expect, it } from 'vitest';
import { ruleAppliesTo } from './evaluate.js';
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
