/**
 * Which workloads run pods. A `PodTemplate` object carries a pod spec but starts no
 * pod, so selectors (NetworkPolicy, Service) are matched against the other workload
 * kinds only (`ClusterModelIndex.podWorkloadsIn`, `workloadsSelectedBy`).
 */
import type { ResourceRef } from './resource.js';

/** True when a workload of this kind starts pods (every workload kind except PodTemplate). */
export function runsPods(ref: Pick<ResourceRef, 'kind'>): boolean {
  return ref.kind !== 'PodTemplate';
}
