import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutVertex } from './htmlLayout.js';

const v = (id: string, group: LayoutVertex['group'], namespace = 'ns'): LayoutVertex => ({
  id,
  group,
  label: id,
  namespace,
});

describe('layeredLayout', () => {
  it('puts each vertex in the column of its hop distance from the nearest entry point', () => {
    // entry → a → b → c, entry → c (so c is 1 hop), d reached from no entry: after the reached columns
    const vertices = [
      v('c', 'secret'),
      v('a', 'workload'),
      v('entry', 'entry'),
      v('b', 'identity'),
      v('d', 'workload'),
    ];
    const edges = [
      { from: 'entry', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'entry', to: 'c' },
    ];
    const xs = layeredLayout(vertices, edges, { columnGap: 100 }).map((p) => p.x);
    // columns: 0 entry; 1 a, c; 2 b; 3 d (its own distance 0 from itself, after the reached ones)
    expect(xs).toEqual([100, 100, 0, 200, 300]);
  });

  it('orders a column by group, namespace and label, wraps it past rowsPerColumn, and centres it', () => {
    const vertices = [
      v('w2', 'workload', 'b'),
      v('w1', 'workload', 'b'),
      v('w0', 'workload', 'a'),
      v('s', 'identity', 'a'),
    ];
    const positions = layeredLayout(vertices, [], { rowsPerColumn: 2, columnGap: 10, rowGap: 1 });
    // unreached workloads and the identity all sit at distance 0 of the workload pass except s,
    // which no workload reaches: it goes after. Column 0: w0 (a), w1 (b) | column 1: w2 | column 2: s
    expect(positions).toEqual([
      { x: 10, y: -0.5 },
      { x: 0, y: 0.5 },
      { x: 0, y: -0.5 },
      { x: 20, y: 0 },
    ]);
  });

  it('gives the same positions for the same graph', () => {
    const vertices = Array.from({ length: 300 }, (_, i) =>
      v(`w${i}`, i % 7 === 0 ? 'entry' : 'workload', `ns${i % 5}`),
    );
    const edges = Array.from({ length: 299 }, (_, i) => ({ from: `w${i}`, to: `w${i + 1}` }));
    expect(layeredLayout(vertices, edges)).toEqual(layeredLayout(vertices, edges));
  });
});
