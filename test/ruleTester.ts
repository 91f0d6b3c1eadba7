/**
 * Table-driven rule tests, typescript-eslint style: `valid` manifests produce no
 * finding of the rule; each `invalid` case lists the exact findings that the rule must
 * produce — no more, no less. Every finding is compared on its path, message, container
 * (a finding about a container must name it; one that is not must name none) and
 * severity (the rule's own, unless the case names another).
 * A case may hold several YAML documents (e.g. a Deployment and its ServiceAccount).
 */
import { describe, expect, it } from 'vitest';
import { Inventory } from '../src/k8s/inventory.js';
import { parseManifestText } from '../src/load/parse.js';
import { DEFAULT_CONFIG } from '../src/policy/config.js';
import { evaluate } from '../src/policy/evaluate.js';
import type { Finding, Rule, RuleSettings, Severity } from '../src/policy/types.js';
import { documentationProblems } from './ruleDocumentation.js';

export interface ExpectedFinding {
  readonly path: string;
  readonly message: string | RegExp;
  /** The container the finding is about; leave it out only for findings about no container. */
  readonly container?: string;
  /** Defaults to the rule's severity. */
  readonly severity?: Severity;
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

/** The compared fields of a finding, `container: undefined` when it names none. */
export interface ComparedFinding {
  readonly ruleId: string;
  readonly path: string;
  readonly message: string;
  readonly container: string | undefined;
  readonly severity: Severity;
}

export function comparedFinding(f: Finding): ComparedFinding {
  return { ruleId: f.ruleId, path: f.path, message: f.message, container: f.container, severity: f.severity };
}

/** What a case's findings must equal, field for field: the defaults filled in. */
export function expectedFindings(rule: Rule, findings: readonly ExpectedFinding[]) {
  return findings.map((want) => ({
    ruleId: rule.id,
    path: want.path,
    message:
      typeof want.message === 'string' ? want.message : (expect.stringMatching(want.message) as string),
    container: want.container,
    severity: want.severity ?? rule.severity,
  }));
}

export function ruleTests(
  rule: Rule,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
): void {
  describe(rule.id, () => {
    it('has complete documentation', () => {
      expect(documentationProblems(rule)).toEqual([]);
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
        const got = result.findings.map(comparedFinding);
        // an expected `container: undefined` matches a finding without one, never a named container
        expect(got).toEqual(expectedFindings(rule, c.findings));
      });
    }
  });
}
