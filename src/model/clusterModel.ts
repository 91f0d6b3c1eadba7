/**
 * The cluster model: the compact, serialisable summary of what cross-object analysis needs
 * (DESIGN.md "Architecture", `model/`). Each parse thread summarises its own objects into a
 * fragment (`summariseResources`); the fragments merge, in input order, into the model
 * (`mergeFragments`); the engines (pss, rbac, netpol, graph) and the cross-object rules read
 * it through `ClusterModelIndex`. Full objects never leave the thread that parsed them; the
 * small kinds that analyses need whole (policies, identities, roles, bindings, webhook
 * configurations) travel whole.
 *
 * Everything here is plain data (strings, numbers, booleans, arrays, records): a fragment
 * survives `structuredClone`, `postMessage` and JSON unchanged, which is what lets threads
 * — or, later, machines — exchange them.
 */
import type {
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1LimitRange,
  V1MutatingWebhookConfiguration,
  V1NetworkPolicy,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Role,
  V1RoleBinding,
  V1ServiceAccount,
  V1ValidatingWebhookConfiguration,
} from '@kubernetes/client-node';
import type { FieldPath } from '../k8s/fieldPath.js';
import type { ContainerListName } from '../k8s/podSpec.js';
import type { ResourceRef, SourceRef } from '../k8s/resource.js';
import type { JsonRecord } from '../k8s/shape.js';

export type Labels = Readonly<Record<string, string>>;

/** Where a summarised object came from, and who it is. */
export interface ModelObject {
  readonly ref: ResourceRef;
  readonly source: SourceRef;
}

/** A namespace: declared by a Namespace object, or only named by objects in it. */
export interface NamespaceSummary {
  readonly name: string;
  /** True when a Namespace object is in the input. */
  readonly declared: boolean;
  /**
   * The Namespace object's labels; for an undeclared namespace the label the API server
   * sets on every namespace (`kubernetes.io/metadata.name`, since v1.22), so selectors
   * that name it match as they would in the cluster.
   */
  readonly labels: Labels;
  readonly source?: SourceRef;
}

export interface ContainerPortSummary {
  readonly name?: string;
  readonly containerPort: number;
  /** `TCP` when the manifest leaves it out (the API server's default). */
  readonly protocol: string;
  readonly hostPort?: number;
}

export interface ContainerSummary {
  readonly name: string;
  readonly list: ContainerListName;
  readonly index: number;
  readonly image?: string;
  readonly ports: readonly ContainerPortSummary[];
  /** Effective `privileged` (container only). */
  readonly privileged: boolean;
  /** Effective `allowPrivilegeEscalation`; undefined when not set (the runtime then allows it). */
  readonly allowPrivilegeEscalation?: boolean;
  /** `securityContext.capabilities.add`, upper-cased without the `CAP_` prefix. */
  readonly capabilitiesAdded: readonly string[];
  /** Volume mounts: volume name, mount path, read-only. */
  readonly mounts: readonly { readonly volume: string; readonly path: string; readonly readOnly: boolean }[];
  /** Effective `runAsUser` when it is an integer, and the level that set it (the container's wins over the pod's). */
  readonly runAsUser?: { readonly value: number; readonly level: 'pod' | 'container' };
  /** Effective `runAsNonRoot` when it is a boolean. */
  readonly runAsNonRoot?: boolean;
}

/** A Secret or ConfigMap a workload's pods read, and how. */
export interface ObjectReference {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly name: string;
  readonly via: 'volume' | 'projected' | 'env' | 'envFrom' | 'imagePullSecret';
  /** Where the reference is in the workload. */
  readonly path: FieldPath;
  /** `optional: true`: the pod starts without it. */
  readonly optional: boolean;
}

export interface HostPathVolume {
  readonly volume: string;
  readonly path: string;
  readonly type?: string;
  /** Field path of `volumes[i].hostPath`. */
  readonly fieldPath: FieldPath;
}

export interface OwnerSummary {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
  readonly controller: boolean;
}

/** Per workload (DESIGN.md "Workload"): what its pods are, run as, reach and could escape to. */
export interface WorkloadSummary extends ModelObject {
  /** The namespace the pods run in. */
  readonly namespace: string;
  readonly uid?: string;
  readonly podLabels: Labels;
  readonly serviceAccount: string;
  /** The field that names the ServiceAccount; undefined when the pods run as `default`. */
  readonly serviceAccountField?: 'serviceAccountName' | 'serviceAccount';
  /** The pod spec's `automountServiceAccountToken`; undefined when the ServiceAccount decides. */
  readonly podAutomountToken?: boolean;
  readonly containers: readonly ContainerSummary[];
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  /** `spec.shareProcessNamespace: true`: the containers of a pod see one another's processes (and their root file systems). */
  readonly shareProcessNamespace: boolean;
  readonly hostPaths: readonly HostPathVolume[];
  readonly references: readonly ObjectReference[];
  /** Projected service-account tokens (audience, expiry) besides the default token mount. */
  readonly projectedTokens: readonly { readonly volume: string; readonly audience?: string }[];
  readonly owners: readonly OwnerSummary[];
  /** Where the pod template's spec is in the object (`['spec', 'template', 'spec']`; `['spec']` for a Pod). */
  readonly specPath: FieldPath;
  /** Where the pod template's metadata is (`['spec', 'template', 'metadata']`; `['metadata']` for a Pod). */
  readonly metadataPath: FieldPath;
  /** The `deployment.kubernetes.io/revision` annotation the Deployment controller sets on a Deployment and its ReplicaSets. */
  readonly revision?: string;
  /** `spec.replicas` when it is a number (Deployment, ReplicaSet, StatefulSet…). */
  readonly replicas?: number;
  readonly nodeName?: string;
  readonly nodeSelector: Labels;
  readonly tolerations: readonly {
    readonly key?: string;
    readonly operator?: string;
    readonly effect?: string;
  }[];
  readonly windows: boolean;
}

export interface ServicePortSummary {
  readonly name?: string;
  readonly port: number;
  /** A number, a named container port, or undefined (defaults to `port`). */
  readonly targetPort?: number | string;
  readonly protocol: string;
  readonly nodePort?: number;
}

export interface ServiceSummary extends ModelObject {
  readonly namespace: string;
  /** `ClusterIP` when left out. */
  readonly type: string;
  /** Undefined: no selector (endpoints managed by hand); the pods it selects otherwise. */
  readonly selector?: Labels;
  readonly ports: readonly ServicePortSummary[];
  readonly externalIPs: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalName?: string;
}

/** A backend an Ingress or a Gateway API route sends traffic to. */
export interface BackendSummary {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly port?: number | string;
  readonly path: FieldPath;
}

/** An Ingress, or a Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute). */
export interface RouteSummary extends ModelObject {
  readonly namespace: string;
  readonly backends: readonly BackendSummary[];
  /** Ingress: at least one `spec.tls` entry. Routes: undefined (TLS is the Gateway's). */
  readonly tls?: boolean;
  /** Gateway API `parentRefs` (`namespace/name`). */
  readonly parents: readonly string[];
}

/** An object the analyses need whole. `object` is the decoded document (its top-level shape checked). */
export interface WholeObject<T> extends ModelObject {
  readonly object: T;
}

/**
 * A whole object seen as the decoded document it is, as rule helpers read it (they read the
 * rule's own `Resource` the same way): what `ClusterModelIndex` hands out.
 */
export type KeptObject = WholeObject<JsonRecord>;

/** The custom resources a CRD in the input defines, for RBAC scope (namespaced or cluster). */
export interface CustomResourceSummary extends ModelObject {
  readonly group: string;
  readonly plural: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

/** What one thread (or one machine) contributes; the model is the merge of all of them. */
export interface ModelFragment {
  readonly namespaces: readonly NamespaceSummary[];
  readonly workloads: readonly WorkloadSummary[];
  readonly services: readonly ServiceSummary[];
  readonly routes: readonly RouteSummary[];
  readonly networkPolicies: readonly WholeObject<V1NetworkPolicy>[];
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1), ClusterNetworkPolicy (v1alpha2), whole. */
  readonly adminNetworkPolicies: readonly WholeObject<Record<string, unknown>>[];
  readonly serviceAccounts: readonly WholeObject<V1ServiceAccount>[];
  readonly roles: readonly WholeObject<V1Role>[];
  readonly clusterRoles: readonly WholeObject<V1ClusterRole>[];
  readonly roleBindings: readonly WholeObject<V1RoleBinding>[];
  readonly clusterRoleBindings: readonly WholeObject<V1ClusterRoleBinding>[];
  readonly webhookConfigurations: readonly WholeObject<
    V1ValidatingWebhookConfiguration | V1MutatingWebhookConfiguration
  >[];
  /** LimitRanges, whole: their `Container` defaults decide a container's effective resources. */
  readonly limitRanges: readonly WholeObject<V1LimitRange>[];
  /** PersistentVolumes and their claims, whole: a claim bound to a hostPath volume reaches the host without `hostPath` in the pod. */
  readonly persistentVolumes: readonly WholeObject<V1PersistentVolume>[];
  readonly persistentVolumeClaims: readonly WholeObject<V1PersistentVolumeClaim>[];
  readonly customResources: readonly CustomResourceSummary[];
  /** Which Secrets are in the input: who and where only — never their data. */
  readonly secrets: readonly ModelObject[];
}

/** The merged model: every fragment's records in input order, one record per namespace. */
export interface ClusterModel extends ModelFragment {
  /** Namespace of namespaced objects that name none (what `kubectl apply` without `-n` uses). */
  readonly defaultNamespace: string;
}
