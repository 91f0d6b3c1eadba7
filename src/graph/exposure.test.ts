/**
 * The exposure pass (components and bitsets) against the plain search it replaces: on random
 * graphs, the assume-breach figure equals the mean of the per-workload blast radii found by
 * breadth-first search, and the attack surface equals what a search from every endpoint reaches.
 */
import { describe, expect, it } from 'vitest';
import { AttackGraph } from './attackGraph.js';
import type { BuiltGraph } from './build.js';
import { exposureOf } from './exposure.js';
import { blastRadius } from './queries.js';
import { shortestFrom } from './search.js';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGraph(seed: number): BuiltGraph {
  const rnd = random(seed);
  const graph = new AttackGraph();
  const workloads: number[] = [];
  const endpoints: number[] = [];
  const n = 40;
  for (let i = 0; i < n; i++) {
    const kind = i < 20 ? 'Deployment' : i < 30 ? 'Secret' : i < 35 ? 'Service' : 'Group';
    const id = graph.vertex(
      { kind, namespace: 'ns', name: `v${i}` },
      {
        isAsset: kind === 'Deployment' || kind === 'Secret',
        workload: kind === 'Deployment',
        critical: i === 29,
        role: kind === 'Group' ? 'target-group' : 'real',
      },
    );
    if (kind === 'Deployment') workloads.push(id);
    if (kind === 'Service') endpoints.push(id);
  }
  for (let e = 0; e < 70; e++) {
    const from = Math.floor(rnd() * n);
    const to = Math.floor(rnd() * n);
    if (rnd() < 0.3) graph.member(from, to);
    else graph.technique(from, to, 'NETWORK_REACH', { text: `e${e}`, fix: `f${e % 7}` });
  }
  return { graph, endpoints, entryWorkloads: [], workloads };
}

describe('exposure pass', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees with breadth-first search on random graph %i', (seed) => {
    const built = randomGraph(seed);
    const e = exposureOf(built);
    const mean = built.workloads.reduce((sum, w) => sum + blastRadius(built, w).assets.length, 0) / 20;
    expect(e.assumeBreachExposure).toBe(Math.round((mean / 30) * 10000) / 100);
    const fromEntries = shortestFrom(built.graph, built.endpoints);
    const reached = built.graph.vertices.filter((v) => v.isAsset && fromEntries.dist[v.id]! >= 0).length;
    expect(e.attackSurfaceExposure).toBe(Math.round((reached / 30) * 10000) / 100);
    expect(e.assets).toBe(30);
  });
});
