/**
 * Every rule over every real-world bundle of ../shared/corpus: no input error, no rule
 * failing on real data, and the documented problems found.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/policy/config.js';
import { BUILTIN_RULES } from '../../src/policy/registry.js';
import { scan } from '../../src/scan.js';

const shared =
  process.env.KUBEWARD_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
const corpus = resolve(shared, 'corpus');

describe('scan of the shared corpus', () => {
  it('runs every rule (opt-in ones too) without an error and finds what the bundles document', async () => {
    const everyRule = Object.fromEntries(BUILTIN_RULES.map((r) => [r.id, { enabled: true }]));
    const result = await scan([corpus], {
      config: { ...DEFAULT_CONFIG, rules: everyRule },
      pss: { level: 'restricted', version: 'latest' },
    });
    expect(result.errors).toEqual([]);
    expect(result.stats.resources).toBe(437); // the corpus README's object count, List items included
    const has = (ruleId: string, name: string): boolean =>
      result.findings.some((f) => f.ruleId === ruleId && f.resource.name === name);
    expect(has('privileged-container', 'longhorn-manager')).toBe(true);
    expect(has('host-network', 'speaker')).toBe(true);
    expect(has('host-pid', 'node-exporter')).toBe(true);
    expect(has('image-latest-or-untagged', 'argocd-server')).toBe(true);
    expect(
      result.findings.some(
        (f) => f.ruleId === 'privileged-container' && f.resource.namespace === 'ingress-nginx',
      ),
    ).toBe(false);
  });
});
