import { describe, expect, it } from 'vitest';
import { clusterRole, input, rule } from './__fixtures__/rbacObjects.js';
import { aggregateClusterRoles } from './aggregation.js';
import { buildRbacIndex } from './rbacIndex.js';
import { policyRuleOf } from './ruleMatch.js';
import type { V1ClusterRole } from '@kubernetes/client-node';

const TO_ADMIN = { 'example.com/aggregate-to-admin': 'true' };
const TO_EDIT = { 'example.com/aggregate-to-edit': 'true' };
const TO_VIEW = { 'example.com/aggregate-to-view': 'true' };

const rulesOf = (roles: V1ClusterRole[], name: string) =>
  buildRbacIndex(input({ clusterRoles: roles }), { defaults: false }).clusterRoles.get(name)?.rules;
const p = (...args: Parameters<typeof rule>) => policyRuleOf(rule(...args));

describe('ClusterRole aggregation', () => {
  it('collects the rules of every role a selector matches, roles in name order, and ignores its own rules', () => {
    const roles = [
      clusterRole('my-view', [rule('get', '', 'secrets')], { aggregateFrom: [TO_VIEW] }),
      clusterRole('z-widgets', [rule('get', 'example.com', 'widgets')], { labels: TO_VIEW }),
      clusterRole('a-gadgets', [rule('get', 'example.com', 'gadgets')], { labels: TO_VIEW }),
      clusterRole('unlabelled', [rule('get', '', 'configmaps')]),
    ];
    expect(rulesOf(roles, 'my-view')).toEqual([
      p('get', 'example.com', 'gadgets'),
      p('get', 'example.com', 'widgets'),
    ]);
  });

  it('follows a chain view → edit → admin to its fixpoint, in any input order', () => {
    const roles = [
      clusterRole('admin-x', undefined, { aggregateFrom: [TO_ADMIN] }),
      clusterRole('edit-x', undefined, { aggregateFrom: [TO_EDIT], labels: TO_ADMIN }),
      clusterRole('view-x', undefined, { aggregateFrom: [TO_VIEW], labels: TO_EDIT }),
      clusterRole('view-part', [rule('get', '', 'pods')], { labels: TO_VIEW }),
      clusterRole('edit-part', [rule('create', '', 'pods')], { labels: TO_EDIT }),
      clusterRole('admin-part', [rule('create', 'rbac.authorization.k8s.io', 'rolebindings')], {
        labels: TO_ADMIN,
      }),
    ];
    const admin = [
      p('create', 'rbac.authorization.k8s.io', 'rolebindings'),
      p('create', '', 'pods'),
      p('get', '', 'pods'),
    ];
    expect(rulesOf(roles, 'admin-x')).toEqual(admin);
    expect(rulesOf([...roles].reverse(), 'admin-x')).toEqual(admin);
    expect(rulesOf(roles, 'edit-x')).toEqual([p('create', '', 'pods'), p('get', '', 'pods')]);
    expect(rulesOf(roles, 'view-x')).toEqual([p('get', '', 'pods')]);
  });

  it('follows a label change: a role that loses its label leaves the aggregate', () => {
    const aggregate = clusterRole('agg', undefined, { aggregateFrom: [TO_VIEW] });
    const labelled = clusterRole('part', [rule('get', '', 'pods')], { labels: TO_VIEW });
    const relabelled = clusterRole('part', [rule('get', '', 'pods')], {
      labels: { 'example.com/aggregate-to-view': 'false' },
    });
    expect(rulesOf([aggregate, labelled], 'agg')).toEqual([p('get', '', 'pods')]);
    expect(rulesOf([aggregate, relabelled], 'agg')).toEqual([]);
  });

  it('drops exact duplicate rules and keeps the first place of each', () => {
    const roles = [
      clusterRole('agg', undefined, { aggregateFrom: [TO_VIEW] }),
      clusterRole('a', [rule('get', '', 'pods'), rule('list', '', 'pods')], { labels: TO_VIEW }),
      clusterRole('b', [rule('list', '', 'pods'), rule('watch', '', 'pods')], { labels: TO_VIEW }),
    ];
    expect(rulesOf(roles, 'agg')).toEqual([
      p('get', '', 'pods'),
      p('list', '', 'pods'),
      p('watch', '', 'pods'),
    ]);
  });

  it('matches any of several selectors, selector by selector, and supports matchExpressions', () => {
    const roles: V1ClusterRole[] = [
      {
        metadata: { name: 'agg' },
        aggregationRule: {
          clusterRoleSelectors: [
            { matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold'] }] },
            { matchLabels: { team: 'x' } },
          ],
        },
      },
      clusterRole('by-team', [rule('get', '', 'services')], { labels: { team: 'x' } }),
      clusterRole('by-tier', [rule('get', '', 'pods')], { labels: { tier: 'gold' } }),
    ];
    expect(rulesOf(roles, 'agg')).toEqual([p('get', '', 'pods'), p('get', '', 'services')]);
  });

  it('skips the aggregated role itself even when it carries a matching label, and settles on a cycle', () => {
    const roles = [
      clusterRole('a', [rule('get', '', 'ignored')], { aggregateFrom: [TO_VIEW], labels: TO_VIEW }),
      clusterRole('b', undefined, { aggregateFrom: [TO_VIEW], labels: TO_VIEW }),
      clusterRole('c', [rule('get', '', 'pods')], { labels: TO_VIEW }),
    ];
    expect(rulesOf(roles, 'a')).toEqual([p('get', '', 'pods')]);
    expect(rulesOf(roles, 'b')).toEqual([p('get', '', 'pods')]);
  });

  it('reports an invalid selector and aggregates nothing for that role', () => {
    const result = aggregateClusterRoles([
      {
        name: 'agg',
        labels: {},
        selectors: [{ matchLabels: TO_VIEW }, { matchExpressions: [{ key: 'k', operator: 'In' }] }],
        rules: [],
      },
      { name: 'part', labels: TO_VIEW, selectors: undefined, rules: [p('get', '', 'pods')] },
    ]);
    expect(result.rules.get('agg')).toEqual([]);
    expect(result.problems).toEqual([
      {
        name: 'agg',
        path: 'aggregationRule.clusterRoleSelectors[1]',
        message:
          'invalid label selector (matchExpressions[0]: operator In needs at least one value): the role aggregates no rules',
      },
    ]);
  });

  it('an empty aggregationRule overwrites the written rules with none, as the controller does', () => {
    const roles: V1ClusterRole[] = [
      { metadata: { name: 'agg' }, aggregationRule: {}, rules: [rule('*', '*', '*')] },
    ];
    expect(rulesOf(roles, 'agg')).toEqual([]);
  });

  it('a CRD role labelled aggregate-to-edit silently widens the default edit role (A5)', () => {
    const index = buildRbacIndex(
      input({
        clusterRoles: [
          clusterRole('widgets-edit', [rule('*', 'example.com', 'widgets')], {
            labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
          }),
        ],
      }),
    );
    const has = (role: string) =>
      index.clusterRoles.get(role)!.rules.some((r) => r.apiGroups.includes('example.com'));
    expect([has('view'), has('edit'), has('admin')]).toEqual([false, true, true]);
  });
});
