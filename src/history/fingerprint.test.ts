import { describe, expect, it } from 'vitest';
import { scanTexts } from '../../test/scanTexts.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { findingFingerprint, fingerprintText } from './fingerprint.js';

const pod = (name: string, extraLabels = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
${extraLabels}spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

const prints = (files: Record<string, string>) =>
  scanTexts(files, { rules: [privilegedContainer] })
    .findings.map((f) => [f.resource.name, f.location.line, findingFingerprint(f, 'default')] as const)
    .sort(([a], [b]) => a.localeCompare(b));

describe('finding fingerprints', () => {
  it('hold the rule, API group, kind, namespace, name and field path, and nothing else', () => {
    const f = {
      ruleId: 'privileged-container',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      path: 'spec.template.spec.containers[0].securityContext.privileged',
    };
    expect(fingerprintText(f, 'shop')).toBe(
      'v1\u0000privileged-container\u0000apps\u0000Deployment\u0000shop\u0000web\u0000spec.template.spec.containers[0].securityContext.privileged',
    );
    expect(findingFingerprint(f, 'shop')).toMatch(/^[0-9a-f]{32}$/);
    // the API version is not identity; the group is
    expect(
      findingFingerprint({ ...f, resource: { ...f.resource, apiVersion: 'apps/v1beta2' } }, 'shop'),
    ).toBe(findingFingerprint(f, 'shop'));
    expect(findingFingerprint({ ...f, resource: { ...f.resource, namespace: 'shop' } }, 'other')).toBe(
      findingFingerprint(f, 'shop'),
    );
    expect(
      findingFingerprint(
        { ...f, path: 'spec.template.spec.containers[1].securityContext.privileged' },
        'shop',
      ),
    ).not.toBe(findingFingerprint(f, 'shop'));
    const role = {
      ruleId: 'r',
      resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'x' },
      path: 'rules',
    };
    expect(fingerprintText(role, 'shop')).toBe(
      'v1\u0000r\u0000rbac.authorization.k8s.io\u0000ClusterRole\u0000\u0000x\u0000rules',
    );
  });

  it('stay the same when a manifest moves within its file, to another file, or gains lines above the field', () => {
    const before = prints({ 'all.yaml': `${pod('web')}---\n${pod('db')}` });
    const moved = prints({ 'all.yaml': `${pod('db')}---\n# a comment\n\n${pod('web')}` });
    const split = prints({ 'web.yaml': pod('web', '  labels:\n    app: web\n'), 'db.yaml': pod('db') });
    expect(before.map(([n, line]) => [n, line])).toEqual([
      ['db', 23],
      ['web', 11],
    ]);
    expect(moved.map(([n, line]) => [n, line])).toEqual([
      ['db', 11],
      ['web', 25],
    ]);
    expect(split.map(([n, line]) => [n, line])).toEqual([
      ['db', 11],
      ['web', 13],
    ]);
    expect(moved.map(([n, , fp]) => [n, fp])).toEqual(before.map(([n, , fp]) => [n, fp]));
    expect(split.map(([n, , fp]) => [n, fp])).toEqual(before.map(([n, , fp]) => [n, fp]));
    expect(before[0]![2]).not.toBe(before[1]![2]);
  });
});
