/**
 * The Pod Security Admission roll-out plan: for every namespace, the strictest level
 * (privileged < baseline < restricted) it can be labelled with today without rejecting
 * any of its workloads, and what exactly blocks the next level up.
 *
 * Workload templates are evaluated as the Pods they will create: the API server applies
 * Pod defaulting (hostPort in hostNetwork pods) to those Pods, and it is the Pods that
 * `enforce` rejects.
 */
import type { Inventory, Workload } from '../k8s/inventory.js';
import type { ResourceRef, SourceRef } from '../k8s/resource.js';
import { evaluatePodSecurity } from './evaluate.js';
import type { CheckId, PssLevel } from './types.js';
import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL } from './namespaceLabels.js';
import type { PolicyVersion } from './version.js';

export interface PlanBlockingCheck {
  readonly checkId: CheckId;
  readonly reason: string;
  readonly detail: string;
  /** Containers at fault (empty for pod-level settings). */
  readonly containers: readonly string[];
}

export interface PlanBlocker {
  readonly resource: ResourceRef;
  readonly source: SourceRef;
  readonly checks: readonly PlanBlockingCheck[];
}

export interface NamespacePlan {
  readonly namespace: string;
  readonly workloads: number;
  /** The Namespace object's current enforce labels, when the object is in the input and labelled. */
  readonly currentEnforce?: { readonly level: string; readonly version?: string };
  /** True when a Namespace object for it is in the input. */
  readonly declared: boolean;
  /** The strictest level at which none of its workloads is rejected. */
  readonly strictest: PssLevel;
  /** The level above `strictest`; absent when that is already restricted. */
  readonly next?: 'baseline' | 'restricted';
  /** The workloads the next level would reject, with the checks that reject them. */
  readonly blockers: readonly PlanBlocker[];
}

export interface PssPlan {
  readonly version: PolicyVersion;
  readonly namespaces: readonly NamespacePlan[];
}

function blockingChecks(
  w: Workload,
  level: 'baseline' | 'restricted',
  version: PolicyVersion,
): PlanBlockingCheck[] {
  const result = evaluatePodSecurity(w.template.metadata, w.template.spec, {
    level,
    version,
    specPath: w.template.specPath,
    metadataPath: w.template.metadataPath,
    defaultHostPorts: true,
  });
  return result.violations.map((v) => ({
    checkId: v.checkId,
    reason: v.reason,
    detail: v.detail,
    containers: [...new Set(v.items.flatMap((i) => (i.container !== undefined ? [i.container] : [])))],
  }));
}

/** The plan for every namespace of the inventory, sorted by name. */
export function planPodSecurity(inventory: Inventory, version: PolicyVersion): PssPlan {
  const byNamespace = new Map<string, Workload[]>();
  for (const ns of inventory.namespaces()) byNamespace.set(ns, []);
  for (const w of inventory.workloads()) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const namespaces: NamespacePlan[] = [];
  for (const [namespace, workloads] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    namespaces.push(planNamespace(inventory, namespace, workloads, version));
  }
  return { version, namespaces };
}

function planNamespace(
  inventory: Inventory,
  namespace: string,
  workloads: readonly Workload[],
  version: PolicyVersion,
): NamespacePlan {
  const ns = inventory.get('Namespace', undefined, namespace);
  const level = ns?.labels[ENFORCE_LABEL];
  const levelVersion = ns?.labels[ENFORCE_VERSION_LABEL];
  const current =
    level !== undefined
      ? { level, ...(levelVersion !== undefined ? { version: levelVersion } : {}) }
      : undefined;
  const base = {
    namespace,
    workloads: workloads.length,
    declared: ns !== undefined,
    ...(current !== undefined ? { currentEnforce: current } : {}),
  };

  const blockersAt = (lvl: 'baseline' | 'restricted'): PlanBlocker[] => {
    const out: PlanBlocker[] = [];
    for (const w of workloads) {
      const checks = blockingChecks(w, lvl, version);
      if (checks.length > 0) out.push({ resource: w.resource.ref, source: w.resource.source, checks });
    }
    return out;
  };

  const baselineBlockers = blockersAt('baseline');
  if (baselineBlockers.length > 0) {
    return { ...base, strictest: 'privileged', next: 'baseline', blockers: baselineBlockers };
  }
  const restrictedBlockers = blockersAt('restricted');
  if (restrictedBlockers.length > 0) {
    return { ...base, strictest: 'baseline', next: 'restricted', blockers: restrictedBlockers };
  }
  return { ...base, strictest: 'restricted', blockers: [] };
}
