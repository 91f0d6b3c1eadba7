/**
 * Findings that a controlled workload repeats from its controller.
 *
 * A cluster dump (`kubectl get deploy,rs,pods -A -o yaml`) holds a Deployment, the
 * ReplicaSet it made and the Pods that ReplicaSet made: one pod template in three
 * copies, so every pod-spec finding three times (or more, one per replica). Kubernetes
 * records the chain in `metadata.ownerReferences`, in the entry marked
 * `controller: true`. When the controller is in the input too, a finding of the
 * controlled workload that the controller also has — same rule, same container, same
 * place relative to the pod template (or to the object's own metadata) — is reported
 * once, on the controller; the copy moves to `suppressed` (`by: 'controller'`) and names
 * the controller. Whatever the controlled workload has alone stays a finding: a sidecar
 * an admission webhook injected into the live Pod, a field only the Pod sets, a rule
 * that anchors on the Pod. One exception: an old ReplicaSet of a Deployment — one the
 * Deployment keeps for rollbacks (`revisionHistoryLimit`), scaled to zero, its
 * `deployment.kubernetes.io/revision` not the Deployment's — runs no pod and describes a
 * template no longer deployed; all its findings move. A controller that is not in the input,
 * has another uid than the reference names, or another API group, changes nothing.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import { sourceKey } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import type { Finding, SuppressedFinding } from './types.js';

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → core ``). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The workload's controller when it is a workload of the input (see the module comment),
 * decided from the model alone: the workload's first owner reference marked `controller`.
 */
export function controllerOf(
  workload: WorkloadSummary,
  model: ClusterModelIndex,
): WorkloadSummary | undefined {
  const ref = workload.owners.find((o) => o.controller);
  if (ref === undefined) return undefined;
  const owner = model.workload(ref.kind, workload.namespace, ref.name);
  if (owner === undefined) return undefined;
  // the summary records a missing apiVersion as ''
  if (ref.apiVersion !== '' && groupOf(ref.apiVersion) !== groupOf(owner.ref.apiVersion)) return undefined;
  if (ref.uid !== undefined && owner.uid !== undefined && ref.uid !== owner.uid) return undefined;
  return owner;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

const OWN_METADATA: FieldPath = ['metadata'];

/**
 * What makes two findings of a pod template the same, whichever object holds the
 * template: rule, container, and the path after the template's spec (`s`), after the
 * template's metadata (`t`), or after the object's own metadata (`m`). A Pod's metadata
 * is both its template's and its own, so it has both keys.
 */
function keysOf(f: Finding, w: WorkloadSummary): string[] {
  const base = `${f.ruleId}\u0000${f.container ?? ''}\u0000`;
  const path = f.pathSegments;
  const keys: string[] = [];
  const add = (tag: string, prefix: FieldPath): void => {
    if (startsWith(path, prefix)) keys.push(`${base}${tag}${JSON.stringify(path.slice(prefix.length))}`);
  };
  add('s', w.specPath);
  add('t', w.metadataPath);
  add('m', OWN_METADATA);
  return keys;
}

/**
 * An old ReplicaSet of its Deployment: another revision than the Deployment's (the
 * `deployment.kubernetes.io/revision` annotation the Deployment controller sets on both),
 * or — without the annotations — scaled to zero while the Deployment is not.
 */
function isOldRevision(r: WorkloadSummary, controller: WorkloadSummary): boolean {
  if (r.ref.kind !== 'ReplicaSet' || controller.ref.kind !== 'Deployment') return false;
  if (r.revision !== undefined && controller.revision !== undefined)
    return r.revision !== controller.revision;
  return r.replicas === 0 && controller.replicas !== 0;
}

function describe(r: WorkloadSummary): string {
  return `${r.ref.kind} ${r.ref.namespace !== undefined ? `${r.ref.namespace}/` : ''}${r.ref.name}`;
}

/**
 * Moves the findings that controlled workloads repeat from their controllers into
 * `suppressed` (in place; order otherwise kept). Decides from the model alone, and matches
 * findings to workloads by their source (file, document, item), so the findings may come
 * from any thread. Costs one pass over the workloads when no workload has an owner in the
 * input, as in nearly every set of manifests.
 */
export function suppressRepeatedFindings(
  model: ClusterModelIndex,
  findings: Finding[],
  suppressed: SuppressedFinding[],
): void {
  const controllerByWorkload = new Map<WorkloadSummary, WorkloadSummary>();
  for (const w of model.model.workloads) {
    if (w.owners.length === 0) continue;
    const controller = controllerOf(w, model);
    if (controller !== undefined && sourceKey(controller.source) !== sourceKey(w.source))
      controllerByWorkload.set(w, controller);
  }
  if (controllerByWorkload.size === 0) return;

  // the findings of each controller, reported or suppressed, as keys
  const bySource = new Map<string, WorkloadSummary>();
  const controllerKeys = new Map<WorkloadSummary, Set<string>>();
  for (const [dependent, controller] of controllerByWorkload) {
    bySource.set(sourceKey(dependent.source), dependent);
    bySource.set(sourceKey(controller.source), controller);
    controllerKeys.set(controller, new Set());
  }
  for (const f of [...findings, ...suppressed.map((s) => s.finding)]) {
    const r = bySource.get(sourceKey(f.source));
    const keys = r !== undefined ? controllerKeys.get(r) : undefined;
    if (keys === undefined) continue;
    for (const k of keysOf(f, r!)) keys.add(k);
  }

  let kept = 0;
  for (const f of findings) {
    const r = bySource.get(sourceKey(f.source));
    const controller = r !== undefined ? controllerByWorkload.get(r) : undefined;
    const keys = controller !== undefined ? controllerKeys.get(controller) : undefined;
    if (keys === undefined) findings[kept++] = f;
    else if (isOldRevision(r!, controller!)) {
      suppressed.push({
        finding: f,
        reason: `an old revision of ${describe(controller!)}, kept for rollbacks; it runs no pods`,
        by: 'controller',
      });
    } else if (keysOf(f, r!).some((k) => keys.has(k))) {
      suppressed.push({
        finding: f,
        reason: `repeats a finding of its controller ${describe(controller!)}, reported there`,
        by: 'controller',
      });
    } else findings[kept++] = f;
  }
  findings.length = kept;
}
