/**
 * The attack graph's own concepts (DESIGN.md "Definitions that must be exact"): assets as the
 * user names them, techniques with a stable id and a MITRE ATT&CK technique, and the evidence
 * that enables each edge. Technique ids are KubeHound's edge names where KubeHound has the edge,
 * and the additions of reference/identity.md §2.5 otherwise.
 *
 * Three of KubeHound's edges have no id here because kubeward's vertex is the workload — every
 * container of its pods — and they join KubeHound's Pod, Container and Volume vertices inside
 * one pod: CONTAINER_ATTACH (pod → each of its containers), SHARE_PS_NAMESPACE (container →
 * sibling container, with `shareProcessNamespace: true`) and VOLUME_DISCOVER (container → the
 * volumes it mounts). A workload vertex holds what every container holds: each container's
 * Secret mounts and env, each container's escapes, the token (mounted in every container). This
 * is exact for every way into a pod but one: POD_EXEC, POD_PATCH, EPHEMERAL_CONTAINER,
 * NODE_PROXY_EXEC and POD_ATTACH may pick any container, so they hold the union. The one
 * difference is a landing on one container through its port (ENDPOINT_EXPLOIT, NETWORK_REACH):
 * its siblings share the pod's network namespace, so a sibling that serves a port is reached on
 * localhost (no NetworkPolicy applies inside a pod) — the same exploit assumption as
 * ENDPOINT_EXPLOIT — and with `shareProcessNamespace: true` every sibling is; only a sibling that
 * serves no port, in a pod without `shareProcessNamespace`, keeps its own mounts from the
 * container that was hit. There the workload vertex over-approximates (a path may be shown that
 * needs a second exploit); it never misses one. edges.test.ts pins this: the same hops with
 * `shareProcessNamespace` true and false.
 */

/** A vertex as JSON shows it: `namespace` is `""` for cluster-scoped things; the abstract node is `{kind: "Node", name: "*"}`. */
export interface Asset {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export const TECHNIQUES = {
  ENDPOINT_EXPLOIT: { mitre: 'T1210', title: 'exploit the exposed service' },
  IDENTITY_ASSUME: { mitre: 'T1078', title: "use the pod's service-account token" },
  PERMISSION_DISCOVER: { mitre: 'T1069', title: 'holds cluster-admin-equivalent rights' },
  TOKEN_STEAL: { mitre: 'T1552', title: 'steal the service-account token of a pod on the node' },
  TOKEN_LIST: { mitre: 'T1528', title: 'list Secrets (their values come with the list)' },
  TOKEN_BRUTEFORCE: { mitre: 'T1528', title: 'guess the names of legacy token Secrets and get them' },
  SECRET_READ: { mitre: 'T1552', title: 'read the Secret' },
  VOLUME_ACCESS: { mitre: 'T1613', title: 'read the Secret mounted as a volume' },
  POD_EXEC: { mitre: 'T1609', title: 'exec into the pod' },
  POD_ATTACH: { mitre: 'T1609', title: 'root on the node controls every pod on it' },
  POD_PATCH: { mitre: 'T1609', title: 'patch the pod or its controller (replace image or command)' },
  POD_CREATE: { mitre: 'T1610', title: 'create a privileged pod on a node' },
  POD_CREATE_AS_SA: {
    mitre: 'T1610',
    title: 'create a pod that runs as any ServiceAccount of the namespace',
  },
  EPHEMERAL_CONTAINER: { mitre: 'T1609', title: 'add an ephemeral container to the pod' },
  ROLE_BIND: { mitre: 'T1078', title: 'bind an admin role to itself' },
  ROLE_ESCALATE: { mitre: 'T1078', title: 'escalate a role bound to itself' },
  IDENTITY_IMPERSONATE: { mitre: 'T1078', title: 'impersonate the identity' },
  TOKEN_REQUEST: { mitre: 'T1528', title: 'create a token for the ServiceAccount' },
  CSR_APPROVE: { mitre: 'T1649', title: 'approve a client certificate for system:masters' },
  NODE_PROXY_EXEC: { mitre: 'T1609', title: 'exec into pods through the kubelet API (nodes/proxy)' },
  CE_PRIV_MOUNT: { mitre: 'T1611', title: 'privileged container: mount the host disk' },
  CE_NSENTER: { mitre: 'T1611', title: 'privileged container with hostPID: nsenter into PID 1' },
  CE_MODULE_LOAD: { mitre: 'T1611', title: 'load a kernel module' },
  CE_SYS_PTRACE: { mitre: 'T1611', title: 'ptrace a host process' },
  CE_UMH_CORE_PATTERN: {
    mitre: 'T1611',
    title: "root with the host's /proc/sys/kernel writable: a core_pattern helper runs on the host",
  },
  CE_VAR_LOG_SYMLINK: {
    mitre: 'T1611',
    title: "root with the host's /var/log writable and pods/log: the kubelet serves any host file",
  },
  EXPLOIT_HOST_READ: { mitre: 'T1611', title: 'read host credentials through a hostPath mount' },
  EXPLOIT_HOST_WRITE: { mitre: 'T1611', title: 'write to the host through a hostPath mount' },
  EXPLOIT_HOST_TRAVERSE: {
    mitre: 'T1552',
    title: "read the tokens of the node's pods in the kubelet's folders through a hostPath mount",
  },
  EXPLOIT_CONTAINERD_SOCK: { mitre: 'T1610', title: 'drive the container runtime through its socket' },
  NETWORK_REACH: { mitre: 'T1210', title: 'connect to a port the target serves' },
  CLOUD_IDENTITY_ASSUME: { mitre: 'T1078.004', title: "assume the ServiceAccount's cloud identity" },
} as const;

export type TechniqueId = keyof typeof TECHNIQUES;

/** Why an edge exists and what removes it. */
export interface Evidence {
  /** `shop/Deployment/web spec.template.spec.containers[0].securityContext.privileged (web.yaml:12)`. */
  readonly text: string;
  /** The change that breaks the edge. */
  readonly fix: string;
}

export type VertexKind =
  /** An asset or a vertex a path may show: workload, identity, secret, node, the critical asset. */
  | 'real'
  /** A group entered by a technique and left for free: "every pod of namespace X". */
  | 'target-group'
  /** A group entered for free and left by a technique: "every workload of this network class". */
  | 'source-group';

export interface Vertex {
  readonly id: number;
  readonly asset: Asset;
  readonly role: VertexKind;
  /** Counted in the exposure figures (DESIGN.md "Asset"). */
  readonly isAsset: boolean;
  readonly critical: boolean;
  /** A workload's pods (for blast radius and `--from`). */
  readonly workload: boolean;
}

/** A technique edge (cost 1) or a group membership (cost 0, no technique). */
export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly technique?: TechniqueId;
  readonly evidence?: Evidence;
}

/** One hop of an attack path as queries return it. */
export interface Hop {
  readonly from: Asset;
  readonly to: Asset;
  readonly edge: TechniqueId;
  readonly mitre: string;
  readonly evidence: string;
  readonly fix: string;
}

export interface AttackPath {
  readonly hops: readonly Hop[];
}

export function assetKey(asset: Asset): string {
  return `${asset.kind}\u0000${asset.namespace}\u0000${asset.name}`;
}

/** `shop/Deployment/web`, `Node/*`, `ClusterAdmin/cluster-admin`. */
export function assetText(asset: Asset): string {
  return asset.namespace === ''
    ? `${asset.kind}/${asset.name}`
    : `${asset.namespace}/${asset.kind}/${asset.name}`;
}
