/**
 * NETWORK_REACH: workload → workload, only where the NetworkPolicy engine allows a connection
 * to a port the target serves (its containers' `ports`; a workload that declares none serves
 * nothing a policy could name). Decided per pair of the engine's pod classes, never per pod
 * pair: every workload of a class enters the class's source group for free; the technique edge
 * runs from that group to the target class's group, which holds its workloads.
 *
 * Unprotected targets (no policy of any tier restricts their ingress) are collected in one
 * group; a source whose egress nothing restricts reaches it with a single edge, so a cluster
 * without policies costs one edge per class, not one per pair. Other pairs are asked of the
 * engine (`Reachability.between`), protected targets only for the sources their rules admit
 * (`possibleSources`).
 */
import type { NetpolAnalysis } from '../netpol/analyze.js';
import { ConnectionSet, isProtocol } from '../netpol/connectionSet.js';
import { workloadName } from '../netpol/model.js';
import type { PodClass } from '../netpol/podClasses.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { AttackGraph } from './attackGraph.js';

function servedBy(cls: PodClass): ConnectionSet {
  let served = ConnectionSet.none;
  for (const p of cls.ports) {
    if (isProtocol(p.protocol)) served = served.union(ConnectionSet.range(p.protocol, p.containerPort));
  }
  return served;
}

function classText(cls: PodClass): string {
  const names = cls.workloads.slice(0, 3).map((w) => workloadName(w.ref));
  const more = cls.workloads.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function policiesText(analysis: NetpolAnalysis, cls: PodClass): string {
  const names = analysis.reachability.policiesOf[cls.id]!.selecting.map((p) => `${p.namespace}/${p.name}`);
  return names.length === 0 ? 'admin network policies' : `NetworkPolicy ${names.join(', ')}`;
}

export function addNetworkEdges(
  graph: AttackGraph,
  analysis: NetpolAnalysis,
  membersOf: ReadonlyMap<string, readonly WorkloadSummary[]>,
  vertexOf: ReadonlyMap<WorkloadSummary, number>,
): void {
  const { index, reachability: r } = analysis;
  const served = index.classes.map(servedBy);
  const sourceGroup: number[] = [];
  const targetGroup: number[] = [];
  for (const cls of index.classes) {
    const src = graph.vertex(
      { kind: 'NetworkClass', namespace: cls.namespace, name: `src#${cls.id}` },
      { role: 'source-group' },
    );
    const dst = graph.vertex(
      { kind: 'NetworkClass', namespace: cls.namespace, name: `dst#${cls.id}` },
      { role: 'target-group' },
    );
    sourceGroup.push(src);
    targetGroup.push(dst);
    for (const nw of cls.workloads) {
      for (const w of membersOf.get(workloadName(nw.ref)) ?? []) {
        const id = vertexOf.get(w);
        if (id === undefined) continue;
        graph.member(id, src);
        graph.member(dst, id);
      }
    }
  }
  const openTargets = index.classes.filter((c) => !served[c.id]!.isEmpty() && !r.isProtected(c, 'ingress'));
  const open = graph.vertex(
    { kind: 'NetworkClass', namespace: '', name: 'unprotected' },
    { role: 'target-group' },
  );
  for (const c of openTargets) graph.member(open, targetGroup[c.id]!);
  // Every class whose egress nothing restricts, as one source.
  const egressOpen = graph.vertex(
    { kind: 'NetworkClass', namespace: '', name: 'egress-unrestricted' },
    { role: 'source-group' },
  );
  const restricted: PodClass[] = [];
  for (const c of index.classes) {
    if (r.isProtected(c, 'egress')) restricted.push(c);
    else graph.member(sourceGroup[c.id]!, egressOpen);
  }
  const reach = (from: number, src: string, dst: PodClass, conns: ConnectionSet, evidence: string): void => {
    // policies add up: where some already isolate the target, only narrowing them cuts the edge
    const fix = r.isProtected(dst, 'ingress')
      ? `narrow the ingress rules of ${policiesText(analysis, dst)} so none admits ${src}`
      : `add a NetworkPolicy selecting ${classText(dst)} whose ingress rules do not admit ${src}`;
    graph.technique(from, targetGroup[dst.id]!, 'NETWORK_REACH', {
      text: `${evidence}: ${conns.toString()}`,
      fix,
    });
  };
  if (openTargets.length > 0)
    graph.technique(egressOpen, open, 'NETWORK_REACH', {
      text: 'no NetworkPolicy restricts the egress of the source or the ingress of the target',
      fix: 'add NetworkPolicies (default deny, then what is needed) to the namespaces of source and target',
    });
  for (const src of restricted) {
    for (const dst of openTargets) {
      const conns = r.side('egress', src, { cls: dst }).intersect(served[dst.id]!);
      if (!conns.isEmpty())
        reach(
          sourceGroup[src.id]!,
          classText(src),
          dst,
          conns,
          `egress of ${classText(src)} allowed by ${policiesText(analysis, src)}, target unprotected`,
        );
    }
  }
  for (const dst of index.classes) {
    if (served[dst.id]!.isEmpty() || !r.isProtected(dst, 'ingress')) continue;
    const evidence = `ingress allowed by ${policiesText(analysis, dst)}`;
    if (admitsEveryClass(analysis, dst)) {
      // The ingress side answers alike for every source class: asked once, for the class itself.
      const conns = r.side('ingress', dst, { cls: dst }).intersect(served[dst.id]!);
      if (conns.isEmpty()) continue;
      reach(egressOpen, 'any pod', dst, conns, evidence);
      for (const src of restricted) {
        const both = r.side('egress', src, { cls: dst }).intersect(conns);
        if (!both.isEmpty()) reach(sourceGroup[src.id]!, classText(src), dst, both, evidence);
      }
      continue;
    }
    for (const src of r.possibleSources(dst)) {
      const conns = r.between(src, dst).intersect(served[dst.id]!);
      if (!conns.isEmpty()) reach(sourceGroup[src.id]!, classText(src), dst, conns, evidence);
    }
  }
}

/** True when only NetworkPolicy rules decide the class's ingress and each admits every pod class. */
function admitsEveryClass(analysis: NetpolAnalysis, dst: PodClass): boolean {
  const r = analysis.reachability;
  const grants = r.policiesOf[dst.id]!.ingress;
  return (
    grants !== undefined &&
    r.adminOf[dst.id]!.ingress.length === 0 &&
    r.baselineOf[dst.id]!.ingress.length === 0 &&
    grants.every((g) => g.peers.classes === 'all')
  );
}
