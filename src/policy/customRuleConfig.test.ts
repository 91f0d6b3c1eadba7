import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { parseConfig } from './config.js';
import { BUILTIN_RULE_IDS } from './registry.js';

const rule = (extra: string, id = 'my-rule') => `customRules:
  - id: ${id}
    severity: high
    title: A rule
    match: { kinds: [Pod] }
    validations:
      - expression: "true"
${extra}`;

function error(text: string): string {
  try {
    parseConfig(text, 'k.yaml', BUILTIN_RULE_IDS);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('customRules in .kubeward.yaml', () => {
  it('reads a rule with the VAP shapes and lets rules and exceptions name it', () => {
    const config = parseConfig(`${rule('')}rules:\n  my-rule: { severity: low }\nexceptions:\n  - { rules: [my-rule], kind: Pod, reason: ok }\n`, 'k.yaml', BUILTIN_RULE_IDS);
    expect(config.customRules).toEqual([
      { id: 'my-rule', severity: 'high', title: 'A rule', remediation: '', match: { kinds: ['Pod'] }, variables: [], validations: [{ expression: 'true', line: 7 }], file: 'k.yaml', line: 2 },
    ]);
    expect(config.rules['my-rule']).toEqual({ severity: 'low' });
  });

  it.each([
    [rule('    extra: 1\n'), 'k.yaml:8: unknown key "extra" in customRules[0] (allowed: id, severity, title, remediation, match, variables, validations)'],
    [rule('', 'My_Rule'), `k.yaml:2: customRules[0].id must be kebab-case (lower case letters, digits and '-'), not "My_Rule"`],
    [rule('', 'host-pid'), 'k.yaml:2: customRules[0].id "host-pid" is the id of a built-in rule; choose another'],
    ['customRules:\n  - id: r\n    severity: high\n    title: t\n    match: { kinds: [] }\n    validations: [{ expression: "true" }]\n', 'k.yaml:5: customRules[0].match needs "kinds" (kind names, or ["*"])'],
    ['customRules:\n  - id: r\n    severity: urgent\n    title: t\n    match: { kinds: [Pod] }\n    validations: [{ expression: "true" }]\n', 'k.yaml:3: customRules[0].severity must be one of critical, high, medium, low, info, not "urgent"'],
    ['customRules:\n  - id: r\n    severity: high\n    title: t\n    match: { kinds: [Pod] }\n    validations: []\n', 'k.yaml:6: customRules[0].validations must not be empty'],
    ['customRules:\n  - id: r\n    severity: high\n    title: t\n    match: { kinds: [Pod] }\n    variables: [{ name: "1x", expression: "1" }]\n    validations: [{ expression: "true" }]\n', 'k.yaml:6: customRules[0].variables[0] needs a "name" that is a CEL identifier'],
    [`${rule('')}${rule('').replace('customRules:\n', '')}`, 'k.yaml:8: customRules[1].id "my-rule" is used by an earlier custom rule'],
  ])('rejects %j', (text, message) => {
    expect(error(text)).toBe(message);
  });
});
