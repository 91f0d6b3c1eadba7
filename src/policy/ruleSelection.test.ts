import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { DEFAULT_CONFIG, parseConfig } from './config.js';
import { activeRules } from './evaluate.js';
import { controlsOf } from './frameworks.js';
import { BUILTIN_RULE_IDS, BUILTIN_RULES } from './registry.js';
import {
  applyRuleSelection,
  parseFramework,
  unknownRuleMessage,
  type RuleSelection,
} from './ruleSelection.js';

const ran = (selection: RuleSelection, config = DEFAULT_CONFIG): string[] =>
  activeRules(BUILTIN_RULES, applyRuleSelection(config, selection)).map((r) => r.id);

const usage = (selection: RuleSelection): string => {
  try {
    applyRuleSelection(DEFAULT_CONFIG, selection);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no usage error');
};

describe('applyRuleSelection', () => {
  it('no selection is the configuration itself', () => {
    expect(applyRuleSelection(DEFAULT_CONFIG, {})).toBe(DEFAULT_CONFIG);
    expect(ran({})).toHaveLength(117);
  });

  it('only: exactly these rules, comma-separated or repeated, even those the file turned off', () => {
    const file = parseConfig('rules:\n  host-pid: {enabled: false}\n', 'k.yaml', BUILTIN_RULE_IDS);
    expect(ran({ only: ['privileged-container,host-pid'] }, file)).toEqual([
      'privileged-container',
      'host-pid',
    ]);
    expect(ran({ only: ['privileged-container', ' host-pid'] })).toEqual([
      'privileged-container',
      'host-pid',
    ]);
  });

  it('framework: the 70 rules that cite the CIS benchmark, opt-in ones too, as --framework cis runs them', () => {
    const ids = ran({ framework: 'cis' });
    expect(ids).toHaveLength(70);
    expect(ids).toEqual(BUILTIN_RULES.filter((r) => controlsOf(r, 'cis').length > 0).map((r) => r.id));
    expect(ids.filter((id) => BUILTIN_RULES.find((r) => r.id === id)!.optIn === true)).toEqual([
      'run-as-uid-0',
      'net-raw-not-dropped',
      'empty-security-context',
      'secret-via-env-ref',
      'pull-policy-not-always',
    ]);
  });

  it('enable adds an opt-in rule, disable removes one, over the framework', () => {
    const optIn = BUILTIN_RULES.find((r) => r.optIn === true)!;
    expect(ran({})).not.toContain(optIn.id);
    expect(ran({ enable: [optIn.id] })).toContain(optIn.id);
    expect(ran({ disable: ['privileged-container'] })).toHaveLength(116);
    expect(ran({ framework: 'cis', disable: ['privileged-container'] })).toHaveLength(69);
  });

  it('minSeverity runs only the rules at or above it', () => {
    const ids = ran({ minSeverity: 'critical' });
    expect(ids).toEqual(
      BUILTIN_RULES.filter((r) => r.severity === 'critical' && r.optIn !== true).map((r) => r.id),
    );
  });

  it('applying a selection twice gives what applying it once does', () => {
    const selection = { framework: 'cis', enable: ['host-pid'], disable: ['privileged-container'] };
    const once = applyRuleSelection(DEFAULT_CONFIG, selection);
    expect(applyRuleSelection(once, selection)).toEqual(once);
  });

  it('bad selections are usage errors naming the flag and the value', () => {
    expect(usage({ only: ['privileged-containers'] })).toBe(
      '--only: no rule "privileged-containers" (did you mean privileged-container?); `kubeward rules` lists them',
    );
    expect(usage({ disable: ['nope'] })).toBe('--disable: no rule "nope"; `kubeward rules` lists them');
    expect(usage({ enable: ['host-pid,'] })).toBe(
      '--enable takes rule ids separated by commas, e.g. --enable privileged-container,host-pid',
    );
    expect(usage({ framework: 'cis', only: ['host-pid'] })).toBe(
      '--framework and --only both say which rules run: give one of them',
    );
    expect(usage({ enable: ['host-pid'], disable: ['host-pid'] })).toBe(
      'rule "host-pid" is given to both --enable and --disable',
    );
    expect(usage({ framework: 'iso' })).toBe('--framework must be one of cis, nsa, mitre, pss, not "iso"');
    expect(usage({ minSeverity: 'urgent' })).toBe(
      '--min-severity must be one of critical, high, medium, low, info, not "urgent"',
    );
  });
});

describe('unknownRuleMessage and parseFramework', () => {
  it('suggests ids that contain the typed one', () => {
    expect(unknownRuleMessage('privileged')).toBe(
      'no rule "privileged" (did you mean pss-privileged, privileged-container, privileged-port?); `kubeward rules` lists them',
    );
  });

  it('parseFramework accepts the four framework ids', () => {
    expect(['cis', 'nsa', 'mitre', 'pss'].map(parseFramework)).toEqual(['cis', 'nsa', 'mitre', 'pss']);
  });
});
