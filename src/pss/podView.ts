/**
 * Narrows a pod's metadata and spec once per evaluation into the view every check
 * reads. The checks read the pod-level and container-level fields separately, as the
 * upstream checks do, rather than through `effectiveSecurityContext()`: PSS is defined
 * on what each level sets (a valid container seccomp profile does not excuse an
 * `Unconfined` pod-level one), and the merged view would allocate a path per field on
 * the admission hot path.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import { CONTAINER_LISTS, isUserNamespacedPod, isWindowsPod } from '../k8s/podSpec.js';
import { isRecord, type JsonRecord } from '../k8s/shape.js';
import type { ContainerView, PodView } from './types.js';

export interface PodViewOptions {
  readonly specPath?: FieldPath;
  readonly metadataPath?: FieldPath;
  readonly defaultHostPorts?: boolean;
}

const POD_SPEC_PATH: FieldPath = Object.freeze(['spec']);
const POD_METADATA_PATH: FieldPath = Object.freeze(['metadata']);
const EMPTY_SPEC: JsonRecord = Object.freeze({});

export function podView(metadata: unknown, spec: unknown, options: PodViewOptions = {}): PodView {
  const podSpec = isRecord(spec) ? spec : EMPTY_SPEC;
  const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : undefined;
  const containers: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    for (let index = 0; index < items.length; index++) {
      const container: unknown = items[index];
      if (!isRecord(container)) continue;
      const sc = container.securityContext;
      containers.push({
        container,
        securityContext: isRecord(sc) ? sc : undefined,
        name: typeof container.name === 'string' ? container.name : '',
        list,
        index,
      });
    }
  }
  const psc = podSpec.securityContext;
  return {
    annotations,
    spec: podSpec,
    podSecurityContext: isRecord(psc) ? psc : undefined,
    containers,
    specPath: options.specPath ?? POD_SPEC_PATH,
    metadataPath: options.metadataPath ?? POD_METADATA_PATH,
    defaultHostPorts: options.defaultHostPorts ?? true,
    windows: isWindowsPod(podSpec),
    userNamespaced: isUserNamespacedPod(podSpec),
  };
}

/** Absolute path of a field of a container: `spec.containers[0].securityContext.privileged`. */
export function containerPath(pod: PodView, c: ContainerView, ...rest: (string | number)[]): FieldPath {
  return [...pod.specPath, c.list, c.index, ...rest];
}

/** Absolute path of a field of the pod spec: `spec.securityContext.runAsNonRoot`. */
export function specPath(pod: PodView, ...rest: (string | number)[]): FieldPath {
  return [...pod.specPath, ...rest];
}

/** Absolute path of an annotation: `metadata.annotations["container.apparmor…/app"]`. */
export function annotationPath(pod: PodView, key: string): FieldPath {
  return [...pod.metadataPath, 'annotations', key];
}

/** A map-valued field of a record (`securityContext.seccompProfile`), undefined when unset or null. */
export function recordField(holder: JsonRecord | undefined, key: string): JsonRecord | undefined {
  const v = holder?.[key];
  return isRecord(v) ? v : undefined;
}

/** A string field, with Go's zero value `""` when unset. */
export function stringField(holder: JsonRecord | undefined, key: string): string {
  const v = holder?.[key];
  return typeof v === 'string' ? v : '';
}
