import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { podSecurityRules } from './catalog.js';

/** Files of this folder that are shared helpers, not rules. */
const HELPERS = new Set(['catalog', 'capabilities', 'controlPlanePlacement', 'hostPaths', 'profiles']);

describe('pod-security catalog', () => {
  it('lists every rule file of the folder exactly once, under the file name as id', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .filter((f) => !HELPERS.has(f))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(podSecurityRules.map((r) => r.id).sort()).toEqual(files);
  });

  it('every rule has a test file beside it', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const tests = new Set(readdirSync(dir).filter((f) => f.endsWith('.test.ts')));
    for (const rule of podSecurityRules) expect(tests.has(`${rule.id}.test.ts`), rule.id).toBe(true);
  });

  it('rules are in the pod-security category and say why when opt-in', () => {
    for (const rule of podSecurityRules) {
      expect(rule.category, rule.id).toBe('pod-security');
      if (rule.optIn) expect(rule.description, rule.id).toMatch(/opt-in/i);
    }
  });
});
