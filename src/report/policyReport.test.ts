import { describe, expect, it } from 'vitest';
import { validateClusterPolicyReport, validatePolicyReport } from '../../test/policyReportSchema.js';
import { scanTexts } from '../../test/scanTexts.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { defineRule, type Rule } from '../policy/types.js';
import { renderScan } from './formats.js';
import {
  policyReports,
  renderPolicyReportsYaml,
  type PolicyReport,
  type PolicyReportResult,
} from './policyReport.js';

const NOW = new Date('2026-12-03T14:05:06.789Z');

/** A cluster-scoped rule, so that a ClusterPolicyReport has something to hold. */
const wildcardRole: Rule = defineRule({
  id: 'test-wildcard-clusterrole',
  title: 'ClusterRole grants every verb',
  category: 'rbac',
  severity: 'high',
  description: 'A ClusterRole rule with verbs ["*"].',
  rationale: 'Everything is allowed.',
  remediation: 'List the verbs.',
  references: { cis: ['5.1.3'] },
  targets: ['ClusterRole'],
  *check({ resource }) {
    const rules = (resource.object.rules ?? []) as { verbs?: string[] }[];
    for (const [i, r] of rules.entries())
      if (r.verbs?.includes('*')) yield { message: 'verbs: ["*"]', path: ['rules', i, 'verbs'] };
  },
});

const pod = (name: string, namespace: string | undefined, annotations = ''): string =>
  `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace !== undefined ? `  namespace: ${namespace}\n` : ''}${annotations}spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

const clusterRole = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: god
rules:
  - apiGroups: ['']
    resources: [pods]
    verbs: ['*']
`;

const scanOf = (files: Record<string, string>) =>
  scanTexts(files, { rules: [privilegedContainer, wildcardRole] });

const privilegedResult = (
  name: string,
  namespace: string,
  file: string,
  line: number,
): PolicyReportResult => ({
  source: 'kubeward',
  policy: 'privileged-container',
  rule: 'privileged-container',
  category: 'pod-security',
  severity: 'critical',
  timestamp: { seconds: 1796306706, nanos: 789000000 },
  result: 'fail',
  scored: true,
  resources: [{ apiVersion: 'v1', kind: 'Pod', namespace, name }],
  message: 'container "app" runs privileged (securityContext.privileged: true)',
  properties: {
    path: 'spec.containers[0].securityContext.privileged',
    container: 'app',
    file,
    line: String(line),
    cis: '5.2.2',
    mitre: 'T1611,T1610',
    pss: 'Privileged Containers (baseline)',
  },
});

describe('PolicyReport output', () => {
  it('puts namespaced findings in one PolicyReport per namespace and cluster-scoped ones in a ClusterPolicyReport, suppressed ones as skip', () => {
    const result = scanOf({
      'shop.yaml': `${pod('web', 'shop')}---\n${pod('quiet', 'shop', '  annotations:\n    kubeward.io/ignore: "privileged-container: the node agent"\n')}`,
      'default.yaml': pod('loose', undefined),
      'rbac.yaml': clusterRole,
    });
    const reports = policyReports(result, { now: NOW });
    expect(reports).toEqual<PolicyReport[]>([
      {
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: 'ClusterPolicyReport',
        metadata: { name: 'kubeward-cluster', labels: { 'app.kubernetes.io/managed-by': 'kubeward' } },
        summary: { pass: 0, fail: 1, warn: 0, error: 0, skip: 0 },
        results: [
          {
            source: 'kubeward',
            policy: 'test-wildcard-clusterrole',
            rule: 'test-wildcard-clusterrole',
            category: 'rbac',
            severity: 'high',
            timestamp: { seconds: 1796306706, nanos: 789000000 },
            result: 'fail',
            scored: true,
            resources: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'god' }],
            message: 'verbs: ["*"]',
            properties: { path: 'rules[0].verbs', file: 'rbac.yaml', line: '8', cis: '5.1.3' },
          },
        ],
      },
      {
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: 'PolicyReport',
        metadata: {
          name: 'kubeward',
          namespace: 'default',
          labels: { 'app.kubernetes.io/managed-by': 'kubeward' },
        },
        summary: { pass: 0, fail: 1, warn: 0, error: 0, skip: 0 },
        results: [privilegedResult('loose', 'default', 'default.yaml', 10)],
      },
      {
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: 'PolicyReport',
        metadata: {
          name: 'kubeward',
          namespace: 'shop',
          labels: { 'app.kubernetes.io/managed-by': 'kubeward' },
        },
        summary: { pass: 0, fail: 1, warn: 0, error: 0, skip: 1 },
        results: [
          {
            ...privilegedResult('quiet', 'shop', 'shop.yaml', 25),
            result: 'skip',
            properties: {
              ...privilegedResult('quiet', 'shop', 'shop.yaml', 25).properties,
              suppressedBy: 'annotation',
              reason: 'the node agent',
            },
          },
          privilegedResult('web', 'shop', 'shop.yaml', 11),
        ],
      },
    ]);
    for (const r of reports) {
      const validate = r.kind === 'PolicyReport' ? validatePolicyReport : validateClusterPolicyReport;
      expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('the schema rejects what the CRD rejects or would prune', () => {
    const [report] = policyReports(scanOf({ 'p.yaml': pod('web', 'shop') }), { now: NOW });
    const result = report!.results[0]!;
    const bad = (change: object) => ({ ...report, results: [{ ...result, ...change }] });
    expect(validatePolicyReport(report)).toBe(true);
    expect(validatePolicyReport(bad({ severity: 'urgent' }))).toBe(false);
    expect(validatePolicyReport(bad({ result: 'failed' }))).toBe(false);
    expect(validatePolicyReport(bad({ timestamp: { seconds: 1 } }))).toBe(false);
    expect(validatePolicyReport(bad({ ruleId: 'x' }))).toBe(false);
    expect(validatePolicyReport({ ...report, metadata: { name: 'kubeward' } })).toBe(false);
  });

  it('splits a namespace past maxResults into reports with numbered names, each with its own summary', () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`${n}.yaml`, pod(n, 'shop')]));
    const reports = policyReports(scanOf(files), { now: NOW, maxResults: 2 });
    expect(
      reports.map((r) => [r.metadata.name, r.summary.fail, r.results.map((x) => x.resources[0]!.name)]),
    ).toEqual([
      ['kubeward', 2, ['a', 'b']],
      ['kubeward-2', 2, ['c', 'd']],
      ['kubeward-3', 1, ['e']],
    ]);
    expect(() => policyReports(scanOf(files), { now: NOW, maxResults: 0 })).toThrow(RangeError);
  });

  it('gives the same results whatever order the manifests come in', () => {
    const docs = [pod('x', 'shop'), pod('y', 'shop'), clusterRole];
    const forward = policyReports(scanOf({ 'all.yaml': docs.join('---\n') }), { now: NOW, locations: false });
    const backward = policyReports(scanOf({ 'all.yaml': [...docs].reverse().join('---\n') }), {
      now: NOW,
      locations: false,
    });
    expect(backward).toEqual(forward);
    expect(forward.map((r) => r.metadata.name)).toEqual(['kubeward-cluster', 'kubeward']);
  });

  it('sets the uid of a resource when the caller knows it (an audit of a live cluster)', () => {
    const [report] = policyReports(scanOf({ 'p.yaml': pod('web', 'shop') }), {
      now: NOW,
      locations: false,
      uids: new Map([['Pod\u0000shop\u0000web', '0d6c2f1e-1111-4222-8333-944445555666']]),
    });
    expect(report!.results[0]!.resources).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: 'shop',
        name: 'web',
        uid: '0d6c2f1e-1111-4222-8333-944445555666',
      },
    ]);
    expect(report!.results[0]!.properties).toEqual({
      path: 'spec.containers[0].securityContext.privileged',
      container: 'app',
      cis: '5.2.2',
      mitre: 'T1611,T1610',
      pss: 'Privileged Containers (baseline)',
    });
  });

  it('is what `scan -f policyreport` writes: YAML documents, exactly', async () => {
    const result = scanOf({ 'rbac.yaml': clusterRole });
    const text = await renderScan('policyreport', result, { now: NOW });
    expect(text).toBe(`---
apiVersion: wgpolicyk8s.io/v1alpha2
kind: ClusterPolicyReport
metadata:
  name: kubeward-cluster
  labels:
    app.kubernetes.io/managed-by: kubeward
summary:
  pass: 0
  fail: 1
  warn: 0
  error: 0
  skip: 0
results:
  - source: kubeward
    policy: test-wildcard-clusterrole
    rule: test-wildcard-clusterrole
    category: rbac
    severity: high
    timestamp:
      seconds: 1796306706
      nanos: 789000000
    result: fail
    scored: true
    resources:
      - apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        name: god
    message: 'verbs: ["*"]'
    properties:
      path: rules[0].verbs
      file: rbac.yaml
      line: "8"
      cis: 5.1.3
`);
    expect(renderPolicyReportsYaml([])).toBe('');
  });
});
