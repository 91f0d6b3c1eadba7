/**
 * `kubeward export vap` round trip: the exported Pod Security policies, run through kubeward's own
 * `vap test` engine, must give the verdict of the native PSS engine (the one the pss-* rules use) at
 * the newest policy version — on every upstream PSS fixture (both levels, every copied version folder,
 * read in place from ../shared) and on every workload of examples/.
 */
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/files.js';
import { makeResource, type Resource } from '../../src/k8s/resource.js';
import { podTemplateOf } from '../../src/k8s/podSpec.js';
import { evaluatePodSecurity } from '../../src/pss/evaluate.js';
import { pssBinding, pssPolicy } from '../../src/policy/exportVap/pssPolicy.js';
import { testPolicies } from '../../src/vap/run.js';
import { loadFixtures } from './pssFixtureSet.js';

const LEVELS = ['baseline', 'restricted'] as const;
const policyInput = (level: (typeof LEVELS)[number]): Resource[] =>
  [pssPolicy('baseline'), pssPolicy('restricted'), pssBinding(level, 'Deny')].map((o, i) =>
    makeResource(o, { file: 'export.yaml', documentIndex: i, line: 1 }),
  );

function compare(resources: readonly Resource[], level: (typeof LEVELS)[number]): { name: string; native: boolean; exported: boolean; message?: string }[] {
  const exported = testPolicies(resources, policyInput(level));
  expect(exported.problems).toEqual([]);
  return exported.results.flatMap(({ resource, verdict }) => {
    const template = podTemplateOf(resource.object, resource.ref.kind);
    if (template === undefined) return [];
    const native = evaluatePodSecurity(template.metadata, template.spec, { level, version: 'latest' }).allowed;
    return [{ name: `${resource.source.file} ${resource.ref.kind}/${resource.ref.name}`, native, exported: verdict.allowed, ...(verdict.message !== undefined ? { message: verdict.message } : {}) }];
  });
}

describe('exported PSS policies agree with the native engine', () => {
  const fixtures = loadFixtures();
  const pods = fixtures.map((f) => makeResource(f.pod, { file: f.relPath, documentIndex: 0, line: 1 }));

  it.each(LEVELS)('on every upstream fixture at level %s', (level) => {
    const rows = compare(pods, level);
    expect(rows.length).toBe(fixtures.length);
    const disagreements = rows.filter((r) => r.native !== r.exported);
    expect(disagreements).toEqual([]);
    // Both verdicts occur: the comparison is not vacuous.
    expect(rows.some((r) => r.native) && rows.some((r) => !r.native)).toBe(true);
  });

  it.each(LEVELS)('on every workload of examples/ at level %s', async (level) => {
    const loaded = await loadInputs(['examples']);
    const rows = compare(loaded.resources, level);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.native !== r.exported)).toEqual([]);
  });
});
