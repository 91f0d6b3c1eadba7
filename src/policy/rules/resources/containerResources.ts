/**
 * What CPU and memory a container ends up with after admission-time defaulting,
 * without evaluating quantities:
 *  - a request that is missing takes the container's own limit (`SetDefaults_Pod`);
 *  - a LimitRange of type `Container` in the namespace fills missing limits from `default`
 *    (itself defaulted from `max`) and missing requests from `defaultRequest` (defaulted from
 *    `default`, then `min`) — `SetDefaults_LimitRangeItem`, applied by the LimitRanger plugin;
 *  - pod-level `spec.resources` (PodLevelResources, beta in 1.34) bounds every container.
 */
import type { Workload } from '../../../k8s/inventory.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import type { PodContainerOptions } from '../../../k8s/podContainers.js';
import type { ContainerRef } from '../../../k8s/podSpec.js';
import { asArray, asRecord, isRecord } from '../../../k8s/shape.js';

export type ResourceName = 'cpu' | 'memory';

interface NamespaceDefaults {
  readonly limits: ReadonlySet<string>;
  readonly requests: ReadonlySet<string>;
}

const byModel = new WeakMap<ClusterModelIndex, Map<string, NamespaceDefaults>>();

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

/** The resources a namespace's LimitRanges default for containers. */
export function limitRangeDefaults(model: ClusterModelIndex, namespace: string): NamespaceDefaults {
  let cache = byModel.get(model);
  if (cache === undefined) {
    cache = new Map();
    byModel.set(model, cache);
  }
  const hit = cache.get(namespace);
  if (hit) return hit;
  const limits = new Set<string>();
  const requests = new Set<string>();
  for (const lr of model.limitRangesIn(namespace)) {
    for (const raw of asArray(asRecord(lr.object.spec)?.limits)) {
      const item = asRecord(raw);
      if (item?.type !== 'Container') continue;
      const defaults = [...keysOf(item.default), ...keysOf(item.max)];
      for (const k of defaults) limits.add(k);
      for (const k of [...keysOf(item.defaultRequest), ...defaults, ...keysOf(item.min)]) requests.add(k);
    }
  }
  const out = { limits, requests };
  cache.set(namespace, out);
  return out;
}

export interface EffectiveResources {
  hasLimit(name: ResourceName): boolean;
  hasRequest(name: ResourceName): boolean;
}

/** Whether a container's limit and request of each resource are set after defaulting. */
export function effectiveResources(
  model: ClusterModelIndex,
  workload: Workload,
  container: ContainerRef,
): EffectiveResources {
  const own = asRecord(container.container.resources);
  const limits = asRecord(own?.limits);
  const requests = asRecord(own?.requests);
  const pod = asRecord(workload.template.spec.resources);
  const podLimits = asRecord(pod?.limits);
  const podRequests = asRecord(pod?.requests);
  const defaults = limitRangeDefaults(model, workload.namespace);
  const set = (map: Record<string, unknown> | undefined, name: string): boolean =>
    map?.[name] !== undefined && map[name] !== null;
  const hasLimit = (name: ResourceName): boolean =>
    set(limits, name) || set(podLimits, name) || defaults.limits.has(name);
  return {
    hasLimit,
    hasRequest: (name) =>
      set(requests, name) || set(podRequests, name) || hasLimit(name) || defaults.requests.has(name),
  };
}

/** Containers whose resources Kubernetes accounts for: init and regular ones (ephemeral containers may not set resources). */
export const ACCOUNTED_CONTAINERS: PodContainerOptions = Object.freeze({ withoutEphemeral: true });
