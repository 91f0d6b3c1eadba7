/**
 * A pod's identity: which ServiceAccount its pods run as, and whether its token is mounted.
 *
 * - The API server fills `serviceAccountName` from the deprecated `serviceAccount` when only the
 *   latter is set (core/v1 conversion), and the ServiceAccount admission plugin uses `default`
 *   when neither is set.
 * - The token is mounted unless the pod spec sets `automountServiceAccountToken: false`, or leaves
 *   it unset and the ServiceAccount sets it to false; the pod's setting wins over the SA's
 *   (ServiceAccount admission plugin; RBAC good practices, "Hardening").
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Workload } from '../../../k8s/inventory.js';
import { podServiceAccountName } from '../../../k8s/podIdentity.js';
import type { V1ServiceAccount } from '@kubernetes/client-node';
import type { WholeObject } from '../../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';

export interface PodServiceAccount {
  readonly namespace: string;
  readonly name: string;
  /** Path of the field that names it, or of `serviceAccountName` where it is missing. */
  readonly path: FieldPath;
  /** The field that names it; undefined when neither is set and the pods run as `default`. */
  readonly field?: 'serviceAccountName' | 'serviceAccount';
}

export function podServiceAccount(workload: Workload): PodServiceAccount {
  return { namespace: workload.namespace, ...podServiceAccountName(workload.template) };
}

export interface TokenMount {
  readonly mounted: boolean;
  /** Who decided: the pod spec, the ServiceAccount in the input, or nobody (SA not in the input: mounted by default). */
  readonly decidedBy: 'pod' | 'serviceAccount' | 'unknown';
  /** `spec.automountServiceAccountToken` of the pod template, set or not. */
  readonly podPath: FieldPath;
  readonly serviceAccount?: WholeObject<V1ServiceAccount>;
}

/** Whether the pods get the ServiceAccount's API token (YAML 1.1 `no` already reads as false). */
export function tokenMount(workload: Workload, model: ClusterModelIndex): TokenMount {
  const { spec, specPath } = workload.template;
  const podPath = [...specPath, 'automountServiceAccountToken'];
  const pod = spec.automountServiceAccountToken;
  if (typeof pod === 'boolean') return { mounted: pod, decidedBy: 'pod', podPath };
  const sa = podServiceAccount(workload);
  const account = model.serviceAccount(sa.namespace, sa.name);
  if (account === undefined) return { mounted: true, decidedBy: 'unknown', podPath };
  return {
    mounted: account.object.automountServiceAccountToken !== false,
    decidedBy: 'serviceAccount',
    podPath,
    serviceAccount: account,
  };
}
