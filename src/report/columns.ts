/** Aligned text tables for the terminal formatters (rbac, pss plan). */

/**
 * Each row as one line: every cell but the last padded to its column's widest cell, two spaces
 * between columns, trailing blanks trimmed. `style` wraps a cell after padding (colour), so
 * escape codes never count toward a width.
 */
export function alignColumns(
  rows: readonly (readonly string[])[],
  style: (cell: string, column: number, row: number) => string = (cell) => cell,
): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r, ri) =>
    r
      .map((cell, i) => style(i === r.length - 1 ? cell : cell.padEnd(widths[i]!), i, ri))
      .join('  ')
      .trimEnd(),
  );
}
