/**
 * The attack graph of a scan's input (src/graph), built once per ClusterModelIndex and shared
 * by the graph rules (rules get the same index object for the whole input, so a WeakMap keyed
 * on it builds the graph once per scan and per thread, as netpolEngine.ts does for the network
 * analysis). Three searches answer every rule at once: from every vertex towards the critical
 * asset, from every vertex towards a node, and from every exposing endpoint onwards; a finding
 * then only walks its own shortest path.
 *
 * The rules ask what one compromise gives: the searches leave out NETWORK_REACH, which needs a
 * second exploit of the workload reached (that workload's own paths are its own findings). The
 * exposure figures (`kubeward exposure`) count those too: they answer "if every reachable
 * service were exploitable"; a rule flags a configuration that makes one exploit enough.
 */
import { buildAttackGraph, type BuiltGraph } from '../graph/build.js';
import { hopsOf, pathFrom, pathTo, shortestFrom, shortestTo, type SearchResult } from '../graph/search.js';
import { workloadAsset } from '../graph/evidence.js';
import { assetText, type AttackPath } from '../graph/types.js';
import { runsPods } from '../k8s/namespacePods.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { rbacIndexOf } from './rbacEngine.js';

export interface GraphEngine {
  readonly built: BuiltGraph;
  /** The shortest path from an endpoint exposing `w`, through it, to a critical asset (no NETWORK_REACH). */
  entryToCritical(w: WorkloadSummary): AttackPath | undefined;
  /** The shortest path from `w` to a node (root on it) with what the workload holds: its token and rights, its escapes, what they reach (no NETWORK_REACH). */
  toNode(w: WorkloadSummary): AttackPath | undefined;
  /** The shortest path from any exposing endpoint to the Secret (no NETWORK_REACH past the endpoint's workload). */
  secretFromEntry(namespace: string, name: string): AttackPath | undefined;
  /** True when a Secret object of that namespace and name is in the input. */
  secretInInput(namespace: string, name: string): boolean;
  /** The first workload of the input that runs pods and references the Secret. */
  firstReference(namespace: string, name: string): WorkloadSummary | undefined;
}

/** The technique the rules' searches leave out (see the module comment). */
const ONE_EXPLOIT = 'NETWORK_REACH';

const engines = new WeakMap<ClusterModelIndex, GraphEngine>();

export function graphEngineOf(model: ClusterModelIndex): GraphEngine {
  let engine = engines.get(model);
  if (engine === undefined) {
    engine = buildEngine(model);
    engines.set(model, engine);
  }
  return engine;
}

function buildEngine(model: ClusterModelIndex): GraphEngine {
  // what the rules' engines built already, with the options the graph would use (the model's
  // default namespace; the netpol input of the model): the model index, RBAC index, policy selection
  // the searches leave out NETWORK_REACH, so the graph is built without it (no pairwise reachability)
  const built = buildAttackGraph(model.model, {
    index: model,
    rbac: rbacIndexOf(model),
    withoutNetworkReach: true,
  });
  const { graph } = built;
  const entries = new Set(built.entryWorkloads);
  let toCritical: SearchResult | undefined;
  let toNodes: SearchResult | undefined;
  let fromEntries: SearchResult | undefined;
  const reached = (search: SearchResult, v: number | undefined): v is number =>
    v !== undefined && search.dist[v]! > 0;
  let secrets: Set<string> | undefined;
  let referencing: Map<string, WorkloadSummary> | undefined;
  return {
    built,
    entryToCritical(w) {
      const v = graph.find(workloadAsset(w));
      if (v === undefined || !entries.has(v)) return undefined;
      toCritical ??= shortestTo(
        graph,
        graph.vertices.filter((x) => x.critical).map((x) => x.id),
        ONE_EXPLOIT,
      );
      if (!reached(toCritical, v)) return undefined;
      // an entry workload has an ENDPOINT_EXPLOIT edge in (build.ts); the first one found is shown
      const entry = graph.incoming[v]!.find((i) => graph.edges[i]!.technique === 'ENDPOINT_EXPLOIT')!;
      return { hops: [...hopsOf(graph, [entry], v).hops, ...pathFrom(graph, toCritical, v).hops] };
    },
    toNode(w) {
      const v = graph.find(workloadAsset(w));
      toNodes ??= shortestTo(
        graph,
        graph.vertices.filter((x) => x.isAsset && x.asset.kind === 'Node').map((x) => x.id),
        ONE_EXPLOIT,
      );
      return reached(toNodes, v) ? pathFrom(graph, toNodes, v) : undefined;
    },
    secretFromEntry(namespace, name) {
      const v = graph.find({ kind: 'Secret', namespace, name });
      fromEntries ??= shortestFrom(graph, built.endpoints, ONE_EXPLOIT);
      return reached(fromEntries, v) ? pathTo(graph, fromEntries, v) : undefined;
    },
    secretInInput(namespace, name) {
      secrets ??= new Set(
        model.model.secrets.map((s) => `${s.ref.namespace ?? model.defaultNamespace}/${s.ref.name}`),
      );
      return secrets.has(`${namespace}/${name}`);
    },
    firstReference(namespace, name) {
      if (referencing === undefined) {
        referencing = new Map();
        for (const w of model.model.workloads) {
          if (!runsPods(w.ref)) continue;
          for (const r of w.references) {
            const key = `${w.namespace}/${r.name}`;
            if (r.kind === 'Secret' && !referencing.has(key)) referencing.set(key, w);
          }
        }
      }
      return referencing.get(`${namespace}/${name}`);
    },
  };
}

/** `shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -IDENTITY_ASSUME-> …`. */
export function pathText(path: AttackPath): string {
  const first = path.hops[0];
  if (first === undefined) return '';
  return [assetText(first.from), ...path.hops.map((h) => `-${h.edge}-> ${assetText(h.to)}`)].join(' ');
}
