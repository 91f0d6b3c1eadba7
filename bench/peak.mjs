#!/usr/bin/env node
/**
 * Peak memory of one full scan, alone in its process (run.mjs starts one per corpus so
 * corpora and repeated runs do not pollute each other):
 *
 *   node bench/peak.mjs DIR
 *
 * One `scan()` plus streaming its JSON report (to nowhere), as `kubeward scan -f json` does; then
 * prints the process's peak resident set size (worker threads included — they share it).
 */
import { renderJsonChunks } from '../dist/report/json.js';
import { scan } from '../dist/scan.js';

const t0 = performance.now();
const result = await scan([process.argv[2]]);
let jsonBytes = 0;
for (const chunk of renderJsonChunks(result, { name: 'kubeward', version: 'bench', informationUri: '' })) {
  jsonBytes += chunk.length;
}
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    objects: result.stats.resources,
    findings: result.findings.length,
    jsonBytes,
    ms: Math.round(ms),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
  }) + '\n',
);
