/** The `kubectl apply` copy of an object kept in its own metadata. */
import { asRecord, type JsonRecord } from '../../../k8s/shape.js';

/** Written by client-side `kubectl apply` (k8s.io/kubectl pkg/util/apply, `corev1.LastAppliedConfigAnnotation`). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The annotation's object, or undefined when absent or not a JSON object (bad input is no finding, not a crash). */
export function lastAppliedObject(annotations: Readonly<Record<string, string>>): JsonRecord | undefined {
  const raw = annotations[LAST_APPLIED];
  if (raw === undefined) return undefined;
  try {
    return asRecord(JSON.parse(raw));
  } catch {
    return undefined;
  }
}
