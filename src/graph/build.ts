/**
 * The attack graph of a cluster model: entry points, workloads, identities, Secrets, the node and
 * the critical asset, joined by technique edges from the model (workload facts), the RBAC engine
 * (every RBAC edge) and the NetworkPolicy engine (NETWORK_REACH). A pure function of the model.
 */
import { runsPods } from '../k8s/namespacePods.js';
import type { ClusterModel, NamespaceSummary } from '../model/clusterModel.js';
import { ClusterModelIndex } from '../model/modelIndex.js';
import { analyzeNetworkPolicies, withReachability, type PolicySelection } from '../netpol/analyze.js';
import { netpolInputFromModel, type AdaptedInput } from '../netpol/fromModel.js';
import { rbacInputFromModel } from '../rbac/fromModel.js';
import { buildRbacIndex, type RbacIndex } from '../rbac/rbacIndex.js';
import type { SourceRef } from '../k8s/resource.js';
import { identityOf } from '../rbac/whoCan.js';
import { AttackGraph } from './attackGraph.js';
import { entryPoints } from './entryPoints.js';
import { addNetworkEdges } from './networkEdges.js';
import { addRbacEdges, podLogGrant, type RbacEdgeContext } from './rbacEdges.js';
import { assetText } from './types.js';
import { ALL, GraphVertices } from './vertices.js';
import { addWorkloadEdges } from './workloadEdges.js';

export interface GraphOptions {
  /** Kubernetes version for RBAC scope (default: the RBAC engine's). */
  readonly kubernetesVersion?: string;
  /** Groups of human users (`.kubeward.yaml` `users`): a User subject has their bindings too. */
  readonly userGroups?: Readonly<Record<string, readonly string[]>>;
  /** The model's index and RBAC index when the caller has them already (a scan's rules do): built otherwise. */
  readonly index?: ClusterModelIndex;
  readonly rbac?: RbacIndex<SourceRef>;
  /** The NetworkPolicy engine's input and policy selection, when the caller has them already. */
  readonly netpol?: { readonly adapted: AdaptedInput; readonly selection: PolicySelection };
  /**
   * Leave out NETWORK_REACH (no pairwise reachability computed): for searches that never take
   * a network hop, such as the catalog's one-exploit rules, it is most of the build's cost.
   */
  readonly withoutNetworkReach?: boolean;
}

export interface BuiltGraph {
  readonly graph: AttackGraph;
  /** Vertex ids of the exposing endpoints (Service, Ingress, route, HostNetwork, HostPort). */
  readonly endpoints: readonly number[];
  /** Vertex ids of the workloads an endpoint exposes (DESIGN.md "Entry point"). */
  readonly entryWorkloads: readonly number[];
  /** Vertex ids of every workload that runs pods. */
  readonly workloads: readonly number[];
}

/** Cloud workload identity annotations on a ServiceAccount (EKS IRSA, GKE, Azure). */
const CLOUD_ANNOTATIONS = [
  'eks.amazonaws.com/role-arn',
  'iam.gke.io/gcp-service-account',
  'azure.workload.identity/client-id',
];

export function buildAttackGraph(model: ClusterModel, options: GraphOptions = {}): BuiltGraph {
  const index = options.index ?? new ClusterModelIndex(model);
  const rbac =
    options.rbac ??
    buildRbacIndex(rbacInputFromModel(model), {
      defaultNamespace: model.defaultNamespace,
      ...(options.kubernetesVersion !== undefined ? { kubernetesVersion: options.kubernetesVersion } : {}),
    });
  const graph = new AttackGraph();
  const v = new GraphVertices(graph);
  // PodTemplates carry a pod spec but start no pod: nothing runs to compromise or reach.
  const running = model.workloads.filter((w) => runsPods(w.ref));
  const namespaces = new Map<string, NamespaceSummary>(model.namespaces.map((n) => [n.name, n]));
  const ctx: RbacEdgeContext = { rbac, vertices: v, namespaces };
  const vertexOf = addWorkloadEdges(index, v, running, (w) =>
    podLogGrant(ctx, w.namespace, w.serviceAccount),
  );

  const endpoints: number[] = [];
  const entry = new Set<number>();
  for (const e of entryPoints(index)) {
    const from = graph.vertex(e.endpoint);
    const to = vertexOf.get(e.workload);
    if (to === undefined) continue;
    if (!endpoints.includes(from)) endpoints.push(from);
    entry.add(to);
    graph.technique(from, to, 'ENDPOINT_EXPLOIT', e.evidence);
  }

  addIdentities(model, ctx, options.userGroups ?? {});
  if (options.withoutNetworkReach !== true) {
    const adapted = options.netpol?.adapted ?? netpolInputFromModel(model);
    const analysis = options.netpol
      ? withReachability(options.netpol.selection)
      : analyzeNetworkPolicies(adapted.input);
    addNetworkEdges(graph, analysis, adapted.membersOf, vertexOf);
  }
  // Cluster admin can do anything: exec into every pod, read every Secret, run a privileged pod.
  const anything = {
    text: 'cluster-admin-equivalent rights allow every request',
    fix: 'remove the path to cluster admin',
  };
  graph.technique(v.clusterAdmin, v.group('Pod', ALL), 'POD_EXEC', anything);
  graph.technique(v.clusterAdmin, v.group('Secret', ALL), 'SECRET_READ', anything);
  graph.technique(v.clusterAdmin, v.anyNode, 'POD_CREATE', anything);
  v.linkClusterGroups();
  return { graph, endpoints, entryWorkloads: [...entry], workloads: [...vertexOf.values()] };
}

/** Every ServiceAccount of the input, of a workload or of a binding, and every User a binding names, with its RBAC edges. */
function addIdentities(
  model: ClusterModel,
  ctx: RbacEdgeContext,
  userGroups: Readonly<Record<string, readonly string[]>>,
): void {
  const { rbac, vertices: v } = ctx;
  const done = new Set<string>();
  const subjects: { id: number; subject: Parameters<typeof addRbacEdges>[2] }[] = [];
  const add = (subject: Parameters<typeof addRbacEdges>[2]): void => {
    const id =
      subject.kind === 'ServiceAccount'
        ? v.serviceAccount(subject.namespace, subject.name)
        : subject.kind === 'User'
          ? v.user(subject.name)
          : v.graph.vertex({ kind: 'Group', namespace: '', name: subject.name });
    const key = assetText(v.graph.vertices[id]!.asset);
    if (done.has(key)) return;
    done.add(key);
    subjects.push({ id, subject });
  };
  for (const w of model.workloads)
    if (runsPods(w.ref)) add({ kind: 'ServiceAccount', namespace: w.namespace, name: w.serviceAccount });
  for (const sa of model.serviceAccounts) {
    const namespace = sa.ref.namespace ?? model.defaultNamespace;
    add({ kind: 'ServiceAccount', namespace, name: sa.ref.name });
    const annotations = sa.object.metadata?.annotations ?? {};
    for (const key of CLOUD_ANNOTATIONS) {
      const value = annotations[key];
      if (typeof value !== 'string' || value === '') continue;
      const cloud = v.graph.vertex({ kind: 'CloudIdentity', namespace: '', name: value });
      v.graph.technique(v.serviceAccount(namespace, sa.ref.name), cloud, 'CLOUD_IDENTITY_ASSUME', {
        text: `ServiceAccount ${namespace}/${sa.ref.name} metadata.annotations["${key}"] (${sa.source.file}:${sa.source.line})`,
        fix: `remove the ${key} annotation, or scope the cloud role it names`,
      });
    }
  }
  for (const b of rbac.bindings) {
    for (const s of b.subjects) {
      const subject = identityOf(s);
      if (subject.kind === 'User') add({ ...subject, groups: userGroups[subject.name] ?? [] });
      else if (subject.kind === 'ServiceAccount') add(subject);
    }
  }
  for (const [name, groups] of Object.entries(userGroups)) add({ kind: 'User', name, groups });
  for (const { id, subject } of subjects) addRbacEdges(ctx, id, subject);
}
