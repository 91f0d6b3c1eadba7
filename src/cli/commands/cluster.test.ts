import { describe, expect, it } from 'vitest';
import type { ClusterRead } from '../../load/cluster/read.js';
import { scanCluster } from '../../scan.js';
import { renderClusterReport } from './cluster.js';

const read = (context: string, objects: ClusterRead['objects']): ClusterRead => ({
  context,
  server: `https://${context}.example.com:6443`,
  readAt: '2026-12-03T12:00:00.000Z',
  secretMetadata: false,
  objects,
  notVisible: [],
  errors: [],
  requests: 0,
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', uid: 'u1', resourceVersion: '7' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] },
};

async function json(reads: ClusterRead[]): Promise<Record<string, unknown>> {
  const results = reads.map((r) => scanCluster(r, { workers: 0, only: ['privileged-container'] }));
  const chunks = await renderClusterReport('json', reads, results, { color: false, cwd: '/' });
  return JSON.parse([...chunks].join('')) as Record<string, unknown>;
}

describe('the JSON report of clusters', () => {
  it('keys every finding by cluster and sums the summary over the clusters', async () => {
    const report = await json([read('prod', [pod]), read('staging', []), read('dev', [pod])]);
    const findings = report.findings as { cluster: string; ruleId: string; location: { file: string } }[];
    expect(findings.map((f) => [f.cluster, f.ruleId, f.location.file])).toEqual([
      ['prod', 'privileged-container', 'cluster:prod/shop/Pod/web'],
      ['dev', 'privileged-container', 'cluster:dev/shop/Pod/web'],
    ]);
    expect(report.summary).toEqual({ critical: 2, high: 0, medium: 0, low: 0, info: 0 });
    expect(
      (report.clusters as { context: string; summary: { critical: number } }[]).map((c) => [
        c.context,
        c.summary.critical,
      ]),
    ).toEqual([
      ['prod', 1],
      ['staging', 0],
      ['dev', 1],
    ]);
    expect(report.suppressed).toEqual([]);
  });

  it('is valid JSON with no finding at all', async () => {
    const report = await json([read('staging', [])]);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
  });
});
