import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { modePolicies, modePolicyName, DEFAULT_MODE_POLICIES } from './modes.js';
import { DEFAULT_SERVER_CONFIG, parseServerConfig } from './serverConfig.js';

describe('parseServerConfig', () => {
  it('reads every key', () => {
    const c = parseServerConfig(
      `defaults: {enforce: restricted, enforce-version: v1.30, warn: restricted, audit: baseline}
exemptions: {namespaces: [kube-system], usernames: [ci], runtimeClasses: [gvisor]}
denyOn: critical
warnOn: high
failurePolicy: Fail
ruleFailurePolicy: {pss: Ignore}
policy: kubeward.yaml
mutate: true
deadlineMs: 1500
maxInFlight: 8
decisionLog: {path: decisions.log, maxBytes: 2048, keep: 1, all: true}
`,
      '/etc/kubeward/server.yaml',
    );
    expect(modePolicyName(c.defaults.enforce)).toBe('restricted:v1.30');
    expect(modePolicyName(c.defaults.audit)).toBe('baseline:latest');
    expect(c.exemptions).toEqual({
      namespaces: ['kube-system'],
      usernames: ['ci'],
      runtimeClasses: ['gvisor'],
    });
    expect([
      c.denyOn,
      c.warnOn,
      c.failurePolicy,
      c.ruleFailurePolicy,
      c.policy,
      c.mutate,
      c.deadlineMs,
      c.maxInFlight,
    ]).toEqual(['critical', 'high', 'Fail', { pss: 'Ignore' }, '/etc/kubeward/kubeward.yaml', true, 1500, 8]);
    expect(c.decisionLog).toEqual({
      path: '/etc/kubeward/decisions.log',
      maxBytes: 2048,
      keep: 1,
      all: true,
    });
  });

  it('an empty file is the defaults', () => {
    expect(parseServerConfig('', 's.yaml')).toBe(DEFAULT_SERVER_CONFIG);
  });

  it.each([
    ['denyon: high', /s.yaml: unknown key "denyon" in the server configuration \(allowed: defaults, /],
    [
      'defaults: {enforce: strict}',
      /defaults.enforce must be privileged, baseline or restricted, not "strict"/,
    ],
    [
      'defaults: {warn-version: "1.30"}',
      /defaults.warn-version: invalid version "1.30", must be "latest" or "v1.x"/,
    ],
    ['failurePolicy: fail', /failurePolicy must be Fail or Ignore, not "fail"/],
    ['deadlineMs: 0', /deadlineMs must be a whole number of at least 1/],
    ['exemptions: {users: [a]}', /unknown key "users" in exemptions/],
  ])('%s is an error naming the key', (text, message) => {
    expect(() => parseServerConfig(text, 's.yaml')).toThrow(ConfigError);
    expect(() => parseServerConfig(text, 's.yaml')).toThrow(message);
  });
});

describe('modePolicies', () => {
  it('a version label alone keeps the default level; a level label alone keeps the default version', () => {
    const p = modePolicies(
      { 'kubeward.io/warn-version': 'v1.25', 'kubeward.io/audit': 'baseline' },
      DEFAULT_MODE_POLICIES,
    );
    expect([p.enforce, p.warn, p.audit].map(modePolicyName)).toEqual([
      'baseline:latest',
      'restricted:v1.25',
      'baseline:latest',
    ]);
  });
  it('no labels (unknown namespace) is the defaults', () => {
    expect(modePolicies(undefined, DEFAULT_MODE_POLICIES)).toBe(DEFAULT_MODE_POLICIES);
  });
});
