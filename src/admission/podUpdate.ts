/**
 * Which UPDATEs change what Pod Security decides. Pods are mostly immutable: Pod Security
 * Admission re-evaluates a pod only on a "significant" update (pod-security-admission
 * admission/admission.go `isSignificantPodUpdate` / `isSignificantContainerUpdate`): the
 * pod's seccomp annotation, the number of containers or init containers, a container's
 * image or seccomp annotation, an ephemeral container added or changed. Anything else
 * (labels, annotations, finalizers, status) is allowed without evaluation, so a pod that
 * predates a stricter label can still be relabelled or have its finalizer removed.
 * For workload kinds the same idea: an UPDATE that leaves the pod template as it was is
 * not evaluated (scaling, relabelling, removing a finalizer of a violating Deployment).
 */
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';
import type { PodTemplate } from '../k8s/podSpec.js';

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function annotationsOf(pod: JsonRecord): JsonRecord {
  return asRecord(asRecord(pod.metadata)?.annotations) ?? {};
}

function significantContainer(c: JsonRecord, old: JsonRecord, ann: JsonRecord, oldAnn: JsonRecord): boolean {
  if (c.image !== old.image) return true;
  const key = `${SECCOMP_CONTAINER_PREFIX}${asString(c.name) ?? ''}`;
  return ann[key] !== oldAnn[key];
}

function records(v: unknown): JsonRecord[] {
  return asArray(v).map((c) => asRecord(c) ?? {});
}

/** Upstream `isSignificantPodUpdate`, on decoded Pods. */
export function isSignificantPodUpdate(pod: JsonRecord, oldPod: JsonRecord): boolean {
  const ann = annotationsOf(pod);
  const oldAnn = annotationsOf(oldPod);
  if (ann[SECCOMP_POD_ANNOTATION] !== oldAnn[SECCOMP_POD_ANNOTATION]) return true;
  const spec = asRecord(pod.spec) ?? {};
  const oldSpec = asRecord(oldPod.spec) ?? {};
  for (const list of ['containers', 'initContainers']) {
    const now = records(spec[list]);
    const before = records(oldSpec[list]);
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++)
      if (significantContainer(now[i]!, before[i]!, ann, oldAnn)) return true;
  }
  const oldEphemeral = records(oldSpec.ephemeralContainers);
  for (const c of records(spec.ephemeralContainers)) {
    const old = oldEphemeral.find((o) => o.name === c.name);
    if (old === undefined || significantContainer(c, old, ann, oldAnn)) return true;
  }
  return false;
}

/** Structural equality of decoded JSON (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/** True when a workload UPDATE leaves the pod template's metadata and spec as they were. */
export function sameTemplate(now: PodTemplate, before: PodTemplate | undefined): boolean {
  return before !== undefined && jsonEqual(now.spec, before.spec) && jsonEqual(now.metadata, before.metadata);
}
