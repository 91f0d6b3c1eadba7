/**
 * Renderings of a connectivity diff. `txt`, `csv` and `md` are netpol-analyzer's `diff`
 * formats (np-guard/netpol-analyzer pkg/netpol/diff/diff_formatter*.go, as its expected
 * outputs show): `changed`, then `added`, then `removed` lines, each group sorted by its
 * rendered line; `ref1` is the old version. `json` is kubeward's (schemaVersion 1).
 */
import type { DiffEntry, DiffType } from '../netpol/diff.js';

export type DiffFormat = 'txt' | 'csv' | 'md' | 'json';

const ORDER: readonly DiffType[] = ['changed', 'added', 'removed'];

function ordered(entries: readonly DiffEntry[], line: (e: DiffEntry) => string): string[] {
  return ORDER.flatMap((type) =>
    entries
      .filter((e) => e.type === type)
      .map(line)
      .sort(),
  );
}

/** Quotes a field as Go's encoding/csv does: when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatDiff(entries: readonly DiffEntry[], format: DiffFormat): string {
  const fields = (e: DiffEntry) => [e.type, e.src, e.dst, e.old.toString(), e.new.toString(), e.info];
  switch (format) {
    case 'txt':
      return [
        'Connectivity diff:',
        ...ordered(
          entries,
          (e) =>
            `diff-type: ${e.type}, source: ${e.src}, destination: ${e.dst}, ref1: ${e.old.toString()}, ref2: ${e.new.toString()}` +
            (e.info !== '' ? `, workloads-diff-info: ${e.info}` : ''),
        ),
      ].join('\n');
    case 'csv':
      return (
        [
          'diff-type,source,destination,ref1,ref2,workloads-diff-info',
          ...ordered(entries, (e) => fields(e).map(csvField).join(',')),
        ].join('\n') + '\n'
      );
    case 'md':
      return [
        '| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |',
        '|-----------|--------|-------------|------|------|---------------------|',
        ...ordered(entries, (e) => `| ${fields(e).join(' | ')} |`),
      ].join('\n');
    case 'json': {
      const list = ORDER.flatMap((type) =>
        entries
          .filter((e) => e.type === type)
          .sort((a, b) =>
            a.src < b.src ? -1 : a.src > b.src ? 1 : a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0,
          ),
      );
      return JSON.stringify(
        {
          schemaVersion: '1',
          summary: Object.fromEntries(ORDER.map((t) => [t, entries.filter((e) => e.type === t).length])),
          diff: list.map((e) => ({
            type: e.type,
            src: e.src,
            dst: e.dst,
            old: e.old.toString(),
            new: e.new.toString(),
            ...(e.info !== '' ? { workloads: e.info } : {}),
          })),
        },
        null,
        2,
      );
    }
  }
}
