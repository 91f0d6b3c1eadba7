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
import type { Inventory, Workload } from '../k8s/inventory.js';
import type { Resource, SourceRef } from '../k8s/resource.js';
import { asArray, asRecord, asString } from '../k8s/shape.js';
import type { Finding, SuppressedFinding } from './types.js';

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → core ``). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The workload's controller when it is a workload of the input (see the module comment). */
export function controllerOf(resource: Resource, inventory: Inventory): Resource | undefined {
  const metadata = asRecord(resource.object.metadata);
  for (const entry of asArray(metadata?.ownerReferences)) {
    const ref = asRecord(entry);
    if (ref?.controller !== true) continue;
    const kind = asString(ref.kind);
    const name = asString(ref.name);
    if (kind === undefined || name === undefined) return undefined;
    const owner = inventory.get(kind, inventory.namespaceOf(resource), name);
    if (owner === undefined || inventory.workloadOf(owner) === undefined) return undefined;
    const apiVersion = asString(ref.apiVersion);
    if (apiVersion !== undefined && groupOf(apiVersion) !== groupOf(owner.ref.apiVersion)) return undefined;
    const uid = asString(ref.uid);
    const ownerUid = asString(asRecord(owner.object.metadata)?.uid);
    if (uid !== undefined && ownerUid !== undefined && uid !== ownerUid) return undefined;
    return owner;
  }
  return undefined;
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
function keysOf(f: Finding, w: Workload): string[] {
  const base = `${f.ruleId}\u0000${f.container ?? ''}\u0000`;
  const path = f.pathSegments;
  const keys: string[] = [];
  const add = (tag: string, prefix: FieldPath): void => {
    if (startsWith(path, prefix)) keys.push(`${base}${tag}${JSON.stringify(path.slice(prefix.length))}`);
  };
  add('s', w.template.specPath);
  add('t', w.template.metadataPath);
  add('m', OWN_METADATA);
  return keys;
}

const REVISION = 'deployment.kubernetes.io/revision';

/**
 * An old ReplicaSet of its Deployment: another revision than the Deployment's (the
 * annotation the Deployment controller sets on both), or — without the annotations —
 * scaled to zero while the Deployment is not.
 */
function isOldRevision(r: Resource, controller: Resource): boolean {
  if (r.ref.kind !== 'ReplicaSet' || controller.ref.kind !== 'Deployment') return false;
  const mine = r.annotations[REVISION];
  const current = controller.annotations[REVISION];
  if (mine !== undefined && current !== undefined) return mine !== current;
  return asRecord(r.object.spec)?.replicas === 0 && asRecord(controller.object.spec)?.replicas !== 0;
}

function describe(r: Resource): string {
  return `${r.ref.kind} ${r.ref.namespace !== undefined ? `${r.ref.namespace}/` : ''}${r.ref.name}`;
}

/**
 * Moves the findings that controlled workloads repeat from their controllers into
 * `suppressed` (in place; order otherwise kept). Costs one pass over the workloads when
 * no workload has an owner in the input, as in nearly every set of manifests.
 */
export function suppressRepeatedFindings(
  inventory: Inventory,
  findings: Finding[],
  suppressed: SuppressedFinding[],
): void {
  const controllerByWorkload = new Map<Resource, Resource>();
  for (const w of inventory.workloads()) {
    if (asRecord(w.resource.object.metadata)?.ownerReferences === undefined) continue;
    const controller = controllerOf(w.resource, inventory);
    if (controller !== undefined && controller !== w.resource)
      controllerByWorkload.set(w.resource, controller);
  }
  if (controllerByWorkload.size === 0) return;

  // the findings of each controller, reported or suppressed, as keys
  const bySource = new Map<SourceRef, Resource>();
  const controllerKeys = new Map<Resource, Set<string>>();
  for (const [dependent, controller] of controllerByWorkload) {
    bySource.set(dependent.source, dependent);
    bySource.set(controller.source, controller);
    controllerKeys.set(controller, new Set());
  }
  for (const f of [...findings, ...suppressed.map((s) => s.finding)]) {
    const r = bySource.get(f.source);
    const keys = r !== undefined ? controllerKeys.get(r) : undefined;
    if (keys === undefined) continue;
    for (const k of keysOf(f, inventory.workloadOf(r!)!)) keys.add(k);
  }

  let kept = 0;
  for (const f of findings) {
    const r = bySource.get(f.source);
    const controller = r !== undefined ? controllerByWorkload.get(r) : undefined;
    const keys = controller !== undefined ? controllerKeys.get(controller) : undefined;
    if (keys === undefined) findings[kept++] = f;
    else if (isOldRevision(r!, controller!)) {
      suppressed.push({
        finding: f,
        reason: `an old revision of ${describe(controller!)}, kept for rollbacks; it runs no pods`,
        by: 'controller',
      });
    } else if (keysOf(f, inventory.workloadOf(r!)!).some((k) => keys.has(k))) {
      suppressed.push({
        finding: f,
        reason: `repeats a finding of its controller ${describe(controller!)}, reported there`,
        by: 'controller',
      });
    } else findings[kept++] = f;
  }
  findings.length = kept;
}
