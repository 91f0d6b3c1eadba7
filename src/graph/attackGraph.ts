/**
 * The attack graph's storage: vertices by asset key, edges in compact adjacency arrays.
 * Groups ("every pod of namespace X", "every workload of a network class") keep the edge count
 * linear in the input where a grant or a network rule covers many targets at once
 * (reference/identity.md §4, KubeHound's large-cluster optimisation): a technique edge enters a
 * target group, free membership edges leave it; free edges enter a source group, technique
 * edges leave it. Every path between two real vertices through groups therefore carries exactly
 * one technique edge, which is the hop the user sees.
 */
import {
  TECHNIQUES,
  assetKey,
  type Asset,
  type Edge,
  type Evidence,
  type TechniqueId,
  type Vertex,
  type VertexKind,
} from './types.js';

const TECHNIQUE_NUMBER = new Map(Object.keys(TECHNIQUES).map((t, i) => [t, i + 1]));
/** Room for 63 techniques in an edge key (0 is a membership); 2⁴² · 64 stays below 2⁵³. */
const TECHNIQUE_SLOTS = 64;
// A technique numbered past the slots would share keys with another edge (programmer limit).
if (TECHNIQUE_NUMBER.size >= TECHNIQUE_SLOTS)
  throw new Error('attack graph: too many techniques for the edge key');
const MAX_VERTICES = 2 ** 21;

function edgeKey(from: number, to: number, technique: number): number {
  return (from * MAX_VERTICES + to) * TECHNIQUE_SLOTS + technique;
}

export interface VertexOptions {
  readonly role?: VertexKind;
  readonly isAsset?: boolean;
  readonly critical?: boolean;
  readonly workload?: boolean;
}

export class AttackGraph {
  readonly vertices: Vertex[] = [];
  readonly edges: Edge[] = [];
  private readonly byKey = new Map<string, number>();
  /** `(from · 2²¹ + to) · 64 + technique` (0 for a membership): numbers, not strings, for millions of edges. */
  private readonly edgeKeys = new Set<number>();
  private outIndex: number[][] | undefined;
  private inIndex: number[][] | undefined;

  /** The vertex of `asset`, created with `options` the first time. */
  vertex(asset: Asset, options: VertexOptions = {}): number {
    const key = assetKey(asset);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const id = this.vertices.length;
    // Edge keys pack two vertex ids into one number (programmer limit, far above any cluster).
    if (id >= MAX_VERTICES) throw new Error(`attack graph over ${MAX_VERTICES} vertices`);
    this.vertices.push({
      id,
      asset,
      role: options.role ?? 'real',
      isAsset: options.isAsset ?? false,
      critical: options.critical ?? false,
      workload: options.workload ?? false,
    });
    this.byKey.set(key, id);
    this.outIndex = undefined;
    this.inIndex = undefined;
    return id;
  }

  find(asset: Asset): number | undefined {
    return this.byKey.get(assetKey(asset));
  }

  /** A technique edge; the first edge of a technique between two vertices is kept (its evidence is shown). */
  technique(from: number, to: number, technique: TechniqueId, evidence: Evidence): void {
    const key = edgeKey(from, to, TECHNIQUE_NUMBER.get(technique)!);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.push({ from, to, technique, evidence });
  }

  /** A free edge into or out of a group. */
  member(from: number, to: number): void {
    const key = edgeKey(from, to, 0);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.push({ from, to });
  }

  private push(edge: Edge): void {
    this.edges.push(edge);
    this.outIndex = undefined;
    this.inIndex = undefined;
  }

  /** Edge indexes leaving each vertex, in insertion order. */
  get outgoing(): readonly (readonly number[])[] {
    if (this.outIndex === undefined) {
      const out: number[][] = this.vertices.map(() => []);
      this.edges.forEach((e, i) => out[e.from]!.push(i));
      this.outIndex = out;
    }
    return this.outIndex;
  }

  /** Edge indexes entering each vertex, in insertion order. */
  get incoming(): readonly (readonly number[])[] {
    if (this.inIndex === undefined) {
      const into: number[][] = this.vertices.map(() => []);
      this.edges.forEach((e, i) => into[e.to]!.push(i));
      this.inIndex = into;
    }
    return this.inIndex;
  }
}
