/**
 * Per workload, the identity its pods run as and what its token could do: the ServiceAccount,
 * whether the token is mounted (the pod's `automountServiceAccountToken` wins over the
 * ServiceAccount's; neither set, it is mounted — `ClusterModelIndex.tokenMount`), and the risky
 * accesses of that ServiceAccount's effective permissions (`riskyAccess.ts`).
 */
import type { ClusterModelIndex } from '../model/modelIndex.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { RbacIndex } from './rbacIndex.js';
import { riskyAccessOf, type RiskyAccessHit } from './riskyAccess.js';

export interface WorkloadIdentity {
  readonly workload: WorkloadSummary;
  readonly serviceAccount: string;
  readonly tokenMounted: boolean;
  /** Who decided the mount: the pod spec, the ServiceAccount object, or the API server's default. */
  readonly tokenDecidedBy: 'pod' | 'serviceAccount' | 'default';
  readonly risks: readonly RiskyAccessHit[];
}

export function workloadIdentities<S>(model: ClusterModelIndex, rbac: RbacIndex<S>): WorkloadIdentity[] {
  const risksBySa = new Map<string, readonly RiskyAccessHit[]>();
  return model.model.workloads.map((w) => {
    const key = `${w.namespace}/${w.serviceAccount}`;
    let risks = risksBySa.get(key);
    if (risks === undefined) {
      risks = riskyAccessOf(
        rbac,
        { kind: 'ServiceAccount', namespace: w.namespace, name: w.serviceAccount },
        w.namespace,
      );
      risksBySa.set(key, risks);
    }
    const mount = model.tokenMount(w);
    return {
      workload: w,
      serviceAccount: w.serviceAccount,
      tokenMounted: mount.mounted,
      tokenDecidedBy: mount.decidedBy === 'unknown' ? 'default' : mount.decidedBy,
      risks,
    };
  });
}
