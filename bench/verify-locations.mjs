#!/usr/bin/env node
/**
 * Checks the line-walk locator against the `yaml`-based one on a corpus: for every
 * document, a sample of paths to existing nodes (plus paths that do not exist) must give
 * the same offset from both, or the line walk must decline. blockLocate.test.ts does the
 * same on the shared corpus; this runs it on any folder (e.g. the generated corpus).
 *
 *   node bench/verify-locations.mjs DIR [--paths-per-document N] [--files F]
 */
import { readFileSync } from 'node:fs';
import { BlockDocument, DECLINE } from '../dist/load/blockLocate.js';
import { yamlLocatorFor } from '../dist/load/locate.js';
import { parseManifestText } from '../dist/load/parse.js';
import { manifestFiles } from './files.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const dir = argv[0];
const perDocument = opt('--paths-per-document', 200);
const maxFiles = opt('--files', Infinity);

function allPaths(value, prefix = [], out = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

let fast = 0;
let declined = 0;
const mismatches = [];
const files = manifestFiles(dir).slice(0, maxFiles);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const parsed = parseManifestText(text, file);
  const walkers = new Map();
  for (const r of parsed.resources) {
    const span = parsed.documents[r.source.documentIndex];
    let w = walkers.get(r.source.documentIndex);
    if (!w)
      walkers.set(
        r.source.documentIndex,
        (w = { walk: new BlockDocument(text, span.start, span.end), yaml: yamlLocatorFor(text, span) }),
      );
    const paths = allPaths(r.object);
    const stride = Math.max(1, Math.floor(paths.length / perDocument));
    for (let i = 0; i < paths.length; i += stride) {
      for (const p of [paths[i], [...paths[i], 'no-such-field'], [...paths[i], 9999]]) {
        const full = r.source.itemIndex !== undefined ? ['items', r.source.itemIndex, ...p] : p;
        const got = w.walk.locate(full);
        if (got === DECLINE) {
          declined++;
          continue;
        }
        fast++;
        const want = w.yaml(full);
        if (got !== want && mismatches.length < 20)
          mismatches.push(`${file} ${JSON.stringify(full)}: line walk ${got}, yaml ${want}`);
      }
    }
  }
}
console.log(
  `${files.length} files: ${fast} paths answered by the line walk, ${declined} declined (${((100 * declined) / (fast + declined)).toFixed(1)} %), ${mismatches.length} mismatches`,
);
for (const m of mismatches) console.log('  ' + m);
process.exitCode = mismatches.length > 0 ? 1 : 0;
