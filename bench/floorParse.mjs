/** The floor's parse: read every file and js-yaml it with kubeward's YAML 1.1 schema (JSON files: JSON.parse), documents kept. */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { KUBERNETES_YAML_SCHEMA } from '../dist/load/yaml11.js';

export function parseKept(files) {
  const kept = [];
  let objects = 0;
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    // JSON is parsed as the scanner parses it, natively (the floor of a JSON input is JSON.parse)
    const t = text.trimStart();
    const docs =
      t.startsWith('{') || t.startsWith('[')
        ? [JSON.parse(text)]
        : yaml.loadAll(text, { schema: KUBERNETES_YAML_SCHEMA });
    for (const d of docs) {
      if (d === null || typeof d !== 'object') continue;
      if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items))
        objects += d.items.length;
      else objects++;
    }
    kept.push(docs);
  }
  return { objects, bytes, kept };
}
