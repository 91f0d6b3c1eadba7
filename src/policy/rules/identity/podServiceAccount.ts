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
import { podServiceAccountName, podTokenAutomount } from '../../../k8s/podIdentity.js';
import type { ClusterModelIndex, TokenMountDecision } from '../../../model/modelIndex.js';

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

export interface TokenMount extends TokenMountDecision {
  /** `spec.automountServiceAccountToken` of the pod template, set or not. */
  readonly podPath: FieldPath;
}

/** Whether the pods get the ServiceAccount's API token, as the model decides it (`ClusterModelIndex.tokenMount`). */
export function tokenMount(workload: Workload, model: ClusterModelIndex): TokenMount {
  const sa = podServiceAccount(workload);
  const automount = podTokenAutomount(workload.template);
  const decision = model.tokenMount({
    namespace: sa.namespace,
    serviceAccount: sa.name,
    ...(automount !== undefined ? { podAutomountToken: automount } : {}),
  });
  return { ...decision, podPath: [...workload.template.specPath, 'automountServiceAccountToken'] };
}
