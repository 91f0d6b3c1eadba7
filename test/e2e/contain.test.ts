/**
 * `kubeward contain` round trip on both examples, through files and the built CLI: the plan is
 * applied to a copy of the example the way `kubectl` would leave it (quarantine.yaml applied over
 * the objects of the same name, deletions removed, the pod-template patch merged, a scaled-to-zero
 * workload gone), then `kubeward blast-radius` must find nothing reachable and `kubeward netpol
 * diff` no changed connection that does not involve the quarantined workload.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Doc = Record<string, unknown> & { kind?: string; metadata?: { name?: string; namespace?: string } };
interface Plan {
  workload: { kind: string; namespace: string; name: string };
  blastRadiusBefore: number;
  blastRadiusIsolated: number;
  blastRadiusAfter: number;
  scaleToZero: boolean;
  manifests: Doc[];
  deletions: { kind: string; namespace: string; name: string }[];
  commands: string[];
  verified: boolean;
}

function merge(a: unknown, b: unknown): unknown {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(b))
    return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
  return out;
}

/** Applies the plan to the documents of `dir` as the cluster would end up. */
function applyPlan(dir: string, plan: Plan): void {
  const same = (d: Doc, kind: string, namespace: string, name: string) =>
    d.kind === kind && (d.metadata?.namespace ?? '') === namespace && d.metadata?.name === name;
  const patch = plan.commands.find(
    (c) => c.startsWith('kubectl patch') && c.includes('automountServiceAccountToken'),
  );
  const patchBody = patch === undefined ? undefined : (JSON.parse(/-p '(.*)'$/.exec(patch)![1]!) as unknown);
  const pending = [...plan.manifests];
  const w = plan.workload;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
      (d) => d.toJSON() as Doc | null,
    );
    const out: Doc[] = [];
    for (const d of docs) {
      if (d === null) continue;
      const ns = d.metadata?.namespace ?? '';
      if (plan.deletions.some((x) => same(d, x.kind, x.namespace, x.name))) continue;
      if (same(d, w.kind, w.namespace, w.name)) {
        if (plan.scaleToZero) continue;
        out.push(patchBody === undefined ? d : (merge(d, patchBody) as Doc));
        continue;
      }
      const i = pending.findIndex((m) => same(d, m.kind!, ns, m.metadata!.name!));
      out.push(i >= 0 ? pending.splice(i, 1)[0]! : d);
    }
    writeFileSync(join(dir, file), out.map((d) => parseDocument(JSON.stringify(d)).toString()).join('---\n'));
  }
  writeFileSync(join(dir, 'zz-quarantine.yaml'), pending.map((d) => JSON.stringify(d)).join('\n---\n'));
}

const netpolName = (w: Plan['workload']) => `${w.namespace}/${w.name}[${w.kind}]`;

const CASES: [string, string, [number, number, number, boolean]][] = [
  // [example, workload, [before, isolated, after, scaled to zero]]
  ['insecure-shop', 'shop/frontend', [7, 0, 0, false]],
  ['insecure-shop', 'shop/redis', [7, 1, 0, true]],
  ['insecure-shop', 'shop/log-agent', [7, 7, 0, true]],
  ['hardened-shop', 'hardened-shop/frontend', [5, 0, 0, false]],
  ['hardened-shop', 'hardened-shop/cart', [2, 1, 0, true]],
];

describe('kubeward contain on the examples', () => {
  for (const [example, ref, figures] of CASES) {
    it(`${ref}: the applied plan leaves an empty blast radius and every other connection as it was`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubeward-contain-'));
      const copy = join(dir, example);
      cpSync(join(root, 'examples', example), copy, { recursive: true });
      const out = join(dir, 'plan');
      const r = run(['contain', ref, copy, '-f', 'json', '-o', out]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const plan = JSON.parse(r.stdout) as Plan;
      expect([
        plan.blastRadiusBefore,
        plan.blastRadiusIsolated,
        plan.blastRadiusAfter,
        plan.scaleToZero,
      ]).toEqual(figures);
      expect(plan.verified).toBe(true);
      // the files a responder runs are the plan's own
      expect(readFileSync(join(out, 'quarantine.sh'), 'utf8')).toContain(plan.commands.join('\n'));
      const written = parseAllDocuments(readFileSync(join(out, 'quarantine.yaml'), 'utf8')).map(
        (d) => d.toJSON() as unknown,
      );
      expect(written).toEqual(plan.manifests);

      applyPlan(copy, plan);
      const radius = run(['blast-radius', ref, copy, '-f', 'json']);
      if (plan.scaleToZero) {
        expect(radius.code).toBe(2);
        expect(radius.stderr).toContain(`no workload "${ref}" in the input`);
      } else {
        expect(radius.code).toBe(0);
        expect((JSON.parse(radius.stdout) as { assets: unknown[] }).assets).toEqual([]);
      }
      const diff = run(['netpol', 'diff', join(root, 'examples', example), copy, '-f', 'json']);
      expect(diff.code).toBe(0);
      const entries = (JSON.parse(diff.stdout) as { diff: { src: string; dst: string }[] }).diff;
      const name = netpolName(plan.workload);
      expect(entries.filter((e) => e.src !== name && e.dst !== name)).toEqual([]);
      // and the quarantine did cut something: every connection of the workload is gone
      expect(entries.length).toBeGreaterThan(0);
    });
  }

  it('an unknown workload is a usage error listing candidates (exit 2)', () => {
    const r = run(['contain', 'shop/nope', 'examples/insecure-shop']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no workload "shop/nope" in the input');
  });
});
