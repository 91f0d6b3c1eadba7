/**
 * The vertices every part of the build shares, by what they stand for. Assets (DESIGN.md
 * "Asset"): every workload that runs pods, every Secret, the node, and the one critical asset
 * "cluster-admin equivalent" that every subject with cluster-admin-equivalent rights leads to.
 * Groups: the pods, Secrets and ServiceAccounts of one namespace, or of every namespace
 * (`namespace: "*"`), as the targets of grants that cover them all.
 */
import type { AttackGraph } from './attackGraph.js';
import type { Asset } from './types.js';

export const ALL = '*';
export const NODE: Asset = { kind: 'Node', namespace: '', name: '*' };
export const CLUSTER_ADMIN: Asset = { kind: 'ClusterAdmin', namespace: '', name: 'cluster-admin' };

type GroupKind = 'Pod' | 'Secret' | 'ServiceAccount';

export class GraphVertices {
  readonly node: number;
  readonly clusterAdmin: number;
  private readonly groupNamespaces = new Map<GroupKind, Set<string>>();
  private readonly secretsByName = new Map<string, { namespace: string; id: number }[]>();

  /** Every node vertex, as the target of a technique that may pick the node (a pod created with any `nodeName`). */
  readonly anyNode: number;

  constructor(readonly graph: AttackGraph) {
    this.anyNode = graph.vertex({ kind: 'Node', namespace: ALL, name: ALL }, { role: 'target-group' });
    this.node = this.nodeVertex(NODE);
    this.clusterAdmin = graph.vertex(CLUSTER_ADMIN, { isAsset: true, critical: true });
  }

  /** A node (an asset), and a member of `anyNode`. */
  nodeVertex(asset: Asset): number {
    const id = this.graph.vertex(asset, { isAsset: true });
    this.graph.member(this.anyNode, id);
    return id;
  }

  workload(asset: Asset): number {
    const id = this.graph.vertex(asset, { isAsset: true, workload: true });
    this.graph.member(this.group('Pod', asset.namespace), id);
    return id;
  }

  secret(namespace: string, name: string): number {
    const known = this.graph.find({ kind: 'Secret', namespace, name });
    if (known !== undefined) return known;
    const id = this.graph.vertex({ kind: 'Secret', namespace, name }, { isAsset: true });
    this.graph.member(this.group('Secret', namespace), id);
    const named = this.secretsByName.get(name);
    if (named) named.push({ namespace, id });
    else this.secretsByName.set(name, [{ namespace, id }]);
    return id;
  }

  /** The Secrets of that name in every namespace, as far as the graph knows them. */
  secretsNamed(name: string): readonly { readonly namespace: string; readonly id: number }[] {
    return this.secretsByName.get(name) ?? [];
  }

  serviceAccount(namespace: string, name: string): number {
    const id = this.graph.vertex({ kind: 'ServiceAccount', namespace, name });
    this.graph.member(this.group('ServiceAccount', namespace), id);
    return id;
  }

  user(name: string): number {
    const id = this.graph.vertex({ kind: 'User', namespace: '', name });
    this.graph.member(
      this.graph.vertex({ kind: 'User', namespace: '', name: ALL }, { role: 'target-group' }),
      id,
    );
    return id;
  }

  allUsers(): number {
    return this.graph.vertex({ kind: 'User', namespace: '', name: ALL }, { role: 'target-group' });
  }

  /** Shown in paths: what a subject becomes once it can bind or escalate to admin of one namespace. */
  namespaceAdmin(namespace: string): number {
    return this.graph.vertex({ kind: 'NamespaceAdmin', namespace, name: ALL });
  }

  /** Every pod / Secret / ServiceAccount of `namespace` (`*`: of every namespace). */
  group(kind: GroupKind, namespace: string): number {
    let seen = this.groupNamespaces.get(kind);
    if (seen === undefined) {
      seen = new Set();
      this.groupNamespaces.set(kind, seen);
    }
    if (namespace !== ALL) seen.add(namespace);
    return this.graph.vertex({ kind, namespace, name: ALL }, { role: 'target-group' });
  }

  /** Links each cluster-wide group to the namespace groups (call once every member is in). */
  linkClusterGroups(): void {
    for (const [kind, namespaces] of this.groupNamespaces) {
      const all = this.group(kind, ALL);
      for (const ns of namespaces) this.graph.member(all, this.group(kind, ns));
    }
  }
}
