/**
 * Pod-spec extraction for every workload kind, and the containers of a pod spec.
 *
 * Where the pod template lives follows the API (and pod-security-admission's
 * `DefaultPodSpecExtractor`): `spec` of a Pod; `template` of a PodTemplate;
 * `spec.template` of ReplicationController, ReplicaSet, Deployment, DaemonSet,
 * StatefulSet and Job; `spec.jobTemplate.spec.template` of a CronJob.
 */
import type { FieldPath } from './fieldPath.js';
import { asArray, asRecord, asString, getIn, isRecord, type JsonRecord } from './shape.js';

/** Kinds that carry a pod spec (DESIGN.md "Workload"). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'PodTemplate',
]);

const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function isWorkloadKind(kind: string): boolean {
  return WORKLOAD_KINDS.has(kind);
}

/** A pod template inside a workload: its metadata and spec, with their paths in the enclosing object. */
export interface PodTemplate {
  readonly metadata: JsonRecord;
  readonly metadataPath: FieldPath;
  readonly spec: JsonRecord;
  readonly specPath: FieldPath;
  /** Labels of the pods this template creates (for a Pod, its own labels). */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

const EMPTY: JsonRecord = Object.freeze({});

/**
 * The pod template of a workload, or undefined for other kinds. `extraKinds` maps
 * custom kinds (e.g. `Rollout` of Argo Rollouts) to the path of their template.
 */
export function podTemplateOf(
  object: JsonRecord,
  kind: string,
  extraKinds?: Readonly<Record<string, FieldPath>>,
): PodTemplate | undefined {
  const base = TEMPLATE_PATHS[kind] ?? extraKinds?.[kind];
  if (base === undefined) return undefined;
  const holder = base.length === 0 ? object : asRecord(getIn(object, base));
  const spec = asRecord(holder?.spec);
  if (spec === undefined) return undefined;
  const metadata = asRecord(holder?.metadata) ?? EMPTY;
  return {
    metadata,
    metadataPath: [...base, 'metadata'],
    spec,
    specPath: [...base, 'spec'],
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
  };
}

function stringMap(value: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export type ContainerListName = 'initContainers' | 'containers' | 'ephemeralContainers';

/** The order pod-security-admission visits containers in. */
export const CONTAINER_LISTS: readonly ContainerListName[] = [
  'initContainers',
  'containers',
  'ephemeralContainers',
];

export interface ContainerRef {
  readonly container: JsonRecord;
  readonly name: string;
  readonly list: ContainerListName;
  readonly index: number;
  /** Absolute path of the container in the enclosing object. */
  readonly path: FieldPath;
}

/** Every container of a pod spec: init containers, containers, then ephemeral containers. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = asArray(template.spec[list]);
    for (let index = 0; index < items.length; index++) {
      const container = asRecord(items[index]);
      if (container === undefined) continue;
      out.push({
        container,
        name: asString(container.name) ?? `${list}[${index}]`,
        list,
        index,
        path: [...template.specPath, list, index],
      });
    }
  }
  return out;
}

/** True when `spec.os.name` is `windows` (PSA's definition of a Windows pod). */
export function isWindowsPod(spec: JsonRecord): boolean {
  return getIn(spec, ['os', 'name']) === 'windows';
}

/** True when `spec.hostUsers` is present and false (PSA's definition of a user-namespaced pod). */
export function isUserNamespacedPod(spec: JsonRecord): boolean {
  return spec.hostUsers === false;
}
