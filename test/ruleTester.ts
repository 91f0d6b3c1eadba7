/**
 * Table-driven rule tests, typescript-eslint style: `valid` manifests produce no
 * finding of the rule; each `invalid` case lists the exact findings (path, message,
 * and container when per-container) that the rule must produce — no more, no less.
 * A case may hold several YAML documents (e.g. a Deployment and its ServiceAccount).
 */
import { describe, expect, it } from 'vitest';
import { Inventory } from '../src/k8s/inventory.js';
import { parseManifestText } from '../src/load/parse.js';
import { DEFAULT_CONFIG } from '../src/policy/config.js';
import { evaluate } from '../src/policy/evaluate.js';
import type { Rule, RuleSettings } from '../src/policy/types.js';

export interface ExpectedFinding {
  readonly path: string;
  readonly message: string | RegExp;
  readonly container?: string;
}

export interface InvalidCase {
  readonly name: string;
  readonly yaml: string;
  readonly findings: readonly ExpectedFinding[];
  readonly settings?: Partial<RuleSettings>;
}

export interface ValidCase {
  readonly name: string;
  readonly yaml: string;
  readonly settings?: Partial<RuleSettings>;
}

export const TEST_SETTINGS: RuleSettings = {
  trustedRegistries: [],
  pss: { level: 'restricted', version: 'latest', explicit: false, checkUnlabelled: true },
};

/** Runs one rule over YAML text, as `kubeward scan` would (the rule enabled even when opt-in). */
export function runRule(rule: Rule, yamlText: string, settings: Partial<RuleSettings> = {}) {
  const parsed = parseManifestText(yamlText, 'test.yaml');
  if (parsed.errors.length > 0) throw new Error(`test manifest does not parse: ${parsed.errors[0]!.message}`);
  const inventory = new Inventory(parsed.resources);
  return evaluate(inventory, {
    rules: [rule],
    config: { ...DEFAULT_CONFIG, rules: { [rule.id]: { enabled: true } } },
    settings: { ...TEST_SETTINGS, ...settings },
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

export function ruleTests(
  rule: Rule,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
): void {
  describe(rule.id, () => {
    it('has complete documentation', () => {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const text of [rule.title, rule.description, rule.rationale, rule.remediation]) {
        expect(text.trim().length).toBeGreaterThan(10);
      }
    });
    expect(cases.valid.length).toBeGreaterThan(0);
    expect(cases.invalid.length).toBeGreaterThan(0);
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const result = runRule(rule, c.yaml, c.settings);
        expect(result.errors).toEqual([]);
        expect(result.findings.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const result = runRule(rule, c.yaml, c.settings);
        expect(result.errors).toEqual([]);
        const got = result.findings.map((f) => ({
          path: f.path,
          message: f.message,
          ...(f.container !== undefined ? { container: f.container } : {}),
        }));
        expect(got).toHaveLength(c.findings.length);
        c.findings.forEach((want, i) => {
          const g = got[i]!;
          expect(g.path).toBe(want.path);
          if (typeof want.message === 'string') expect(g.message).toBe(want.message);
          else expect(g.message).toMatch(want.message);
          if (want.container !== undefined) expect(g.container).toBe(want.container);
          expect(result.findings[i]!.ruleId).toBe(rule.id);
        });
      });
    }
  });
}
