import { describe, expect, it } from 'vitest';
import { scanTexts } from '../../test/scanTexts.js';
import { ConfigError } from '../errors.js';
import { findingKey, parseBaseline, renderBaseline, type Baseline } from './baseline.js';
import { privilegedContainer } from './rules/pod-security/privileged-container.js';
import { rbacWildcard } from './rules/rbac/rbac-wildcard.js';

const rules = [privilegedContainer, rbacWildcard];

const pod = (name: string, containers: string[], namespace?: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace !== undefined ? `  namespace: ${namespace}\n` : ''}spec:
  containers:
${containers.map((c) => `    - name: ${c}\n      image: nginx:1.27\n      securityContext: { privileged: true }\n`).join('')}`;

const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: everything
rules:
  - apiGroups: ['*']
    resources: ['*']
    verbs: ['*']
`;

const scan = (files: Record<string, string>, baseline?: Baseline) =>
  scanTexts(files, { rules, ...(baseline ? { baseline } : {}) });
const baselineOf = (files: Record<string, string>): Baseline => {
  const r = scan(files);
  return parseBaseline(renderBaseline(r.findings, r.defaultNamespace), 'base.json');
};
const ids = (fs: readonly { ruleId: string; resource: { name: string }; container?: string }[]) =>
  fs.map((f) => `${f.ruleId} ${f.resource.name}${f.container !== undefined ? `[${f.container}]` : ''}`);

describe('baselines', () => {
  const files = { 'a.yaml': pod('web', ['app', 'proxy'], 'shop'), 'rbac.yaml': role };

  it('writes one sorted line per finding, with the effective namespace, none for cluster-scoped kinds', () => {
    const r = scan({ 'a.yaml': pod('web', ['proxy', 'app']), 'rbac.yaml': role });
    expect(renderBaseline(r.findings, 'default')).toBe(
      [
        '{',
        '  "kubewardBaseline": 1,',
        '  "findings": [',
        '    {"ruleId":"privileged-container","resource":{"kind":"Pod","namespace":"default","name":"web"},"path":"spec.containers[0].securityContext.privileged","container":"proxy"},',
        '    {"ruleId":"privileged-container","resource":{"kind":"Pod","namespace":"default","name":"web"},"path":"spec.containers[1].securityContext.privileged","container":"app"},',
        '    {"ruleId":"rbac-wildcard","resource":{"kind":"ClusterRole","name":"everything"},"path":"rules[0].verbs[0]"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(renderBaseline([], 'default')).toBe('{\n  "kubewardBaseline": 1,\n  "findings": []\n}\n');
  });

  it('accepts every finding it was written from, and reports them as suppressed by the baseline', () => {
    const r = scan(files, baselineOf(files));
    expect(r.findings).toEqual([]);
    expect(r.suppressed.map((s) => [s.by, s.reason])).toEqual([
      ['baseline', 'accepted in the baseline base.json'],
      ['baseline', 'accepted in the baseline base.json'],
      ['baseline', 'accepted in the baseline base.json'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('reports what is new, and counts the entries that matched nothing', () => {
    const baseline = baselineOf(files);
    // proxy replaced by sidecar (the same path, another container: new), and a new pod
    const changed = {
      'a.yaml': pod('web', ['app', 'sidecar'], 'shop'),
      'b.yaml': pod('api', ['app'], 'shop'),
      'rbac.yaml': role,
    };
    const r = scan(changed, baseline);
    expect(ids(r.findings)).toEqual(['privileged-container web[sidecar]', 'privileged-container api[app]']);
    expect(r.warnings).toEqual([
      'baseline base.json: 1 accepted finding is no longer found (fixed, or changed); write the baseline again (--write-baseline) to drop it',
    ]);
  });

  it('matches by identity, not by file or line: a resource moved to another file stays accepted', () => {
    const baseline = baselineOf(files);
    const moved = {
      'other/rbac.yaml': `# moved\n\n${role}`,
      'all.yaml': `${pod('web', ['app', 'proxy'], 'shop')}`,
    };
    expect(scan(moved, baseline).findings).toEqual([]);
  });

  it('a namespace left out means the default namespace, as for the resource itself', () => {
    const baseline = baselineOf({ 'a.yaml': pod('web', ['app']) });
    expect(scan({ 'a.yaml': pod('web', ['app'], 'default') }, baseline).findings).toEqual([]);
    expect(ids(scan({ 'a.yaml': pod('web', ['app'], 'shop') }, baseline).findings)).toEqual([
      'privileged-container web[app]',
    ]);
  });

  it('counts repeats: one accepted finding accepts one of two identical ones', () => {
    const one = pod('web', ['app'], 'shop');
    const baseline = baselineOf({ 'a.yaml': one });
    const r = scan({ 'a.yaml': one, 'b.yaml': one }, baseline);
    expect(ids(r.findings)).toEqual(['privileged-container web[app]']);
    expect(r.suppressed).toHaveLength(1);
  });

  it('reads a kubeward JSON report as a baseline (declared namespace, null when absent)', () => {
    const report = JSON.stringify({
      schemaVersion: '1',
      findings: [
        {
          ruleId: 'privileged-container',
          severity: 'critical',
          path: 'spec.containers[0].securityContext.privileged',
          resource: { apiVersion: 'v1', kind: 'Pod', namespace: null, name: 'web' },
          container: 'app',
          location: { file: 'a.yaml', line: 11, column: 9 },
        },
      ],
    });
    const identity = {
      ruleId: 'privileged-container',
      path: 'spec.containers[0].securityContext.privileged',
      container: 'app',
    };
    const baseline = parseBaseline(report, 'report.json');
    expect(baseline.counts).toEqual(
      new Map([
        [
          findingKey(
            { ...identity, resource: { kind: 'Pod', namespace: 'default', name: 'web' } },
            'default',
          ),
          1,
        ],
      ]),
    );
    expect(scan({ 'a.yaml': pod('web', ['app']) }, baseline).findings).toEqual([]);
    // read for a scan whose default namespace is another: the entry is in that one
    expect(parseBaseline(report, 'report.json', 'team').counts).toEqual(
      new Map([
        [findingKey({ ...identity, resource: { kind: 'Pod', namespace: 'team', name: 'web' } }, 'team'), 1],
      ]),
    );
  });

  it('finds the line of a bad entry in a large baseline without parsing it twice', () => {
    const entry = (i: number): string =>
      `    {"ruleId":"privileged-container","resource":{"kind":"Pod","namespace":"shop","name":"p${i}"},"path":"spec.containers[0].securityContext.privileged","container":"app"}`;
    const lines = Array.from({ length: 60_000 }, (_, i) =>
      i === 50_000 ? '    {"ruleId":"x","path":"p"}' : entry(i),
    );
    const big = `{\n  "kubewardBaseline": 1,\n  "findings": [\n${lines.join(',\n')}\n  ]\n}\n`;
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(() => parseBaseline(big, 'base.json')).toThrow(
      'base.json:50004: findings[50000]: resource must be an object',
    );
    // another layout of the same size: the entry is named, the line is not looked for
    const other = big.replace(/,\n {4}\{/g, ', {');
    expect(() => parseBaseline(other, 'base.json')).toThrow(
      /^base\.json: findings\[50000\]: resource must be an object$/,
    );
  });

  it('rejects anything else with file and line', () => {
    const fail = (text: string): string => {
      try {
        parseBaseline(text, 'base.json');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(fail('{\n  "kubewardBaseline": 1,\n  "findings": [,]\n}\n')).toMatch(
      /^base\.json:3: invalid baseline: not JSON \(/,
    );
    expect(fail('[]')).toBe(
      'base.json:1: not a kubeward baseline (expected "kubewardBaseline": 1 and a findings list, or a kubeward JSON report)',
    );
    expect(fail('{"kubewardBaseline": 2, "findings": []}')).toMatch(/^base\.json:1: not a kubeward baseline/);
    expect(
      fail(
        '{\n "kubewardBaseline": 1,\n "findings": [\n  {"ruleId": "x", "path": "p", "resource": {"kind": "Pod", "name": "a"}},\n  {"ruleId": "x", "path": "p", "resource": {"kind": "Pod", "name": 7}}\n ]\n}\n',
      ),
    ).toBe('base.json:5: findings[1]: resource.kind and resource.name must be strings');
    expect(fail('{"kubewardBaseline": 1, "findings": [{"ruleId": "x", "resource": {}}]}')).toBe(
      'base.json:1: findings[0]: path must be a string',
    );
    expect(
      fail(
        '{"kubewardBaseline": 1, "findings": [{"ruleId": "x", "path": "p", "container": 1, "resource": {}}]}',
      ),
    ).toBe('base.json:1: findings[0]: container must be a string');
  });
});
