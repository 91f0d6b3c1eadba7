/**
 * What lets every thread run every rule on its own files: a rule reads other objects only
 * through the cluster model. Evaluating the input file by file, each file against a copy of
 * the model of the whole input (as a thread receives it), then de-duplicating controllers once
 * over every file's findings, gives exactly one evaluation of the whole input.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Inventory } from '../src/k8s/inventory.js';
import type { Resource } from '../src/k8s/resource.js';
import { loadInputs } from '../src/load/files.js';
import { buildClusterModel } from '../src/model/build.js';
import { ClusterModelIndex } from '../src/model/modelIndex.js';
import { ALL_RULES, DEFAULT_CONFIG } from '../src/policy/config.js';
import { suppressRepeatedFindings } from '../src/policy/controlled.js';
import { evaluate, type EvaluateOptions } from '../src/policy/evaluate.js';
import { BUILTIN_RULES } from '../src/policy/registry.js';
import type { Finding, SuppressedFinding } from '../src/policy/types.js';
import { TEST_SETTINGS } from './ruleTester.js';

const root = resolve(import.meta.dirname, '..');

/** The resources of each file, in input order. */
function byFile(resources: readonly Resource[]): Resource[][] {
  const shares: Resource[][] = [];
  for (const r of resources) {
    const last = shares[shares.length - 1];
    if (last !== undefined && last[0]!.source.file === r.source.file) last.push(r);
    else shares.push([r]);
  }
  return shares;
}

describe.each([
  ['the shared corpus', resolve(root, '../shared/corpus'), 104],
  ['the examples', resolve(root, 'examples'), 20],
])('every rule on %s, file by file against the model of all files', (_name, dir, fileCount) => {
  it('finds exactly what one evaluation of the whole input finds', async () => {
    expect(existsSync(dir)).toBe(true);
    const loaded = await loadInputs([dir], { workers: 0 });
    const shares = byFile(loaded.resources);
    expect(shares).toHaveLength(fileCount);
    const options: EvaluateOptions = {
      rules: BUILTIN_RULES,
      // opt-in rules too: every rule must keep to the model
      config: { ...DEFAULT_CONFIG, rules: { [ALL_RULES]: { enabled: true } } },
      settings: TEST_SETTINGS,
      now: new Date('2026-01-01T00:00:00Z'),
    };
    const model = buildClusterModel(loaded.resources);
    const whole = evaluate(new Inventory(loaded.resources), {
      ...options,
      model: new ClusterModelIndex(model),
    });
    expect(whole.findings.length).toBeGreaterThan(100);

    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    const errors: unknown[] = [];
    for (const share of shares) {
      // a thread's own index over its copy of the merged model; its findings copied back
      const threadModel = new ClusterModelIndex(structuredClone(model));
      const part = evaluate(new Inventory(share), {
        ...options,
        model: threadModel,
        dedupeControllers: false,
      });
      findings.push(...structuredClone(part.findings));
      suppressed.push(...structuredClone(part.suppressed));
      errors.push(...part.errors);
    }
    suppressRepeatedFindings(new ClusterModelIndex(model), findings, suppressed);
    expect(errors).toEqual(whole.errors);
    expect(findings).toEqual(whole.findings);
    expect(suppressed).toEqual(whole.suppressed);
  });
});
