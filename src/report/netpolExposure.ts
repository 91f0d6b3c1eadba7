/**
 * netpol-analyzer's JSON rendering of `list --exposure` (its expected outputs
 * `*_exposure_output.json`): the connectivity list, then the exposure per direction with
 * the workload as `src` (egress) or `dst` (ingress), sorted by workload, then peer. The
 * unprotected workloads are not part of that format; they are under `unprotected`.
 */
import type { ConnlistEntry } from '../netpol/connlist.js';
import type { ExposureLine, ExposureResult } from '../netpol/exposure.js';

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatExposureJson(entries: readonly ConnlistEntry[], result: ExposureResult): string {
  const section = (direction: ExposureLine['direction']) =>
    result.lines
      .filter((l) => l.direction === direction)
      .sort((a, b) => byText(a.workload, b.workload) || byText(a.peer, b.peer))
      .map((l) =>
        direction === 'egress'
          ? { src: l.workload, dst: l.peer, conn: l.conns.toString() }
          : { src: l.peer, dst: l.workload, conn: l.conns.toString() },
      );
  return JSON.stringify(
    {
      connlist_results: entries.map((e) => ({ src: e.src, dst: e.dst, conn: e.conns.toString() })),
      exposure_results: { egress_exposure: section('egress'), ingress_exposure: section('ingress') },
      unprotected: [...result.unprotected]
        .sort((a, b) => byText(a.workload, b.workload) || byText(a.direction, b.direction))
        .map((u) => ({ workload: u.workload, direction: u.direction })),
    },
    null,
    2,
  );
}
