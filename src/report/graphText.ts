/**
 * `kubeward paths`, `blast-radius` and `exposure` for people: one line per hop with its
 * technique, MITRE ATT&CK id, evidence and fix; assets grouped by kind; the figures aligned.
 */
import { createColors } from 'picocolors';
import type { Exposure } from '../graph/exposure.js';
import type { BlastRadius } from '../graph/queries.js';
import { assetText, type AttackPath } from '../graph/types.js';

export function renderPathsText(from: string, paths: readonly AttackPath[], color: boolean): string {
  const c = createColors(color);
  if (paths.length === 0) return `no attack path from ${from}\n`;
  const out: string[] = [];
  paths.forEach((p, i) => {
    const end = p.hops[p.hops.length - 1]!;
    out.push(
      c.bold(
        `path ${i + 1}: ${from} → ${assetText(end.to)} (${p.hops.length} hop${p.hops.length === 1 ? '' : 's'})`,
      ),
    );
    p.hops.forEach((h, j) => {
      out.push(`  ${j + 1}. ${assetText(h.from)} → ${assetText(h.to)}  ${c.yellow(h.edge)} (${h.mitre})`);
      out.push(`     evidence: ${h.evidence}`);
      out.push(`     fix:      ${h.fix}`);
    });
  });
  return `${out.join('\n')}\n`;
}

export function renderBlastRadiusText(radius: BlastRadius, color: boolean): string {
  const c = createColors(color);
  const name = assetText(radius.workload);
  if (radius.assets.length === 0) return `blast radius of ${name}: nothing reachable\n`;
  const out = [
    c.bold(`blast radius of ${name}: ${radius.assets.length} asset${radius.assets.length === 1 ? '' : 's'}`),
  ];
  let kind = '';
  for (const a of radius.assets) {
    if (a.kind !== kind) {
      kind = a.kind;
      out.push(`${kind}:`);
    }
    out.push(`  ${String(a.hops).padStart(2)} hop${a.hops === 1 ? ' ' : 's'}  ${assetText(a)}`);
  }
  return `${out.join('\n')}\n`;
}

type Figure = Exclude<keyof Exposure, 'chokePoints'>;

const FIGURES: readonly [Figure, string, string][] = [
  ['attackSurfaceExposure', 'Attack Surface Exposure', '%'],
  ['assumeBreachExposure', 'Assume-breach exposure', '%'],
  ['entryPoints', 'Entry points', ''],
  ['assets', 'Assets', ''],
  ['criticalPathEntryShare', 'Entry points with a path to a critical asset', '%'],
  ['minHopsToCritical', 'Fewest hops from an entry point to a critical asset', ''],
];

export function renderExposureText(before: Exposure, after: Exposure | undefined, color: boolean): string {
  const c = createColors(color);
  const value = (e: Exposure, key: Figure, unit: string) => {
    const v = e[key];
    return v === null ? 'none' : `${String(v)}${unit}`;
  };
  const width = Math.max(...FIGURES.map(([, label]) => label.length));
  const out: string[] = [];
  if (after !== undefined) out.push(c.bold(`${''.padEnd(width)}  ${'before'.padEnd(10)}after`));
  for (const [key, label, unit] of FIGURES) {
    const b = value(before, key, unit);
    out.push(
      `${label.padEnd(width)}  ${after === undefined ? b : `${b.padEnd(10)}${value(after, key, unit)}`}`,
    );
  }
  const chokes = (after ?? before).chokePoints;
  if (chokes.length > 0) {
    out.push(
      '',
      c.bold(
        `Top choke points${after !== undefined ? ' (after)' : ''}: shortest paths from entry points through each fix`,
      ),
    );
    for (const k of chokes)
      out.push(`  ${String(k.paths).padStart(4)}  ${c.yellow(k.edge)}  ${k.fix}`, `        ${k.evidence}`);
  }
  return `${out.join('\n')}\n`;
}
