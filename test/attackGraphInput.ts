/**
 * Test input for the attack graph: a graph from YAML text, and the direct hops (one technique
 * edge, through any groups) that leave a vertex, as `TECHNIQUE → ns/Kind/name` strings.
 */
import { buildAttackGraph, type BuiltGraph } from '../src/graph/build.js';
import { assetText } from '../src/graph/types.js';
import { resolveRef } from '../src/graph/workloadRef.js';
import { parseManifestText } from '../src/load/parse.js';
import { buildClusterModel } from '../src/model/build.js';

export function attackGraphOf(yaml: string): BuiltGraph {
  const parsed = parseManifestText(yaml, 'test.yaml');
  return buildAttackGraph(buildClusterModel(parsed.resources));
}

/** The vertex named `ns/Kind/name` (or `Kind/name`); throws when there is none, which fails the test. */
export function vertexNamed(built: BuiltGraph, text: string): number {
  const found = built.graph.vertices.find((v) => assetText(v.asset) === text);
  if (found === undefined) {
    const r = resolveRef(built, text, 'asset');
    throw new Error('error' in r ? r.error : `no vertex ${text}`);
  }
  return found.id;
}

/** Every `TECHNIQUE → target` one technique edge away from `from`, sorted. */
export function directHops(built: BuiltGraph, from: string): string[] {
  const { graph } = built;
  const start = vertexNamed(built, from);
  const out = new Set<string>();
  // Free edges into source groups, then one technique edge, then free edges to real vertices.
  const before = [start];
  for (let i = 0; i < before.length; i++) {
    for (const ei of graph.outgoing[before[i]!]!) {
      const e = graph.edges[ei]!;
      if (e.technique === undefined) {
        if (graph.vertices[e.to]!.role === 'source-group' && !before.includes(e.to)) before.push(e.to);
        continue;
      }
      const after = [e.to];
      for (let j = 0; j < after.length; j++) {
        const v = graph.vertices[after[j]!]!;
        if (v.role === 'real') {
          out.add(`${e.technique} → ${assetText(v.asset)}`);
          continue;
        }
        for (const fi of graph.outgoing[v.id]!) {
          const f = graph.edges[fi]!;
          if (f.technique === undefined && !after.includes(f.to)) after.push(f.to);
        }
      }
    }
  }
  return [...out].sort();
}
