#!/usr/bin/env node
/**
 * kubeward's CEL benchmark (`npm run bench:cel` builds first).
 *
 *   node bench/cel.mjs [--objects N] [--runs R] [--workers W]
 *
 * 1. Compiled evaluations per second: 5 typical rule expressions, compiled once, evaluated over the
 *    pod specs of the generated corpus (bench/generate.mjs), JSON → CEL conversion included.
 * 2. The cost of 20 custom rules on the scan benchmark: `scan()` of the generated corpus of N objects
 *    (default 30,000: the 100k corpus takes minutes per run on a shared machine) with and without a
 *    configuration of 20 customRules; medians of R alternating runs (default 3); the ratio
 *    with ÷ without is the figure (target ≤ 1.5).
 * Prints a table and writes bench/out/cel.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';
import { compileCel } from '../dist/cel/program.js';
import { jsonToCel } from '../dist/cel/values.js';
import { loadInputs } from '../dist/load/files.js';
import { podTemplateOf } from '../dist/k8s/podSpec.js';
import { parseConfig } from '../dist/policy/config.js';
import { BUILTIN_RULE_IDS } from '../dist/policy/registry.js';
import { scan } from '../dist/scan.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const a = process.argv.slice(2);
const arg = (name, dflt) => (a.includes(name) ? Number(a[a.indexOf(name) + 1]) : dflt);
const OBJECTS = arg('--objects', 30_000);
const RUNS = arg('--runs', 3);
/** Scan worker threads (default: as `kubeward scan` picks); 0 measures the CPU cost on one thread. */
const WORKERS = a.includes('--workers') ? arg('--workers', 0) : undefined;
const withWorkers = (o = {}) => (WORKERS === undefined ? o : { ...o, workers: WORKERS });

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

const corpus = join(HERE, 'out', `corpus-${OBJECTS}`);
if (!existsSync(corpus)) generateCorpus({ objects: OBJECTS, out: corpus });

// 1. evaluations per second over pod specs
const EXPRESSIONS = [
  'object.spec.containers.all(c, has(c.securityContext) && has(c.securityContext.runAsNonRoot) && c.securityContext.runAsNonRoot)',
  "object.spec.containers.all(c, !c.image.endsWith(':latest'))",
  "!has(object.spec.hostNetwork) || object.spec.hostNetwork == false",
  'object.spec.containers.all(c, has(c.resources) && has(c.resources.limits) && "memory" in c.resources.limits)',
  "object.spec.containers.exists(c, c.name.matches('^[a-z0-9-]+$'))",
];
const programs = EXPRESSIONS.map((e) => {
  const c = compileCel(e);
  if (!c.ok) throw new Error(`${e}: ${c.error.message}`);
  return c.program;
});
const loaded = await loadInputs([corpus]);
const pods = loaded.resources.flatMap((r) => {
  const t = podTemplateOf(r.object, r.ref.kind);
  return t ? [{ spec: t.spec, metadata: t.metadata }] : [];
});
const evalRates = [];
for (let run = 0; run < RUNS; run++) {
  const started = now();
  let evaluations = 0;
  for (const pod of pods) {
    const object = jsonToCel(pod);
    for (const p of programs) {
      p.evaluate({ object });
      evaluations++;
    }
  }
  evalRates.push((evaluations / (now() - started)) * 1000);
}

// 2. 20 custom rules on the scan: as written (they find what they find), and the same evaluations
// with every validation passing (`|| true` after the whole expression), which separates the cost of
// evaluating from the cost of reporting the extra findings.
const customConfig = (passing) => {
const rules = [];
for (let i = 0; i < 20; i++) {
  const base = EXPRESSIONS[i % EXPRESSIONS.length].replaceAll('object.spec', 'variables.spec');
  const expression = passing ? `(${base}) || true` : base;
  rules.push(`  - id: bench-rule-${i}
    severity: low
    title: benchmark rule ${i}
    match:
      kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job]
    variables:
      - name: spec
        expression: "object.kind == 'Pod' ? object.spec : object.spec.template.spec"
    validations:
      - expression: ${JSON.stringify(expression)}
        message: benchmark rule ${i} failed`);
}
return parseConfig(`customRules:\n${rules.join('\n')}\n`, 'bench.kubeward.yaml', BUILTIN_RULE_IDS);
};
const config = customConfig(false);
const passingConfig = customConfig(true);
const without = [];
const withRules = [];
const withPassing = [];
let findings = { without: 0, with: 0, withPassing: 0 };
await scan([corpus], withWorkers()); // warm-up
for (let run = 0; run < RUNS; run++) {
  let t = now();
  const plain = await scan([corpus], withWorkers());
  without.push(now() - t);
  t = now();
  const custom = await scan([corpus], withWorkers({ config }));
  withRules.push(now() - t);
  t = now();
  const passing = await scan([corpus], withWorkers({ config: passingConfig }));
  withPassing.push(now() - t);
  findings = { without: plain.findings.length, with: custom.findings.length, withPassing: passing.findings.length };
}

const results = {
  machine: { loadavg: loadavg(), note: 'shared machine (5 agents, 2 cores): figures are noisy; the ratio is measured in one run' },
  evaluationsPerSecond: Math.round(median(evalRates)),
  podSpecs: pods.length,
  expressions: EXPRESSIONS.length,
  scan: {
    objects: loaded.resources.length,
    runs: RUNS,
    workers: WORKERS ?? 'default',
    withoutMs: Math.round(median(without)),
    with20RulesMs: Math.round(median(withRules)),
    ratio: Number((median(withRules) / median(without)).toFixed(3)),
    with20PassingRulesMs: Math.round(median(withPassing)),
    ratioPassing: Number((median(withPassing) / median(without)).toFixed(3)),
    target: 1.5,
    findings,
  },
};
mkdirSync(join(HERE, 'out'), { recursive: true });
writeFileSync(join(HERE, 'out', 'cel.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`CEL: ${results.evaluationsPerSecond.toLocaleString('en')} compiled evaluations/s (${pods.length} pod specs × ${EXPRESSIONS.length} expressions, median of ${RUNS})`);
console.log(
  `scan of ${results.scan.objects.toLocaleString('en')} objects: ${results.scan.withoutMs} ms without, ${results.scan.with20RulesMs} ms with 20 custom rules → ratio ${results.scan.ratio} (target ≤ 1.5; medians of ${RUNS}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`,
);
console.log(`same 20 rules, every validation passing: ${results.scan.with20PassingRulesMs} ms → ratio ${results.scan.ratioPassing}`);
console.log(`findings: ${findings.without} without, ${findings.with} with the custom rules, ${findings.withPassing} with the passing variant`);

