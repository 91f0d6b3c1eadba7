/**
 * The NetworkPolicy engine's analysis of a scan's input, built once per ClusterModelIndex and
 * shared by every network rule (rules get the same index object for the whole input, so a
 * WeakMap keyed on it builds the analysis once per scan and per thread, as rbacEngine.ts does
 * for RBAC). The rules only phrase what src/netpol computes: which policies select a pod and
 * isolate which direction, which selectors match nothing, what an ipBlock admits.
 */
import { parseFieldPath, type FieldPath } from '../k8s/fieldPath.js';
import type { Workload } from '../k8s/inventory.js';
import { sourceKey, type Resource, type SourceRef } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { selectNetworkPolicies, type PolicySelection } from '../netpol/analyze.js';
import { netpolInputFromModel, type AdaptedInput } from '../netpol/fromModel.js';
import type { PolicyProblem } from '../netpol/model.js';
import type { CompiledNetworkPolicy } from '../netpol/networkPolicy.js';
import type { PodClass } from '../netpol/podClasses.js';

export interface NetpolEngine {
  readonly adapted: AdaptedInput;
  /** Policies, pod classes and which policies select each class: no pairwise reachability, which no rule needs. */
  readonly analysis: PolicySelection;
  /** The valid policy read from `source` (undefined: not a Kubernetes NetworkPolicy, or invalid). */
  policyAt(source: SourceRef): CompiledNetworkPolicy | undefined;
  /** The errors and warnings of the engine about the object read from `source`. */
  problemsAt(source: SourceRef): readonly PolicyProblem[];
  /** The pod class of a workload of the input (undefined for a PodTemplate, which starts no pod). */
  classOf(workload: Workload): PodClass | undefined;
}

const engines = new WeakMap<ClusterModelIndex, NetpolEngine>();

export function netpolEngineOf(model: ClusterModelIndex): NetpolEngine {
  let engine = engines.get(model);
  if (engine === undefined) {
    engine = buildEngine(model);
    engines.set(model, engine);
  }
  return engine;
}

const NONE: readonly PolicyProblem[] = [];

function buildEngine(model: ClusterModelIndex): NetpolEngine {
  const adapted = netpolInputFromModel(model.model);
  const analysis = selectNetworkPolicies(adapted.input);
  const positionAt = new Map<string, number>();
  adapted.policySources.forEach((source, i) => positionAt.set(sourceKey(source), i));
  const compiledAt = new Map<number, CompiledNetworkPolicy>();
  for (const p of analysis.policies) compiledAt.set(p.index, p);
  const problemsByPosition = new Map<number, PolicyProblem[]>();
  for (const p of analysis.problems) {
    if (p.kind !== 'NetworkPolicy' || p.index === undefined) continue;
    const list = problemsByPosition.get(p.index);
    if (list) list.push(p);
    else problemsByPosition.set(p.index, [p]);
  }
  const position = (source: SourceRef) => positionAt.get(sourceKey(source));
  return {
    adapted,
    analysis,
    policyAt(source) {
      const i = position(source);
      return i === undefined ? undefined : compiledAt.get(i);
    },
    problemsAt(source) {
      const i = position(source);
      return (i !== undefined ? problemsByPosition.get(i) : undefined) ?? NONE;
    },
    classOf(workload) {
      const summary = model.workloadAt(workload.resource.source);
      const i = summary !== undefined ? adapted.workloadIndexOf.get(summary) : undefined;
      if (i === undefined) return undefined;
      return analysis.index.classes[analysis.index.classOf[i]!];
    },
  };
}

const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

/** An error of the input about one field of a resource (`scan` locates it and reports it with file:line). */
export interface FieldError {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * Why the engine left a NetworkPolicy or an admin network policy out of the analysis: the
 * API server would reject it (an invalid CIDR, an `except` outside its `cidr`, `endPort`
 * without a numeric `port` or below it, an invalid selector…), or another object of the same
 * namespace and name came first. Empty for other resources and for valid policies.
 */
export function networkPolicyErrors(resource: Resource, model: ClusterModelIndex): FieldError[] {
  const kind = resource.ref.kind;
  if (kind !== 'NetworkPolicy' && !ADMIN_KINDS.has(kind)) return [];
  const engine = netpolEngineOf(model);
  const problems =
    kind === 'NetworkPolicy'
      ? engine.problemsAt(resource.source)
      : sourceKey(engine.adapted.sourceOf(kind, undefined, resource.ref.name) ?? resource.source) ===
          sourceKey(resource.source)
        ? engine.analysis.problems.filter((p) => p.kind === kind && p.name === resource.ref.name)
        : [];
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => {
      const first = p.duplicateOf !== undefined ? engine.adapted.policySources[p.duplicateOf] : undefined;
      const why =
        first !== undefined
          ? `${p.message} (first at ${first.file}:${first.line}, the definition analysed); this one is left out of the network analysis`
          : `${p.path}: ${p.message}; the API server rejects this policy, so it is left out of the network analysis`;
      return { path: parseFieldPath(p.path), message: why };
    });
}

/** The valid Kubernetes NetworkPolicy a rule runs on, compiled by the engine. */
export function policyOf(resource: Resource, model: ClusterModelIndex): CompiledNetworkPolicy | undefined {
  if (resource.ref.kind !== 'NetworkPolicy') return undefined;
  return netpolEngineOf(model).policyAt(resource.source);
}
