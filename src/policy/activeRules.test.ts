import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type KubewardConfig } from './config.js';
import { activeRules } from './evaluate.js';
import { BUILTIN_RULES } from './registry.js';

const known = new Set(BUILTIN_RULES.map((r) => r.id));
const config = (yaml: string): KubewardConfig => parseConfig(yaml, '.kubeward.yaml', known);
const ids = (c: KubewardConfig): string[] => activeRules(BUILTIN_RULES, c).map((r) => r.id);

describe('activeRules: which rules run under a configuration', () => {
  it('runs every rule but the opt-in ones by default', () => {
    const optIn = BUILTIN_RULES.filter((r) => r.optIn === true).map((r) => r.id);
    expect(optIn).toContain('image-no-digest');
    expect(ids(DEFAULT_CONFIG)).toEqual(BUILTIN_RULES.filter((r) => r.optIn !== true).map((r) => r.id));
  });

  it('"*" turns every rule off, and a rule\'s own entry turns it back on', () => {
    const c = config('rules:\n  "*": { enabled: false }\n  privileged-container: { enabled: true }\n');
    expect(ids(c)).toEqual(['privileged-container']);
  });

  it('"*" enabled turns on the opt-in rules too', () => {
    expect(ids(config('rules:\n  "*": { enabled: true }\n'))).toEqual(BUILTIN_RULES.map((r) => r.id));
  });

  it('"*" sets every severity; a rule\'s own severity wins; minSeverity reads the result', () => {
    const c = config(
      'rules:\n  "*": { severity: low }\n  host-pid: { severity: critical }\nminSeverity: medium\n',
    );
    const active = activeRules(BUILTIN_RULES, c);
    expect(active.map((r) => [r.id, r.severity])).toEqual([['host-pid', 'critical']]);
    // the registry's rule objects are not changed
    expect(BUILTIN_RULES.find((r) => r.id === 'privileged-container')?.severity).toBe('critical');
  });

  it('an unknown rule id in the configuration is an error with its line', () => {
    expect(() => config('rules:\n  "*": { enabled: false }\n  host-pids: { enabled: true }\n')).toThrow(
      /unknown rule "host-pids"/,
    );
  });
});
