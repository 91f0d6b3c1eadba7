/**
 * The seccomp and AppArmor profile a container runs with, from the securityContext
 * fields (through `effectiveSecurityContext`) and the legacy annotations that still
 * decide the profile when no field is set.
 *
 * seccomp — the kubelet reads only the fields (kuberuntime `getSeccompProfile`:
 * container field, else pod field), but the API server copies a legacy annotation
 * into the empty field when the pod is created (pod strategy
 * `applySeccompVersionSkew`): `container.seccomp.security.alpha.kubernetes.io/<name>`
 * into the container's field, `seccomp.security.alpha.kubernetes.io/pod` into the
 * pod's. Hence the order: container field, container annotation, pod field, pod
 * annotation.
 *
 * AppArmor — the kubelet's `apparmor.GetProfile` takes the container field, then
 * the `container.apparmor.security.beta.kubernetes.io/<name>` annotation, then the
 * pod field. There is no pod-wide AppArmor annotation.
 *
 * Annotation values the API server does not translate (anything but the ones below)
 * set nothing, so the next source decides.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { ContainerRef, PodTemplate } from '../../../k8s/podSpec.js';
import type { EffectiveSecurityContext, Sourced } from '../../../k8s/securityContext.js';
import { asString, type JsonRecord } from '../../../k8s/shape.js';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export type ProfileSource = 'container field' | 'container annotation' | 'pod field' | 'pod annotation';

export interface EffectiveProfile {
  /** The profile type (`RuntimeDefault`, `Localhost`, `Unconfined`, or an invalid value as written); undefined when the field has no `type`. */
  readonly type: string | undefined;
  /** Where it was set: the `type` field, or the annotation. */
  readonly path: FieldPath;
  readonly source: ProfileSource;
  /** For messages: `seccompProfile.type: Unconfined` or `annotation …: unconfined`. */
  readonly setting: string;
}

/** Legacy seccomp annotation value → field type (podutil `SeccompFieldForAnnotation`). */
function seccompTypeOfAnnotation(value: string): string | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (value === 'unconfined') return 'Unconfined';
  if (value.startsWith('localhost/')) return 'Localhost';
  return undefined;
}

/** Legacy AppArmor annotation value → field type (apparmor `getProfileFromPodAnnotations`). */
function appArmorTypeOfAnnotation(value: string): string | undefined {
  if (value === 'runtime/default') return 'RuntimeDefault';
  if (value === 'unconfined') return 'Unconfined';
  if (value.startsWith('localhost/')) return 'Localhost';
  return undefined;
}

function fromField(field: Sourced<JsonRecord>, name: string): EffectiveProfile {
  const type = asString(field.value.type);
  return {
    type,
    path: [...field.path, 'type'],
    source: field.level === 'container' ? 'container field' : 'pod field',
    setting: `${name}.type: ${type ?? '(unset)'}`,
  };
}

function fromAnnotation(
  template: PodTemplate,
  key: string,
  translate: (v: string) => string | undefined,
  source: ProfileSource,
): EffectiveProfile | undefined {
  const value = template.annotations[key];
  if (value === undefined) return undefined;
  const type = translate(value);
  if (type === undefined) return undefined;
  return {
    type,
    path: [...template.metadataPath, 'annotations', key],
    source,
    setting: `annotation ${key}: ${value}`,
  };
}

/** The seccomp profile a container runs with; undefined when nothing sets one. */
export function effectiveSeccompProfile(
  template: PodTemplate,
  c: ContainerRef,
  sc: EffectiveSecurityContext,
): EffectiveProfile | undefined {
  const field = sc.seccompProfile;
  if (field?.level === 'container') return fromField(field, 'seccompProfile');
  const containerAnnotation = fromAnnotation(
    template,
    SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name,
    seccompTypeOfAnnotation,
    'container annotation',
  );
  if (containerAnnotation) return containerAnnotation;
  if (field) return fromField(field, 'seccompProfile');
  return fromAnnotation(template, SECCOMP_POD_ANNOTATION, seccompTypeOfAnnotation, 'pod annotation');
}

/** The AppArmor profile a container runs with; undefined when nothing sets one (the runtime default applies). */
export function effectiveAppArmorProfile(
  template: PodTemplate,
  c: ContainerRef,
  sc: EffectiveSecurityContext,
): EffectiveProfile | undefined {
  const field = sc.appArmorProfile;
  if (field?.level === 'container') return fromField(field, 'appArmorProfile');
  const annotation = fromAnnotation(
    template,
    APPARMOR_CONTAINER_ANNOTATION_PREFIX + c.name,
    appArmorTypeOfAnnotation,
    'container annotation',
  );
  if (annotation) return annotation;
  return field ? fromField(field, 'appArmorProfile') : undefined;
}

/** `in the pod securityContext` / `in the container securityContext` / `by annotation`, for messages. */
export function describeSource(p: EffectiveProfile): string {
  switch (p.source) {
    case 'container field':
      return `${p.setting} in the container securityContext`;
    case 'pod field':
      return `${p.setting} in the pod securityContext`;
    default:
      return p.setting;
  }
}
