/**
 * What one compromised workload holds, and what root on its node gives:
 *  - IDENTITY_ASSUME: its ServiceAccount's token, when mounted (`ClusterModelIndex.tokenMount`:
 *    the pod's `automountServiceAccountToken` wins over the ServiceAccount's, neither set → mounted);
 *  - VOLUME_ACCESS / SECRET_READ: the Secrets its pods are given (volumes, projected volumes,
 *    env, envFrom; image pull secrets stay with the kubelet);
 *  - container escapes to the node (reference/identity.md §2.2, KubeHound's preconditions):
 *    CE_PRIV_MOUNT (privileged), CE_NSENTER (privileged + hostPID), CE_MODULE_LOAD (privileged
 *    or SYS_MODULE), CE_SYS_PTRACE (hostPID + SYS_PTRACE + SYS_ADMIN; the model holds no AppArmor
 *    profile, so it is assumed not to stop ptrace), EXPLOIT_CONTAINERD_SOCK (a runtime socket or
 *    a folder holding one, even read-only), EXPLOIT_HOST_WRITE (a writable hostPath outside the
 *    safe list), EXPLOIT_HOST_READ (a read-only hostPath that holds host credentials),
 *    CE_UMH_CORE_PATTERN (a container that runs as root — `runAsRoot` — mounts /proc/sys/kernel
 *    or a folder above it writable: it writes `core_pattern`, whose pipe helper the host kernel
 *    runs as root), CE_VAR_LOG_SYMLINK (a root container mounts /var/log or a folder above it
 *    writable, and its ServiceAccount may `get pods/log` in its namespace: a symlink in its pod's
 *    log folder makes the kubelet serve any host file). KubeHound ignores `readOnly` for these
 *    two; both write on the host, which a read-only mount refuses, so such a mount is no edge;
 *  - EXPLOIT_HOST_TRAVERSE: a hostPath on the kubelet's pod folder or a folder above it (even
 *    read-only) holds the projected token of every pod on the node — an edge to the tokens of
 *    every workload that may share the node (`nodePlacement.ts`), through one group per
 *    placement so the edge count stays linear;
 *  - from a node (`nodePlacement.ts`: the placements pods ask for): POD_ATTACH to every pod that
 *    may run there, TOKEN_STEAL of every token they mount, VOLUME_ACCESS / SECRET_READ of every
 *    Secret they are given (the kubelet fetches them). None of this is network-gated: it happens
 *    on the host.
 */
import type { ContainerSummary, WorkloadSummary } from '../model/clusterModel.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { formatFieldPath, type FieldPath } from '../k8s/fieldPath.js';
import { fieldEvidence, workloadAsset } from './evidence.js';
import { mayShareNode, placementOf, type Placement } from './nodePlacement.js';
import type { GraphVertices } from './vertices.js';
import type { Evidence, TechniqueId } from './types.js';
import { assetText } from './types.js';

/** Container runtime sockets (KubeHound EXPLOIT_CONTAINERD_SOCK: dockershim, containerd, CRI-O, cri-dockerd). */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/dockershim.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
];

/** KubeHound `exploit_host_read.go` UnsafeReadMountlist. */
const UNSAFE_READ = [
  /^\/$/,
  /^\/home$/,
  /^\/home\/[^/]+\/\.ssh$/,
  /^\/root$/,
  /^\/root\/\.ssh$/,
  /^\/proc$/,
  /^\/etc$/,
];

/** Writable host paths that give no host access (after KubeHound's SafeWriteMountList, trimmed to generic paths). */
const SAFE_WRITE = [
  /^\/run\/xtables\.lock$/,
  /^\/var\/run\/xtables\.lock$/,
  /^\/mnt(\/|$)/,
  /^\/tmp(\/|$)/,
  /^\/var\/run\//,
  /^\/run\//,
  /^\/sys\/kernel\/debug(\/|$)/,
  /^\/dev\/(null|zero|random|urandom|shm)$/,
];

/** KubeHound `escape_umh_core_pattern.go` ProcMountList: the folders that hold `/proc/sys/kernel/core_pattern`. */
const CORE_PATTERN_HOLDERS = ['/', '/proc', '/proc/sys', '/proc/sys/kernel'];
/** KubeHound `escape_var_log_symlink.go`: the folders that hold the kubelet's `/var/log/pods`. */
const VAR_LOG_HOLDERS = ['/', '/var', '/var/log'];
/** KubeHound `exploit_host_traverse_token.go`: the folders that hold `/var/lib/kubelet/pods/<uid>/volumes/…token`. */
const KUBELET_PODS_HOLDERS = ['/', '/var', '/var/lib', '/var/lib/kubelet', '/var/lib/kubelet/pods'];

function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** True when mounting `path` exposes a runtime socket: the socket itself or a folder above it. */
function holdsRuntimeSocket(path: string): boolean {
  const p = normalise(path);
  return RUNTIME_SOCKETS.some((s) => s === p || s.startsWith(p === '/' ? '/' : `${p}/`));
}

function hasCapability(c: ContainerSummary, cap: string): boolean {
  return c.capabilitiesAdded.includes(cap) || c.capabilitiesAdded.includes('ALL');
}

/**
 * Whether a container runs as root, and the field that says so: `runAsUser: 0` (container or
 * pod level), or neither `runAsUser` nor `runAsNonRoot: true` anywhere — the image's USER then
 * decides, which is root unless the image says otherwise (the kubelet's default, and what most
 * images do), so it is taken as root. `runAsNonRoot: true` without `runAsUser` is not root: the
 * kubelet refuses to start the container if the image's user is 0. Undefined when not root.
 */
export function runAsRoot(w: WorkloadSummary, c: ContainerSummary): string | undefined {
  const at = [...w.specPath, c.list, c.index, 'securityContext'];
  if (c.runAsUser !== undefined) {
    if (c.runAsUser.value !== 0) return undefined;
    const base = c.runAsUser.level === 'container' ? at : [...w.specPath, 'securityContext'];
    return `${formatFieldPath([...base, 'runAsUser'])}: 0`;
  }
  if (c.runAsNonRoot === true) return undefined;
  return `no runAsUser or runAsNonRoot: true in ${formatFieldPath(at)} or the pod's: the image's user, root unless the image says otherwise`;
}

interface Escape {
  readonly technique: TechniqueId;
  readonly path: FieldPath;
  readonly fix: string;
  /** Appended to the evidence: what else enables it. */
  readonly detail?: string;
  /** Only with a mounted token whose ServiceAccount may `get pods/log` in the pod's namespace. */
  readonly needsPodLogs?: boolean;
}

/** The container escapes of one workload, each with the field that enables it. */
export function escapesOf(w: WorkloadSummary): Escape[] {
  const out: Escape[] = [];
  for (const c of w.containers) {
    const at = [...w.specPath, c.list, c.index];
    const priv = [...at, 'securityContext', 'privileged'];
    const caps = [...at, 'securityContext', 'capabilities', 'add'];
    if (c.privileged) {
      out.push({
        technique: 'CE_PRIV_MOUNT',
        path: priv,
        fix: `set privileged: false on container ${c.name}`,
      });
      if (w.hostPID)
        out.push({ technique: 'CE_NSENTER', path: [...w.specPath, 'hostPID'], fix: 'remove hostPID: true' });
    }
    if (c.privileged || hasCapability(c, 'SYS_MODULE'))
      out.push({
        technique: 'CE_MODULE_LOAD',
        path: c.privileged ? priv : caps,
        fix: `drop privileged and SYS_MODULE from container ${c.name}`,
      });
    if (w.hostPID && hasCapability(c, 'SYS_PTRACE') && hasCapability(c, 'SYS_ADMIN'))
      out.push({
        technique: 'CE_SYS_PTRACE',
        path: caps,
        fix: `drop SYS_PTRACE and SYS_ADMIN from container ${c.name}`,
      });
    for (const m of c.mounts) {
      const hp = w.hostPaths.find((h) => h.volume === m.volume);
      if (hp === undefined) continue;
      const path = normalise(hp.path);
      const field = [...hp.fieldPath, 'path'];
      if (holdsRuntimeSocket(path))
        out.push({
          technique: 'EXPLOIT_CONTAINERD_SOCK',
          path: field,
          fix: `do not mount ${hp.path} (the runtime socket)`,
        });
      if (!m.readOnly && !SAFE_WRITE.some((re) => re.test(path)))
        out.push({
          technique: 'EXPLOIT_HOST_WRITE',
          path: field,
          fix: `remove the hostPath ${hp.path}, or mount it readOnly`,
        });
      if (m.readOnly && UNSAFE_READ.some((re) => re.test(path)))
        out.push({ technique: 'EXPLOIT_HOST_READ', path: field, fix: `remove the hostPath ${hp.path}` });
      const root = m.readOnly || w.windows ? undefined : runAsRoot(w, c);
      if (root === undefined) continue;
      const detail = `, mounted writable by container ${c.name}, which runs as root (${root})`;
      const fix = `remove the hostPath ${hp.path}, mount it readOnly, or run container ${c.name} as a non-root user`;
      if (CORE_PATTERN_HOLDERS.includes(path))
        out.push({ technique: 'CE_UMH_CORE_PATTERN', path: field, fix, detail });
      if (VAR_LOG_HOLDERS.includes(path))
        out.push({ technique: 'CE_VAR_LOG_SYMLINK', path: field, fix, detail, needsPodLogs: true });
    }
  }
  return out;
}

/** The hostPath fields through which a workload's containers read the kubelet's pod folders (even read-only). */
function traversals(w: WorkloadSummary): { field: FieldPath; path: string }[] {
  const out: { field: FieldPath; path: string }[] = [];
  for (const hp of w.hostPaths) {
    if (!KUBELET_PODS_HOLDERS.includes(normalise(hp.path))) continue;
    if (w.containers.some((c) => c.mounts.some((m) => m.volume === hp.volume)))
      out.push({ field: [...hp.fieldPath, 'path'], path: hp.path });
  }
  return out;
}

/** Who may `get pods/log` as a workload's ServiceAccount in its namespace (the authorizer's answer), as evidence. */
export type PodLogReader = (w: WorkloadSummary) => string | undefined;

/** Adds the edges of every workload that runs pods; returns the vertex of each. */
export function addWorkloadEdges(
  model: ClusterModelIndex,
  v: GraphVertices,
  workloads: readonly WorkloadSummary[],
  podLogs: PodLogReader,
): Map<WorkloadSummary, number> {
  const g = v.graph;
  const ids = new Map<WorkloadSummary, number>();
  // One node vertex per distinct placement; each pod is reachable from every node it may share.
  const placements = new Map<string, { placement: Placement; node: number }>();
  const placed = workloads.map((w) => {
    const placement = placementOf(w);
    const key = assetText(placement.node);
    let entry = placements.get(key);
    if (entry === undefined) {
      entry = { placement, node: v.nodeVertex(placement.node) };
      placements.set(key, entry);
    }
    return entry;
  });
  const nodesMeeting = new Map<string, number[]>();
  for (const [key, { placement }] of placements) {
    nodesMeeting.set(
      key,
      [...placements.values()].filter((o) => mayShareNode(placement, o.placement)).map((o) => o.node),
    );
  }
  // EXPLOIT_HOST_TRAVERSE: one group of tokens per placement some workload traverses from.
  const traversed = workloads.map(traversals);
  const tokensOn = new Map<number, number>();
  traversed.forEach((fields, i) => {
    const node = placed[i]!.node;
    if (fields.length === 0 || tokensOn.has(node)) return;
    const asset = g.vertices[node]!.asset;
    tokensOn.set(
      node,
      g.vertex({ kind: 'NodeTokens', namespace: '', name: asset.name }, { role: 'target-group' }),
    );
  });
  workloads.forEach((w, i) => {
    const id = v.workload(workloadAsset(w));
    ids.set(w, id);
    const name = assetText(workloadAsset(w));
    const own = placed[i]!;
    const nodes = nodesMeeting.get(assetText(own.placement.node))!;
    const where =
      own.placement.node.name === '*' ? 'any node (no node constraint)' : `node ${own.placement.node.name}`;
    for (const node of nodes) {
      g.technique(node, id, 'POD_ATTACH', {
        text: `${name} runs pods on ${where}`,
        fix: `keep workloads from reaching the node, or pin ${name} to nodes of its own`,
      });
    }
    const mount = model.tokenMount(w);
    if (mount.mounted || w.projectedTokens.some((t) => t.audience === undefined)) {
      const sa = v.serviceAccount(w.namespace, w.serviceAccount);
      const token = tokenEvidence(w, mount.decidedBy);
      g.technique(id, sa, 'IDENTITY_ASSUME', token);
      for (const node of nodes) {
        g.technique(node, sa, 'TOKEN_STEAL', token);
        const tokens = tokensOn.get(node);
        if (tokens !== undefined) g.member(tokens, sa);
      }
    }
    for (const t of traversed[i]!)
      g.technique(id, tokensOn.get(own.node)!, 'EXPLOIT_HOST_TRAVERSE', {
        text: `${fieldEvidence(w, t.field)}: the kubelet's pod folders under it hold the service-account token of every pod on ${where}`,
        fix: `remove the hostPath ${t.path} from ${name}`,
      });
    for (const ref of w.references) {
      if (ref.kind !== 'Secret') continue;
      const secret = v.secret(w.namespace, ref.name);
      const viaVolume = ref.via === 'volume' || ref.via === 'projected';
      const technique: TechniqueId = viaVolume ? 'VOLUME_ACCESS' : 'SECRET_READ';
      const evidence = {
        text: fieldEvidence(w, ref.path),
        fix: `give ${name} only the Secret keys it needs, or none`,
      };
      if (ref.via !== 'imagePullSecret') g.technique(id, secret, technique, evidence);
      for (const node of nodes) g.technique(node, secret, technique, evidence);
    }
    for (const e of escapesOf(w)) {
      let text = fieldEvidence(w, e.path) + (e.detail ?? '');
      if (e.needsPodLogs === true) {
        const grant = mount.mounted ? podLogs(w) : undefined;
        if (grant === undefined) continue;
        text += `; ServiceAccount ${w.namespace}/${w.serviceAccount} may get pods/log: ${grant}`;
      }
      g.technique(id, own.node, e.technique, { text, fix: e.fix });
    }
  });
  return ids;
}

function tokenEvidence(w: WorkloadSummary, decidedBy: 'pod' | 'serviceAccount' | 'unknown'): Evidence {
  const fix = `set automountServiceAccountToken: false on ${assetText(workloadAsset(w))} (or on ServiceAccount ${w.namespace}/${w.serviceAccount})`;
  const sa = `ServiceAccount ${w.namespace}/${w.serviceAccount}`;
  if (decidedBy === 'pod')
    return { text: fieldEvidence(w, [...w.specPath, 'automountServiceAccountToken']), fix };
  if (decidedBy === 'serviceAccount')
    return {
      text: `${fieldEvidence(w, w.specPath)}: token of ${sa} mounted (its automountServiceAccountToken is not false)`,
      fix,
    };
  return {
    text: `${fieldEvidence(w, w.specPath)}: token of ${sa} mounted (nothing sets automountServiceAccountToken)`,
    fix,
  };
}
