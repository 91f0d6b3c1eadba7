/**
 * A unified diff (`diff -u`, what `git apply` and `patch -p1` read) of two versions of a file:
 * Myers' O(ND) shortest edit script over lines, hunks with three lines of context.
 * Fix edits are few and small, so D stays small whatever the file's size.
 */

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Lines with their line ending kept, so a CRLF file diffs as CRLF. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Myers' algorithm (1986): `trace[d]` is the frontier before round d, walked back from the end. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Array<number>(2 * offset + 1).fill(0);
  const trace: number[][] = [];
  let rounds = 0;
  search: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        rounds = d;
        break search;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = rounds; d > 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = prev[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

const CONTEXT = 3;

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/** The diff of `before` to `after` under the labels of its `---` and `+++` lines; empty when they are equal. */
export function unifiedDiff(
  labels: { readonly before: string; readonly after: string },
  before: string,
  after: string,
): string {
  if (before === after) return '';
  const ops = editScript(linesOf(before), linesOf(after));
  const changed = ops.flatMap((o, i) => (o.kind === ' ' ? [] : [i]));
  let out = `--- ${labels.before}\n+++ ${labels.after}\n`;
  let i = 0;
  while (i < changed.length) {
    const first = changed[i]!;
    let last = first;
    while (i + 1 < changed.length && changed[i + 1]! - last <= 2 * CONTEXT) last = changed[++i]!;
    i++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    let oldStart = 1;
    let newStart = 1;
    for (const o of ops.slice(0, from)) {
      if (o.kind !== '+') oldStart++;
      if (o.kind !== '-') newStart++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const o of hunk) {
      out += o.kind + o.line;
      if (!o.line.endsWith('\n')) out += '\n\\ No newline at end of file\n';
    }
  }
  return out;
}
