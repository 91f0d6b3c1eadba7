/** Counts per severity, shared by every formatter. */
import { SEVERITIES, type Severity } from '../policy/types.js';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The tool's name and version, as formatters print it. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

/**
 * Findings serialised per `JSON.stringify` call by the streamed formats (JSON, SARIF).
 * Small enough that each piece of text stays under V8's large-object size (128 KiB), so
 * the young-generation collector frees it at once; pieces of a thousand findings (1.3 MB)
 * went to the large-object space, which only a full collection empties, and raised the
 * peak of a 100,000-object report by up to 100 MiB.
 */
export const FINDINGS_PER_CHUNK = 50;

/** Text the CLI gathers before each write: many small pieces per write, none large. */
export const WRITE_CHUNK_CHARS = 1 << 16;
