/**
 * A scan with parse workers finds exactly what a scan on one thread finds, and the per-file
 * precomputation of object rules gives what evaluate() would. Workers run compiled
 * JavaScript, so these tests use the build in dist/: run `npm run build` first.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type * as Registry from '../src/policy/registry.js';
import type * as Scan from '../src/scan.js';
import type * as Files from '../src/load/files.js';
import { Inventory } from '../src/k8s/inventory.js';
import type { ParallelParseStats } from '../src/load/parallelParse.js';
import { parseManifestText } from '../src/load/parse.js';
import { precomputeReports } from '../src/policy/evaluate.js';
import { privilegedContainer } from '../src/policy/rules/pod-security/privileged-container.js';
import { defineRule } from '../src/policy/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');

function requireBuild(): void {
  if (!existsSync(join(root, 'dist/load/parseWorker.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
}

const settings = {
  trustedRegistries: [],
  pss: { level: 'restricted', version: 'latest', explicit: false, checkUnlabelled: false },
} as const;

const newStats = (): ParallelParseStats => ({ workersStarted: 0, filesByWorkers: 0, filesByMain: 0 });

describe('scan with parse workers', () => {
  it('starts no worker for a small input', async () => {
    requireBuild();
    const { loadInputs } = (await import(
      pathToFileURL(join(root, 'dist/load/files.js')).href
    )) as typeof Files;
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-small-'));
    for (let i = 0; i < 20; i++) {
      writeFileSync(join(dir, `m${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`);
    }
    const stats = newStats();
    const loaded = await loadInputs([dir], { workers: 1, parseStats: stats });
    expect(loaded.resources).toHaveLength(20);
    expect(stats).toEqual({ workersStarted: 0, filesByWorkers: 0, filesByMain: 20 });
  });

  it('finds exactly what a scan on one thread finds (the workers run the rules that need no model)', async () => {
    requireBuild();
    const { scan, scanLoaded } = (await import(
      pathToFileURL(join(root, 'dist/scan.js')).href
    )) as typeof Scan;
    const { loadInputs } = (await import(
      pathToFileURL(join(root, 'dist/load/files.js')).href
    )) as typeof Files;
    const { BUILTIN_RULES } = (await import(
      pathToFileURL(join(root, 'dist/policy/registry.js')).href
    )) as typeof Registry;
    const strip = (r: Scan.ScanResult) => ({
      findings: r.findings,
      suppressed: r.suppressed,
      errors: r.errors,
      warnings: r.warnings,
      stats: r.stats,
    });
    const one = await scan([corpus], { workers: 0 });
    expect(one.findings.length).toBeGreaterThan(100);
    // the file hook (shape checks, object rules and their locations, per file as parsed; here all
    // on the main thread) changes nothing: the same as evaluating and locating everything after loading
    const unhooked = scanLoaded(await loadInputs([corpus], { workers: 0 }));
    expect(isDeepStrictEqual(strip(unhooked), strip(one))).toBe(true);
    expect(one.findings.some((f) => f.ruleId === 'privileged-container')).toBe(true);
    // toStrictEqual on this many nested values is slow; node's own deep equality says the same
    expect(isDeepStrictEqual(strip(await scan([corpus], { workers: 1 })), strip(one))).toBe(true);

    // the same path by hand, to see that the workers did parse files and run rules. Whether a
    // worker, started at once, claims a file before the main thread has parsed them all is a
    // race on a loaded machine: up to three tries, each checked in full.
    const hookedLoad = async () => {
      const stats = newStats();
      const loaded = await loadInputs([corpus], {
        workers: 1,
        parseTuning: { startAfterMs: 0, minRemainingMs: 0 },
        parseStats: stats,
        fileHook: {
          module: pathToFileURL(join(root, 'dist/scan.js')).href,
          exportName: 'precomputeObjectRules',
          data: {
            ruleIds: BUILTIN_RULES.filter((r) => r.needsModel !== true).map((r) => r.id),
            settings: {
              trustedRegistries: [],
              pss: { level: 'restricted', version: 'latest', explicit: false, checkUnlabelled: false },
            },
            podTemplateKinds: {},
          },
        },
      });
      // every file is hooked, in whichever thread parsed it
      expect(loaded.hooked?.size).toBe(stats.filesByWorkers + stats.filesByMain);
      expect(isDeepStrictEqual(strip(scanLoaded(loaded)), strip(one))).toBe(true);
      return stats;
    };
    let stats = await hookedLoad();
    for (let attempt = 1; attempt < 3 && stats.filesByWorkers === 0; attempt++) stats = await hookedLoad();
    expect(stats.filesByWorkers).toBeGreaterThan(0);
  });
});

describe('precomputeReports', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
  - {name: a, image: x, securityContext: {privileged: true}}
`;
  const { resources } = parseManifestText(text, 'p.yaml');

  it('gives a rule’s reports for each resource of the file', () => {
    const reports = precomputeReports(new Inventory(resources), [privilegedContainer], settings, []);
    expect(reports.get(resources[0]!)?.reports.get('privileged-container')).toEqual([
      {
        message: 'container "a" runs privileged (securityContext.privileged: true)',
        path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
        container: 'a',
      },
    ]);
  });

  it('leaves out a rule that reads the model without saying so, or throws, for the main thread to run', () => {
    const sneaky = defineRule({
      ...privilegedContainer,
      id: 'sneaky',
      *check({ model, resource }) {
        if (model.namespace('default') === undefined) yield { message: `${resource.ref.name}`, path: [] };
      },
    });
    const throwing = defineRule({
      ...privilegedContainer,
      id: 'throwing',
      check() {
        throw new Error('boom');
      },
    });
    const declared = defineRule({ ...privilegedContainer, id: 'declared', needsModel: true });
    const reports = precomputeReports(
      new Inventory(resources),
      [sneaky, throwing, declared, privilegedContainer],
      settings,
      [],
    );
    const pre = reports.get(resources[0]!);
    expect([...(pre?.reports.keys() ?? [])]).toEqual(['privileged-container']);
    // evaluate() runs these itself; the declared model rule was never precomputed
    expect(pre?.leftOut).toEqual(['sneaky', 'throwing']);
    expect([...(pre?.rules ?? [])]).toEqual(['sneaky', 'throwing', 'privileged-container']);
  });

  it('keeps a rule that asks the model only for its resource’s namespace', () => {
    const namespaced = defineRule({
      ...privilegedContainer,
      id: 'namespaced',
      *check({ model, resource }) {
        yield { message: `in ${model.namespaceOf(resource.ref) ?? model.defaultNamespace}`, path: [] };
      },
    });
    const reports = precomputeReports(
      new Inventory(resources, { defaultNamespace: 'shop' }),
      [namespaced],
      settings,
      [],
    );
    const pre = reports.get(resources[0]!);
    expect(pre?.leftOut).toEqual([]);
    expect(pre?.reports.get('namespaced')).toEqual([{ message: 'in shop', path: [] }]);
  });
});
