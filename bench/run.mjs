#!/usr/bin/env node
/**
 * kubeward's scan benchmark. `npm run bench` builds first, then runs this.
 *
 *   node bench/run.mjs [--objects N] [--runs R] [--styles a,b,…] [--skip-shared] [--skip-generated]
 *
 * --styles picks the emitter styles of the generated corpus (bench/styles.mjs: a hand-written,
 * b PyYAML, c kubectl -o yaml, d kubectl -o json List, e single-line JSON, f Helm, g Kustomize);
 * default a.
 *
 * Corpora: (a) the shared corpus of real install bundles (`../shared/corpus` beside the
 * project; skipped with a line when absent) and (b) the generated corpus of N objects
 * (bench/generate.mjs; generated on first use, default 100,000). Each corpus is measured
 * in its own process (bench/measure.mjs: floor and scan in the same process, medians of
 * R alternating runs) and its peak memory in another (bench/peak.mjs: one full scan).
 * Both run with the Node flags `kubeward scan` itself would use for that input (a larger
 * young generation for inputs of 32 MiB and more: src/cli/respawn.ts). Last, the CLI as a
 * user runs it (`kubeward scan DIR -f json -o /dev/null`, process start-up included).
 * bench/pss.mjs runs too when present. Prints a table, writes bench/out/results.json.
 *
 * Figures are ratios against the floor measured in the same run — a bare single-threaded
 * js-yaml 4 parse of the same files — so they mean the same on a faster or slower machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STYLES, styleCorpus } from './styles.mjs';
import { RESPAWN_MIN_BYTES, SEMI_SPACE_FLAG } from '../dist/cli/respawn.js';
import { inputBytes } from '../dist/load/files.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const OUT = join(HERE, 'out');

/** Targets from the performance issue. */
const TARGETS = { maxRatio: 1.5, minObjectsPerSec: 20_000, maxPeakMiBPer100k: 1024 };

function args() {
  const a = process.argv.slice(2);
  const value = (name, dflt) => {
    const i = a.indexOf(name);
    return i >= 0 ? Number(a[i + 1]) : dflt;
  };
  return {
    objects: value('--objects', 100_000),
    runs: value('--runs', 5),
    skipShared: a.includes('--skip-shared'),
    skipGenerated: a.includes('--skip-generated'),
    styles: (a.includes('--styles') ? a[a.indexOf('--styles') + 1] : 'a').split(','),
  };
}

function node(script, argv, nodeFlags = []) {
  const out = execFileSync(process.execPath, [...nodeFlags, join(HERE, script), ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out;
}

/**
 * The whole CLI as users run it (`kubeward scan DIR -f json`, output to /dev/null): medians
 * of `runs` runs, wall time of the process, start-up and respawn included.
 */
function cliRuns(dir, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(
      process.execPath,
      [join(ROOT, 'dist/cli/main.js'), 'scan', dir, '-f', 'json', '-o', '/dev/null'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[ms.length >> 1];
}

function lastJson(text) {
  const line = text
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : undefined;
}

const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows) {
  const cols = [
    ['corpus', (r) => r.name],
    ['files', (r) => fmt(r.m.files)],
    ['MiB', (r) => fmt(r.m.bytes / 1048576, 1)],
    ['objects', (r) => fmt(r.m.objects)],
    ['floor ms', (r) => fmt(r.m.floorMs)],
    ['2-core floor ms', (r) => fmt(r.m.floor2Ms)],
    ['load ms', (r) => fmt(r.m.loadMs)],
    ['scan ms', (r) => fmt(r.m.scanMs)],
    ['scan÷floor', (r) => fmt(r.m.ratio, 2)],
    ['objects/s', (r) => fmt(r.m.objectsPerSec)],
    ['µs/object', (r) => fmt((r.m.scanMs * 1000) / r.m.objects, 1)],
    ['findings', (r) => fmt(r.m.findings)],
    ['locate ms', (r) => fmt(r.m.locateMs)],
    ['JSON ms', (r) => fmt(r.m.renderJsonMs)],
    ['peak RSS MiB', (r) => fmt(r.peak?.maxRssMiB)],
    ['CLI -f json ms', (r) => fmt(r.cliMs)],
  ];
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function verdicts(rows) {
  const lines = [];
  for (const r of rows) {
    const { m, peak } = r;
    const ok = (b) => (b ? 'met' : 'NOT met');
    lines.push(
      `${r.name}: scan÷floor ${fmt(m.ratio, 2)} (target ≤ ${TARGETS.maxRatio}: ${ok(m.ratio <= TARGETS.maxRatio)}); ` +
        `${fmt(m.objectsPerSec)} objects/s (target ≥ ${fmt(TARGETS.minObjectsPerSec)}: ${ok(m.objectsPerSec >= TARGETS.minObjectsPerSec)}` +
        `${m.objects < 10_000 ? ', not meaningful for so few objects' : ''}); ` +
        `peak RSS ${fmt(peak?.maxRssMiB)} MiB` +
        (m.objects >= 100_000
          ? ` (target < ${TARGETS.maxPeakMiBPer100k} MiB for 100,000 objects: ${ok(peak?.maxRssMiB < TARGETS.maxPeakMiBPer100k)})`
          : ''),
    );
    lines.push(
      `  the bare parse on both cores: ${fmt(m.floor2Ms)} ms = ${fmt(m.floor2Ms / m.floorMs, 2)}× the floor, ` +
        `${fmt(m.floor2ObjectsPerSec)} objects/s — the most a loader built on this parser gets from two cores here`,
    );
    lines.push(
      `  kubeward's loader alone (read + parse on every core, no rules): ${fmt(m.loadMs)} ms = ${fmt(m.loadMs / m.floorMs, 2)}× the floor; ` +
        `the model, the rules and the locations add ${fmt(m.scanMs - m.loadMs)} ms = ${fmt((m.scanMs - m.loadMs) / m.floorMs, 2)}× the floor`,
    );
    lines.push(
      `  locations: ${fmt(m.locator?.fast)} by line walk, ${fmt(m.locator?.parsed)} by yaml (${fmt(m.locator?.documentsParsed)} documents re-parsed); ` +
        `files (or shares of large files) read: ${fmt(m.parse?.filesByMain)} on the main thread, ${fmt(m.parse?.filesByWorkers)} by ${fmt(m.parse?.workersStarted)} workers; ` +
        `load average ${m.loadAverage.map((x) => fmt(x, 2)).join(' → ')}; ` +
        `node flags: ${r.flags.length > 0 ? r.flags.join(' ') : 'none'}`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const opts = args();
  if (!existsSync(join(ROOT, 'dist', 'scan.js'))) {
    console.error('dist/ is missing: run `npm run build` first (or `npm run bench`)');
    process.exitCode = 2;
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const machine = {
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg()[0],
  };
  console.log(
    `kubeward benchmark — Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), load average ${fmt(machine.loadAverageAtStart, 2)}`,
  );
  if (machine.loadAverageAtStart > machine.cpus * 0.5) {
    console.log(
      `warning: the machine is busy (load average ${fmt(machine.loadAverageAtStart, 2)} on ${machine.cpus} cores); absolute figures will be low, ratios less so`,
    );
  }

  const corpora = [];
  const shared = resolve(ROOT, '..', 'shared', 'corpus');
  if (opts.skipShared) console.log('shared corpus: skipped (--skip-shared)');
  else if (existsSync(shared)) corpora.push({ name: 'shared corpus (real bundles)', dir: shared });
  else console.log(`shared corpus: not found at ${shared}; skipped`);
  if (!opts.skipGenerated) {
    for (const style of opts.styles) {
      const g = styleCorpus(style, opts.objects, { log: (m) => process.stderr.write(`${m}\n`) });
      corpora.push({
        name: `generated ${fmt(g.summary.objects)}, ${style}: ${STYLES[style]}`,
        dir: g.dir,
        summary: g.summary,
      });
    }
  }

  const rows = [];
  for (const c of corpora) {
    process.stderr.write(`measuring ${c.name} (${opts.runs} runs) …\n`);
    // the flags `kubeward scan` runs a scan of this input with (src/cli/respawn.ts)
    const flags =
      (await inputBytes([c.dir], RESPAWN_MIN_BYTES)) >= RESPAWN_MIN_BYTES ? [SEMI_SPACE_FLAG] : [];
    // measure.mjs keeps the floor's documents beside the scan's result on purpose (a scanner has to
    // keep them): at 300,000 objects that outgrows V8's default 4 GiB heap, so give it room; the
    // peak is measured apart, in a process with the CLI's own flags.
    const m = lastJson(
      node('measure.mjs', [c.dir, '--runs', String(opts.runs)], ['--expose-gc', '--max-old-space-size=16384', ...flags]),
    );
    process.stderr.write(`peak memory of ${c.name} …\n`);
    const peak = lastJson(node('peak.mjs', [c.dir], flags));
    process.stderr.write(`the CLI on ${c.name} (${Math.min(3, opts.runs)} runs) …\n`);
    const cliMs = cliRuns(c.dir, Math.min(3, opts.runs));
    rows.push({
      name: c.name,
      dir: c.dir,
      flags,
      m,
      peak,
      cliMs,
      ...(c.summary ? { corpus: c.summary } : {}),
    });
  }

  let pss;
  if (existsSync(join(HERE, 'pss.mjs'))) {
    process.stderr.write('running bench/pss.mjs …\n');
    try {
      const text = node('pss.mjs', []);
      pss = { output: text.trim(), result: lastJson(text) };
    } catch (e) {
      pss = { error: String(e.message ?? e) };
    }
  }

  console.log('');
  console.log(table(rows));
  console.log('');
  console.log(verdicts(rows));
  if (pss) {
    console.log('');
    console.log('bench/pss.mjs:');
    console.log(pss.output ?? pss.error);
  }
  const results = { date: new Date().toISOString(), machine, targets: TARGETS, corpora: rows, pss };
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${join(OUT, 'results.json')}`);
}

await main();
