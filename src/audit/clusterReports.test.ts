import { describe, expect, it } from 'vitest';
import type { PolicyReport } from '../report/policyReport.js';
import { syncReports, type ReportApi, type StoredReport } from './clusterReports.js';

const report = (kind: PolicyReport['kind'], name: string, namespace?: string): PolicyReport => ({
  apiVersion: 'wgpolicyk8s.io/v1alpha2',
  kind,
  metadata: {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    labels: { 'app.kubernetes.io/managed-by': 'kubeward' },
  },
  summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
  results: [],
});

describe('PolicyReports written to the cluster', () => {
  it('creates the new reports, replaces the ones there with the version read, empties the ones gone (never deletes)', async () => {
    const calls: string[] = [];
    const bodies: PolicyReport[] = [];
    const stored: StoredReport[] = [
      { kind: 'PolicyReport', namespace: 'shop', name: 'kubeward', resourceVersion: '41' },
      { kind: 'PolicyReport', namespace: 'shop', name: 'kubeward-2', resourceVersion: '42' },
      { kind: 'ClusterPolicyReport', name: 'kubeward-cluster', resourceVersion: '43' },
    ];
    const api: ReportApi = {
      list: (kind) => Promise.resolve(stored.filter((s) => s.kind === kind)),
      create: (r) =>
        Promise.resolve(void calls.push(`create ${r.kind} ${r.metadata.namespace ?? ''}/${r.metadata.name}`)),
      replace: (r, rv) =>
        Promise.resolve(bodies.push(r)).then(
          () =>
            void calls.push(`replace ${r.kind} ${r.metadata.namespace ?? ''}/${r.metadata.name} at ${rv}`),
        ),
    };
    const done = await syncReports(api, [
      report('ClusterPolicyReport', 'kubeward-cluster'),
      report('PolicyReport', 'kubeward', 'shop'),
      report('PolicyReport', 'kubeward', 'kube-system'),
    ]);
    expect(calls).toEqual([
      'replace ClusterPolicyReport /kubeward-cluster at 43',
      'replace PolicyReport shop/kubeward at 41',
      'create PolicyReport kube-system/kubeward',
      'replace PolicyReport shop/kubeward-2 at 42',
    ]);
    expect(done).toEqual({ created: 1, replaced: 2, emptied: 1 });
    expect(bodies[2]).toEqual(report('PolicyReport', 'kubeward-2', 'shop'));
  });
});
