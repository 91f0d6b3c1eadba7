/** Scans in-memory texts labelled as the loader labels them (relative paths, rendered folders, stdin). */
import { parseManifestText } from '../src/load/parse.js';
import { SourceLocator } from '../src/load/locate.js';
import type { InputError } from '../src/load/inputError.js';
import type { Baseline } from '../src/policy/baseline.js';
import type { KubewardConfig } from '../src/policy/config.js';
import type { Framework } from '../src/policy/frameworks.js';
import type { Rule } from '../src/policy/types.js';
import { scanLoaded, type ScanResult } from '../src/scan.js';
import type { Resource } from '../src/k8s/resource.js';

export interface ScanTextsOptions {
  readonly rules: readonly Rule[];
  readonly errors?: InputError[];
  readonly config?: KubewardConfig;
  readonly baseline?: Baseline;
  readonly framework?: Framework;
}

export function scanTexts(files: Record<string, string>, opts: ScanTextsOptions): ScanResult {
  const locator = new SourceLocator();
  const resources: Resource[] = [];
  const errors: InputError[] = [...(opts.errors ?? [])];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseManifestText(text, file);
    locator.addFile(file, text, parsed.documents);
    resources.push(...parsed.resources);
    errors.push(...parsed.errors);
  }
  return scanLoaded(
    { resources, errors, locator, sourcesRead: Object.keys(files).length },
    {
      rules: opts.rules,
      now: new Date('2026-01-01'),
      ...(opts.config ? { config: opts.config } : {}),
      ...(opts.baseline ? { baseline: opts.baseline } : {}),
      ...(opts.framework ? { framework: opts.framework } : {}),
    },
  );
}
