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
import type { InputError } from '../load/inputError.js';
import { evaluatePodSecurity } from './evaluate.js';
import type { CheckId, PssLevel } from './types.js';
import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL, enforcePolicyOf } from './namespaceLabels.js';
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

/**
 * The source line to show for a blocking workload. `pss plan` shows the line of `kind:`,
 * where the workload's document names what it is; without a locator, the document's line.
 */
export type LineOf = (blocker: PlanBlocker) => number;

export const DOCUMENT_LINE: LineOf = (b) => b.source.line;

/** How the namespace's current enforce label compares with the plan. */
export type LabelStatus = 'unlabelled' | 'can-tighten' | 'at-strictest' | 'rejects-workloads';

const RANK: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

export function labelStatus(ns: NamespacePlan): LabelStatus {
  if (ns.currentEnforce === undefined) return 'unlabelled';
  // Read the label as PSA does (an unparseable level is enforced as restricted).
  const current = enforcePolicyOf({ [ENFORCE_LABEL]: ns.currentEnforce.level })!.level;
  if (RANK[current] < RANK[ns.strictest]) return 'can-tighten';
  if (RANK[current] > RANK[ns.strictest]) return 'rejects-workloads';
  return 'at-strictest';
}

/** The JSON document of `pss plan -f json` (schemaVersion 1); the README documents it. */
export function planJson(plan: PssPlan, errors: readonly InputError[], lineOf: LineOf = DOCUMENT_LINE) {
  return {
    schemaVersion: '1',
    policyVersion: plan.version.text,
    namespaces: plan.namespaces.map((ns) => ({
      namespace: ns.namespace,
      declared: ns.declared,
      currentEnforce: ns.currentEnforce
        ? { level: ns.currentEnforce.level, version: ns.currentEnforce.version ?? 'latest' }
        : null,
      workloads: ns.workloads,
      strictestLevel: ns.strictest,
      nextLevel: ns.next ?? null,
      labelStatus: labelStatus(ns),
      blockers: ns.blockers.map((b) => ({
        resource: {
          apiVersion: b.resource.apiVersion,
          kind: b.resource.kind,
          namespace: ns.namespace,
          name: b.resource.name,
        },
        location: { file: b.source.file, line: lineOf(b) },
        checks: b.checks.map((c) => ({
          id: c.checkId,
          reason: c.reason,
          detail: c.detail,
          containers: c.containers,
        })),
      })),
    })),
    errors: errors.map((e) => ({
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      message: e.message,
    })),
  };
}
