import { describe, expect, it } from 'vitest';
import { scanTexts } from './scanTexts.js';
import { renderJson } from '../src/report/json.js';
import { renderText } from '../src/report/text.js';
import { controlsOf } from '../src/policy/frameworks.js';
import { egressToMetadata } from '../src/policy/rules/network/egress-to-metadata.js';
import { hostPid } from '../src/policy/rules/pod-security/host-pid.js';
import { privilegedContainer } from '../src/policy/rules/pod-security/privileged-container.js';
import { pssAllowPrivilegeEscalation } from '../src/policy/rules/pss/pss-allow-privilege-escalation.js';
import { pssSeccomp } from '../src/policy/rules/pss/pss-seccomp.js';
import { rbacWildcard } from '../src/policy/rules/rbac/rbac-wildcard.js';

const rules = [privilegedContainer, hostPid, rbacWildcard, egressToMetadata];

const pod = (name: string, privileged: boolean): string => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: shop }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: ${privileged} }
    - name: sidecar
      image: envoy:1.30
      securityContext: { privileged: ${privileged} }
`;
const files = {
  'pods.yaml': `${pod('a', true)}---\n${pod('b', false)}`,
  'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: viewer }
rules:
  - apiGroups: ['']
    resources: ['pods']
    verbs: ['get']
`,
};

describe('frameworks: the result per control', () => {
  it('reads the controls a rule cites', () => {
    expect(controlsOf(privilegedContainer, 'cis')).toEqual(['5.2.2']);
    expect(controlsOf(privilegedContainer, 'pss')).toEqual(['Privileged Containers (baseline)']);
    expect(controlsOf(egressToMetadata, 'cis')).toEqual([]);
    // a PSS control per level it applies to, without the versions
    expect(pssSeccomp.references.pss).toBe('Seccomp (baseline; restricted v1.19+)');
    expect(controlsOf(pssSeccomp, 'pss')).toEqual(['Seccomp (baseline)', 'Seccomp (restricted)']);
    expect(pssAllowPrivilegeEscalation.references.pss).toBe('Privilege Escalation (restricted, v1.8+)');
    expect(controlsOf(pssAllowPrivilegeEscalation, 'pss')).toEqual(['Privilege Escalation (restricted)']);
  });

  it('fails a control with findings, passes one whose rules checked resources, and says when nothing was there to check', () => {
    const result = scanTexts(files, { rules, framework: 'nsa' });
    expect(result.controls).toEqual({
      framework: 'nsa',
      results: [
        {
          id: 'Authentication and authorization: Role-based access control',
          status: 'pass',
          rules: ['rbac-wildcard'],
          findings: 0,
          failedResources: 0,
          checkedResources: 1,
          accepted: 0,
        },
        {
          // two findings (two containers) on one of the two pods
          id: 'Kubernetes Pod security: Pod security enforcement',
          status: 'fail',
          rules: ['privileged-container', 'host-pid'],
          findings: 2,
          failedResources: 1,
          checkedResources: 2,
          accepted: 0,
        },
        {
          id: 'Network separation and hardening: Protecting sensitive cloud infrastructure',
          status: 'not applicable',
          rules: ['egress-to-metadata'],
          findings: 0,
          failedResources: 0,
          checkedResources: 0,
          accepted: 0,
        },
      ],
    });
  });

  it('orders control ids as numbers, and leaves out controls no rule that ran cites', () => {
    const result = scanTexts(files, { rules, framework: 'cis' });
    expect(result.controls?.results.map((r) => [r.id, r.status])).toEqual([
      ['5.1.1', 'pass'],
      ['5.1.3', 'pass'],
      ['5.2.2', 'fail'],
      ['5.2.3', 'pass'],
    ]);
    expect(scanTexts(files, { rules }).controls).toBeUndefined();
  });

  it('does not fail a control for accepted findings, and counts them', () => {
    const annotated = files['pods.yaml'].replace(
      'metadata: { name: a, namespace: shop }',
      'metadata: { name: a, namespace: shop, annotations: { kubeward.io/ignore: "privileged-container: GPU driver installer" } }',
    );
    const result = scanTexts({ ...files, 'pods.yaml': annotated }, { rules, framework: 'cis' });
    expect(result.controls?.results.find((r) => r.id === '5.2.2')).toMatchObject({
      status: 'pass',
      findings: 0,
      accepted: 2,
    });
    expect(renderText(result, { color: false })).toContain(
      '  pass  5.2.2  2 resources checked, 2 accepted (suppressed or in the baseline)  [privileged-container]\n',
    );
  });

  it('is in the text and JSON reports', () => {
    const result = scanTexts(files, { rules, framework: 'cis' });
    const text = renderText(result, { color: false });
    expect(text).toContain(
      'CIS Kubernetes Benchmark: 4 controls checked — 1 fail, 3 pass, 0 not applicable\n' +
        '  pass  5.1.1  1 resource checked  [rbac-wildcard]\n' +
        '  pass  5.1.3  1 resource checked  [rbac-wildcard]\n' +
        '  FAIL  5.2.2  2 findings on 1 of 2 resources  [privileged-container]\n' +
        '  pass  5.2.3  2 resources checked  [host-pid]\n',
    );
    const json = renderJson(result, { name: 'kubeward', version: '1', informationUri: '' });
    expect(json).toBe(JSON.stringify(JSON.parse(json), null, 2) + '\n');
    const parsed = JSON.parse(json) as { framework: string; controls: { id: string }[] };
    expect(parsed.framework).toBe('cis');
    expect(parsed.controls.map((c) => c.id)).toEqual(['5.1.1', '5.1.3', '5.2.2', '5.2.3']);
  });
});
