#!/usr/bin/env node
/**
 * Measures one corpus in one process (run.mjs starts one per corpus):
 *
 *   node --expose-gc bench/measure.mjs DIR [--runs N]
 *
 * - floor: read every file and parse it with js-yaml 4 + kubeward's YAML 1.1 schema, on
 *   this thread alone, keeping the documents (a scanner has to keep them) — the least
 *   any loader built on the fastest JavaScript YAML parser can cost;
 * - floor on both cores: the same parse with the files split in two halves of equal bytes,
 *   one parsed here and one in a worker started beforehand (floorWorker.mjs), each keeping
 *   its documents; the time until both are done. No handing objects over, no rules: the
 *   most any loader built on that parser gets out of two cores on this machine;
 * - load: kubeward's loader alone (`loadInputs()`: read, split, parse on every core it
 *   uses, resources built), no rules — how much of the scan is getting the objects at all;
 * - scan: `scan()` from dist/scan.js, everything included (load, inventory, every rule,
 *   findings with their line and column);
 * - apart: the time to resolve the locations of all findings (a fresh locator, as in a
 *   scan) and to render the JSON report.
 *
 * Floor, load and scan alternate, after one warm-up of each, so a change in machine load hits
 * both; the figures are medians. Prints one JSON object.
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadInputs } from '../dist/load/files.js';
import { renderJson } from '../dist/report/json.js';
import { scan, scanLoaded } from '../dist/scan.js';
import { manifestFiles } from './files.mjs';
import { parseKept } from './floorParse.mjs';

/** The floor: read + js-yaml loadAll with the kubeward schema, single-threaded, documents kept. */
function floor(files) {
  const { objects, bytes, kept } = parseKept(files);
  return { objects, bytes, kept: kept.length };
}

/** Two lists of files of about equal bytes (largest first, each to the lighter half). */
function halves(files) {
  const sized = files.map((f) => [f, statSync(f).size]).sort((a, b) => b[1] - a[1]);
  const out = [[], []];
  const bytes = [0, 0];
  for (const [f, size] of sized) {
    const i = bytes[0] <= bytes[1] ? 0 : 1;
    out[i].push(f);
    bytes[i] += size;
  }
  return out;
}

/** The floor on both cores: half the files here, half in the waiting worker; resolves to the objects parsed. */
function floorOnTwoCores(worker, [here, there]) {
  const answer = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage(there);
  const mine = parseKept(here);
  return answer.then((objects) => objects + mine.objects);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const gc = globalThis.gc ?? (() => {});

function timed(fn) {
  gc();
  const t0 = performance.now();
  const r = fn();
  return r instanceof Promise ? r.then((v) => [performance.now() - t0, v]) : [performance.now() - t0, r];
}

async function main() {
  const dir = process.argv[2];
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
  const files = manifestFiles(dir);
  const load = [loadavg()[0]];
  const tool = { name: 'kubeward', version: 'bench', informationUri: '' };

  // warm-up (JIT, file cache)
  const f0 = floor(files);
  const warm = await scan([dir]);
  const split = halves(files);
  const worker = new Worker(new URL('./floorWorker.mjs', import.meta.url));
  await floorOnTwoCores(worker, split);

  const floorMs = [];
  const floor2Ms = [];
  const loadMs = [];
  const scanMs = [];
  let result = warm;
  let scanParse;
  for (let i = 0; i < runs; i++) {
    floorMs.push(timed(() => floor(files))[0]);
    floor2Ms.push((await timed(() => floorOnTwoCores(worker, split)))[0]);
    loadMs.push((await timed(() => loadInputs([dir])))[0]);
    result = undefined;
    scanParse = { workersStarted: 0, filesByWorkers: 0, filesByMain: 0 };
    const [ms, r] = await timed(() => scan([dir], { parseStats: scanParse }));
    scanMs.push(ms);
    result = r;
  }
  load.push(loadavg()[0]);
  await worker.terminate();

  // locations and rendering, apart: a fresh load, rules without locating, then locate all findings
  const locateMs = [];
  const renderMs = [];
  let locatorStats;
  for (let i = 0; i < Math.min(3, runs); i++) {
    const loaded = await loadInputs([dir]);
    const r = scanLoaded(loaded, { locate: false });
    const [lms] = timed(() => {
      for (const f of r.findings) loaded.locator.locate(f.source, f.pathSegments);
    });
    locateMs.push(lms);
    locatorStats = { ...loaded.locator.stats };
    const [rms, json] = timed(() => renderJson(result, tool));
    renderMs.push(rms);
    if (i === 0) renderMs.bytes = json.length;
  }

  const out = {
    corpus: dir,
    files: files.length,
    bytes: f0.bytes,
    objects: result.stats.resources,
    floorObjects: f0.objects,
    findings: result.findings.length,
    errors: result.errors.length,
    rules: result.stats.rules,
    runs,
    floorMs: median(floorMs),
    floor2Ms: median(floor2Ms),
    loadMs: median(loadMs),
    scanMs: median(scanMs),
    floorRunsMs: floorMs.map(Math.round),
    floor2RunsMs: floor2Ms.map(Math.round),
    loadRunsMs: loadMs.map(Math.round),
    scanRunsMs: scanMs.map(Math.round),
    ratio: median(scanMs) / median(floorMs),
    objectsPerSec: result.stats.resources / (median(scanMs) / 1000),
    floorObjectsPerSec: f0.objects / (median(floorMs) / 1000),
    floor2ObjectsPerSec: f0.objects / (median(floor2Ms) / 1000),
    locateMs: median(locateMs),
    renderJsonMs: median(renderMs),
    jsonBytes: renderMs.bytes,
    locator: locatorStats,
    parse: scanParse,
    loadAverage: load,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

await main();
