import { describe, expect, it } from 'vitest';
import { findSuppression, parseSuppressions } from './suppression.js';

describe('kubeward.io/ignore annotation', () => {
  it('parses several rules with one reason', () => {
    expect(parseSuppressions('host-network,host-pid: node agent needs the host namespaces')).toEqual({
      suppressions: [
        { ruleId: 'host-network', reason: 'node agent needs the host namespaces' },
        { ruleId: 'host-pid', reason: 'node agent needs the host namespaces' },
      ],
      errors: [],
    });
  });

  it('targets one container', () => {
    const { suppressions } = parseSuppressions('read-only-root-fs[sidecar]: writes its cache to /tmp');
    expect(findSuppression(suppressions, 'read-only-root-fs', 'sidecar')?.reason).toBe(
      'writes its cache to /tmp',
    );
    expect(findSuppression(suppressions, 'read-only-root-fs', 'app')).toBeUndefined();
  });

  it('requires a reason', () => {
    const parsed = parseSuppressions('privileged-container');
    expect(parsed.suppressions).toEqual([]);
    expect(parsed.errors[0]).toMatch(/has no reason/);
  });

  it('rejects what is not a rule id', () => {
    expect(parseSuppressions('Not A Rule: because').errors[0]).toMatch(/is not a rule id/);
  });

  it('accepts clauses separated by semicolons', () => {
    expect(parseSuppressions('a: one; b[web]: two').suppressions).toEqual([
      { ruleId: 'a', reason: 'one' },
      { ruleId: 'b', container: 'web', reason: 'two' },
    ]);
  });
});
