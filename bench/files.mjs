/** The manifest files `scan()` reads for a folder, found the same way (sorted, no dot entries, no node_modules). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const MANIFEST = /\.(ya?ml|json)$/i;
const RENDERED = ['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function manifestFiles(dir) {
  const out = [];
  const walk = (d) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    if (entries.some((e) => RENDERED.includes(e.name))) return; // a chart or kustomization: rendered, not read
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MANIFEST.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
