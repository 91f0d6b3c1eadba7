import { describe, expect, it } from 'vitest';
import { evaluatePodSecurity } from './evaluate.js';
import { NEWEST_POLICY_MINOR, parsePolicyVersion } from './version.js';

describe('parsePolicyVersion', () => {
  it('accepts latest and v1.N', () => {
    expect(parsePolicyVersion('latest')).toEqual({
      version: {
        text: 'latest',
        latest: true,
        minor: NEWEST_POLICY_MINOR,
        effectiveMinor: NEWEST_POLICY_MINOR,
      },
    });
    expect(parsePolicyVersion('v1.0')).toEqual({
      version: { text: 'v1.0', latest: false, minor: 0, effectiveMinor: 0 },
    });
    expect(parsePolicyVersion('v1.30')).toEqual({
      version: { text: 'v1.30', latest: false, minor: 30, effectiveMinor: 30 },
    });
  });

  it('clamps a version newer than the newest known to the newest, keeping the text', () => {
    expect(parsePolicyVersion('v1.99')).toEqual({
      version: { text: 'v1.99', latest: false, minor: 99, effectiveMinor: NEWEST_POLICY_MINOR },
    });
  });

  it.each([
    '',
    '1.30',
    'v1.',
    'v1.01',
    'v2.0',
    'V1.30',
    'v1.30 ',
    ' latest',
    'Latest',
    'v1.3x',
    'v1.-1',
    'v1.99999999999999999999',
  ])('rejects %j with a message naming it', (text) => {
    const parsed = parsePolicyVersion(text);
    expect(parsed).toEqual({ error: `invalid version "${text}", must be "latest" or "v1.x"` });
  });
});

describe('versions newer than the newest known', () => {
  const pod = (sysctl: string) => ({
    containers: [{ name: 'app', image: 'nginx' }],
    securityContext: { sysctls: [{ name: sysctl, value: '1' }] },
  });

  it('are evaluated as the newest version (v1.37 added net.ipv4.tcp_notsent_lowat)', () => {
    const spec = pod('net.ipv4.tcp_notsent_lowat');
    expect(evaluatePodSecurity({}, spec, { level: 'baseline', version: 'v1.36' }).allowed).toBe(false);
    for (const version of ['v1.37', 'v1.38', 'v1.99', 'latest']) {
      expect(evaluatePodSecurity({}, spec, { level: 'baseline', version }).allowed).toBe(true);
    }
  });

  it('still apply every check of the newest version', () => {
    const spec = pod('kernel.msgmax');
    const result = evaluatePodSecurity({}, spec, { level: 'baseline', version: 'v1.200' });
    expect(result.violations.map((v) => `${v.reason} (${v.detail})`)).toEqual([
      'forbidden sysctls (kernel.msgmax)',
    ]);
  });

  it('throws for an unparsed bad version: callers must parse first', () => {
    expect(() => evaluatePodSecurity({}, {}, { level: 'baseline', version: '1.30' })).toThrow(
      'invalid version "1.30"',
    );
  });
});
