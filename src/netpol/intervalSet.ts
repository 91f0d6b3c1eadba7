/**
 * Sets of integers as sorted, disjoint, non-adjacent half-open intervals `[start, end)`.
 * One implementation serves port sets (numbers) and IP address sets (bigints: IPv6 needs
 * 128 bits): half-open bounds need only comparisons, never `+ 1`, so the same code works
 * for both. Sets are immutable arrays; every operation returns a new normalised set.
 */

export type Bound = number | bigint;
export type Interval<T extends Bound> = readonly [start: T, end: T];
export type IntervalSet<T extends Bound> = readonly Interval<T>[];

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function normalise<T extends Bound>(intervals: readonly Interval<T>[]): IntervalSet<T> {
  const sorted = intervals.filter(([s, e]) => s < e).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Interval<T>[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s <= last[1]) {
      if (e > last[1]) out[out.length - 1] = [last[0], e];
    } else out.push([s, e]);
  }
  return out;
}

export function union<T extends Bound>(a: IntervalSet<T>, b: IntervalSet<T>): IntervalSet<T> {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalise([...a, ...b]);
}

export function intersect<T extends Bound>(a: IntervalSet<T>, b: IntervalSet<T>): IntervalSet<T> {
  const out: Interval<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    const s = as > bs ? as : bs;
    const e = ae < be ? ae : be;
    if (s < e) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

export function subtract<T extends Bound>(a: IntervalSet<T>, b: IntervalSet<T>): IntervalSet<T> {
  if (a.length === 0 || b.length === 0) return a;
  const out: Interval<T>[] = [];
  let j = 0;
  for (const [start, end] of a) {
    let s = start;
    while (j < b.length && b[j]![1] <= s) j++;
    let k = j;
    while (k < b.length && b[k]![0] < end) {
      const [bs, be] = b[k]!;
      if (bs > s) out.push([s, bs]);
      if (be > s) s = be;
      if (s >= end) break;
      k++;
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

export function equals<T extends Bound>(a: IntervalSet<T>, b: IntervalSet<T>): boolean {
  return a.length === b.length && a.every(([s, e], i) => s === b[i]![0] && e === b[i]![1]);
}

/** True when `value` is in the set (binary search). */
export function has<T extends Bound>(set: IntervalSet<T>, value: T): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = set[mid]!;
    if (value < s) hi = mid - 1;
    else if (value >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

/** True when every element of `b` is in `a`. */
export function containsAll<T extends Bound>(a: IntervalSet<T>, b: IntervalSet<T>): boolean {
  return subtract(b, a).length === 0;
}

/**
 * The elementary intervals of a family of sets inside `universe`: the pieces between
 * consecutive boundaries of any set, so each piece lies wholly inside or outside every
 * set. netpol-analyzer splits external address space the same way
 * (`netset.DisjointIPBlocks`, then one peer per contiguous range).
 */
export function elementaryIntervals<T extends Bound>(
  universe: Interval<T>,
  sets: readonly IntervalSet<T>[],
): IntervalSet<T> {
  const cuts = new Set<T>([universe[0], universe[1]]);
  for (const set of sets) {
    for (const [s, e] of set) {
      if (s > universe[0] && s < universe[1]) cuts.add(s);
      if (e > universe[0] && e < universe[1]) cuts.add(e);
    }
  }
  const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Interval<T>[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) out.push([sorted[i]!, sorted[i + 1]!]);
  return out;
}
