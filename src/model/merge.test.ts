import { describe, expect, it } from 'vitest';
import type { WorkloadSummary } from './clusterModel.js';
import { mergeFragments } from './merge.js';
import { emptyFragment } from './summarise.js';

describe('mergeFragments', () => {
  it('merges a fragment of a million records (one file of a cluster dump) without spreading them into a call', () => {
    const one = { ref: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'p' } } as unknown as WorkloadSummary;
    const big = { ...emptyFragment(), workloads: new Array<WorkloadSummary>(1_000_000).fill(one) };
    const small = { ...emptyFragment(), workloads: [one] };
    const model = mergeFragments([big, small]);
    expect(model.workloads).toHaveLength(1_000_001);
  });
});
