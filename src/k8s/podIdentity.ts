/**
 * A pod's identity: which ServiceAccount its pods run as, from the pod template alone.
 *
 * The API server fills `serviceAccountName` from the deprecated `serviceAccount` when only
 * the latter is set (core/v1 conversion), and the ServiceAccount admission plugin uses
 * `default` when neither is set. Whether the token is mounted also depends on the
 * ServiceAccount object (`automountServiceAccountToken`), so it is decided where the
 * ServiceAccounts are known: the cluster model (src/model/).
 */
import type { FieldPath } from './fieldPath.js';
import type { PodTemplate } from './podSpec.js';
import { asString } from './shape.js';

export interface PodServiceAccountName {
  readonly name: string;
  /** Path of the field that names it, or of `serviceAccountName` where it is missing. */
  readonly path: FieldPath;
  /** The field that names it; undefined when neither is set and the pods run as `default`. */
  readonly field?: 'serviceAccountName' | 'serviceAccount';
}

export function podServiceAccountName(template: PodTemplate): PodServiceAccountName {
  const { spec, specPath } = template;
  const named = asString(spec.serviceAccountName);
  if (named !== undefined && named !== '') {
    return { name: named, path: [...specPath, 'serviceAccountName'], field: 'serviceAccountName' };
  }
  const deprecated = asString(spec.serviceAccount);
  if (deprecated !== undefined && deprecated !== '') {
    return { name: deprecated, path: [...specPath, 'serviceAccount'], field: 'serviceAccount' };
  }
  return { name: 'default', path: [...specPath, 'serviceAccountName'] };
}

/**
 * The pod spec's own `automountServiceAccountToken` when it is a boolean (YAML 1.1 `no`
 * already reads as false); undefined when the ServiceAccount decides.
 */
export function podTokenAutomount(template: PodTemplate): boolean | undefined {
  const v = template.spec.automountServiceAccountToken;
  return typeof v === 'boolean' ? v : undefined;
}
