/**
 * `audit --output-dir`: the PolicyReports as files, one per report
 * (`policyreport.<namespace>.<name>.yaml`, `clusterpolicyreport.<name>.yaml`), each replaced
 * whole (written beside, then renamed: a reader never sees half a report); a report of an
 * earlier cycle that this one no longer has is removed.
 */
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPolicyReportsYaml, type PolicyReport } from '../report/policyReport.js';

export function reportFileName(r: PolicyReport): string {
  return r.kind === 'PolicyReport'
    ? `policyreport.${r.metadata.namespace}.${r.metadata.name}.yaml`
    : `clusterpolicyreport.${r.metadata.name}.yaml`;
}

const OURS = /^(cluster)?policyreport\.[a-z0-9.-]+\.yaml$/;

/** Writes the reports into `dir` (which exists); returns the names written and removed. */
export async function writeReportFiles(
  dir: string,
  reports: readonly PolicyReport[],
): Promise<{ written: string[]; removed: string[] }> {
  const written: string[] = [];
  for (const r of reports) {
    const name = reportFileName(r);
    const tmp = join(dir, `.${name}.tmp`);
    await writeFile(tmp, renderPolicyReportsYaml([r]));
    await rename(tmp, join(dir, name));
    written.push(name);
  }
  const keep = new Set(written);
  const removed: string[] = [];
  for (const f of await readdir(dir)) {
    if (OURS.test(f) && !keep.has(f)) {
      await rm(join(dir, f), { force: true });
      removed.push(f);
    }
  }
  return { written, removed };
}
