/**
 * The JSON documents of `kubeward paths`, `blast-radius` and `exposure`, in the shapes issue 13
 * gives (README "Attack paths, blast radius and exposure"): assets are `{kind, namespace, name}`,
 * each hop `{from, to, edge, mitre, evidence}` (plus the `fix` that breaks it).
 */
import type { Exposure } from '../graph/exposure.js';
import type { BlastRadius } from '../graph/queries.js';
import type { Asset, AttackPath } from '../graph/types.js';

const asset = (a: Asset): Asset => ({ kind: a.kind, namespace: a.namespace, name: a.name });

export function pathsJson(paths: readonly AttackPath[]): unknown {
  return {
    paths: paths.map((p) => ({
      hops: p.hops.map((h) => ({
        from: asset(h.from),
        to: asset(h.to),
        edge: h.edge,
        mitre: h.mitre,
        evidence: h.evidence,
        fix: h.fix,
      })),
    })),
  };
}

export function blastRadiusJson(radius: BlastRadius): unknown {
  return {
    workload: asset(radius.workload),
    assets: radius.assets.map((a) => ({ kind: a.kind, namespace: a.namespace, name: a.name, hops: a.hops })),
  };
}

export function exposureJson(before: Exposure, after?: Exposure): unknown {
  return after === undefined ? before : { before, after };
}
