/**
 * Baseline `seccompProfile_baseline` (policy/check_seccompProfile_baseline.go).
 * v1.0–v1.18: the alpha annotations only — `seccomp.security.alpha.kubernetes.io/pod`
 * and `container.seccomp.security.alpha.kubernetes.io/<name>` of containers in the pod,
 * when present, must be `runtime/default`, `docker/default` or `localhost/…`.
 * v1.19+: the fields only — the pod's and each container's
 * `securityContext.seccompProfile.type`, when set, must be `RuntimeDefault` or `Localhost`.
 */
import type { JsonRecord } from '../../k8s/shape.js';
import { annotationPath, containerPath, recordField, specPath, stringField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, goQuote, joinQuote, pluralize, sortedSet } from '../wording.js';

const REASON = 'seccompProfile';
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(t: string): boolean {
  return t === 'Localhost' || t === 'RuntimeDefault';
}

function validAnnotationValue(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

function forbiddenAnnotations(values: readonly string[]): string {
  const sorted = sortedSet(values);
  return `forbidden ${pluralize('annotation', 'annotations', sorted.length)} ${sorted.join(', ')}`;
}

interface ForbiddenAnnotation {
  readonly key: string;
  readonly container?: string;
  /** `key="value"`, as upstream prints it. */
  readonly text: string;
}

function forbiddenAnnotation(
  annotations: JsonRecord,
  key: string,
  container: string | undefined,
): ForbiddenAnnotation | undefined {
  const v = annotations[key];
  if (typeof v !== 'string' || validAnnotationValue(v)) return undefined;
  return { key, ...(container !== undefined ? { container } : {}), text: `${key}=${goQuote(v)}` };
}

function seccompAnnotations(pod: PodView): CheckOutcome | undefined {
  const annotations = pod.annotations;
  if (annotations === undefined) return undefined;
  let found: ForbiddenAnnotation[] | undefined;
  const onPod = forbiddenAnnotation(annotations, POD_ANNOTATION, undefined);
  if (onPod !== undefined) (found ??= []).push(onPod);
  for (const c of pod.containers) {
    const f = forbiddenAnnotation(annotations, CONTAINER_ANNOTATION_PREFIX + c.name, c.name);
    if (f !== undefined) (found ??= []).push(f);
  }
  if (found === undefined) return undefined;
  return {
    reason: REASON,
    // A set upstream: a container name listed twice counts once.
    detail: forbiddenAnnotations(found.map((f) => f.text)),
    items: found.map((f) => ({
      ...(f.container !== undefined ? { container: f.container } : {}),
      path: annotationPath(pod, f.key),
      reason: REASON,
      detail: forbiddenAnnotations([f.text]),
    })),
  };
}

/** `<setters> must not set securityContext.seccompProfile.type to "Unconfined"`. */
export function mustNotSetSeccomp(setters: string, values: readonly string[]): string {
  return `${setters} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`;
}

/**
 * The pod and containers that explicitly set an invalid seccomp type — shared by the
 * baseline (v1.19) and restricted checks, which report them identically.
 */
export function explicitSeccompViolations(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let values: string[] | undefined;
  let podBad = false;
  const podProfile = recordField(pod.podSecurityContext, 'seccompProfile');
  if (podProfile !== undefined) {
    const t = stringField(podProfile, 'type');
    if (!validSeccompType(t)) {
      podBad = true;
      (values ??= []).push(t);
      (items ??= []).push({
        path: specPath(pod, 'securityContext', 'seccompProfile', 'type'),
        reason: REASON,
        detail: mustNotSetSeccomp('pod', [t]),
      });
    }
  }
  let badContainers: string[] | undefined;
  for (const c of pod.containers) {
    const profile = recordField(c.securityContext, 'seccompProfile');
    if (profile === undefined) continue;
    const t = stringField(profile, 'type');
    if (validSeccompType(t)) continue;
    (badContainers ??= []).push(c.name);
    (values ??= []).push(t);
    (items ??= []).push({
      container: c.name,
      path: containerPath(pod, c, 'securityContext', 'seccompProfile', 'type'),
      reason: REASON,
      detail: mustNotSetSeccomp(containersPhrase([c.name]), [t]),
    });
  }
  if (items === undefined) return undefined;
  const setters: string[] = [];
  if (podBad) setters.push('pod');
  if (badContainers !== undefined) setters.push(containersPhrase(badContainers));
  return { reason: REASON, detail: mustNotSetSeccomp(setters.join(' and '), values!), items };
}

export const seccompProfileBaselineCheck: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  revisions: [
    { minVersion: 0, evaluate: seccompAnnotations },
    { minVersion: 19, evaluate: explicitSeccompViolations },
  ],
};
