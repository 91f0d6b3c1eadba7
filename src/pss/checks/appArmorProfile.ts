/**
 * Baseline `appArmorProfile` (policy/check_appArmorProfile.go). The pod's and each
 * container's `securityContext.appArmorProfile.type`, when set, must be `RuntimeDefault`
 * or `Localhost`; every annotation whose key starts with
 * `container.apparmor.security.beta.kubernetes.io/` (whether or not a container has
 * that name) must be empty, `runtime/default` or `localhost/…`. The same rule at every
 * version.
 */
import { annotationPath, containerPath, recordField, specPath, stringField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { byteOrder, containersPhrase, goQuote, joinQuote, pluralize, sortedSet } from '../wording.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

function allowedAnnotation(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

function reasonFor(count: number): string {
  return pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', count);
}

function mustNot(setters: string, values: readonly string[]): string {
  return `${setters} must not set AppArmor profile type to ${joinQuote(values)}`;
}

function appArmorProfile(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let fieldValues: string[] | undefined;
  let podBad = false;

  const podProfile = recordField(pod.podSecurityContext, 'appArmorProfile');
  if (podProfile !== undefined) {
    const t = stringField(podProfile, 'type');
    if (!allowedType(t)) {
      podBad = true;
      (fieldValues ??= []).push(t);
      (items ??= []).push(
        item('pod', undefined, specPath(pod, 'securityContext', 'appArmorProfile', 'type'), [t]),
      );
    }
  }

  let badContainers: string[] | undefined;
  for (const c of pod.containers) {
    const profile = recordField(c.securityContext, 'appArmorProfile');
    if (profile === undefined) continue;
    const t = stringField(profile, 'type');
    if (allowedType(t)) continue;
    (badContainers ??= []).push(c.name);
    (fieldValues ??= []).push(t);
    (items ??= []).push(
      item(
        containersPhrase([c.name]),
        c.name,
        containerPath(pod, c, 'securityContext', 'appArmorProfile', 'type'),
        [t],
      ),
    );
  }

  let annotationValues: string[] | undefined;
  if (pod.annotations !== undefined) {
    for (const key in pod.annotations) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = pod.annotations[key];
      if (typeof value !== 'string' || allowedAnnotation(value)) continue;
      const text = `${key}=${goQuote(value)}`;
      (annotationValues ??= []).push(text);
      (items ??= []).push(item('annotation', undefined, annotationPath(pod, key), [text]));
    }
  }

  if (items === undefined) return undefined;
  const setters: string[] = [];
  if (podBad) setters.push('pod');
  if (badContainers !== undefined) setters.push(containersPhrase(badContainers));
  const values = fieldValues !== undefined ? sortedSet(fieldValues) : [];
  if (annotationValues !== undefined) {
    annotationValues.sort(byteOrder);
    setters.push(pluralize('annotation', 'annotations', annotationValues.length));
    values.push(...annotationValues);
  }
  return { reason: reasonFor(values.length), detail: mustNot(setters.join(' and '), values), items };
}

function item(
  setter: string,
  container: string | undefined,
  path: ViolationItem['path'],
  values: readonly string[],
): ViolationItem {
  return {
    ...(container !== undefined ? { container } : {}),
    path,
    reason: reasonFor(values.length),
    detail: mustNot(setter, values),
  };
}

export const appArmorProfileCheck: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: appArmorProfile }],
};
