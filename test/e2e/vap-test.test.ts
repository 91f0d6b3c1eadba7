/**
 * `kubeward vap test` on the ValidatingAdmissionPolicy examples of the Kubernetes documentation
 * (examples/vap/, taken from https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/)
 * with the outcomes the documentation gives, and bad policy input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
const run = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface VapJson {
  results: { resource: { name: string }; allowed: boolean; message?: string; code?: number; warnings: string[]; auditAnnotations: Record<string, string> }[];
  errors: { file: string; line: number; message: string }[];
}

describe('kubeward vap test', () => {
  it('gives the documented verdicts on the documentation examples and exits 1 for the denials', () => {
    const r = run(['vap', 'test', 'examples/vap/manifests', '--policies', 'examples/vap/policies', '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as VapJson;
    expect(report.errors).toEqual([]);
    expect(report.results.map((x) => [x.resource.name, x.allowed, x.code ?? null, x.message ?? null, x.warnings])).toEqual([
      ['test', true, null, null, []],
      ['prod', true, null, null, []],
      ['small', true, null, null, []],
      ['four', false, 422, `deployments.apps "four" is invalid: : ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' denied request: failed expression: object.spec.replicas <= params.maxReplicas`, []],
      // The documentation's message for the basic example.
      ['seven', false, 403, `deployments.apps "seven" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5`, []],
      ['fifty', true, null, null, ["Validation failed for ValidatingAdmissionPolicy 'require-team-label.example.com' with binding 'require-team-label-binding': deployment fifty has no team label"]],
      ['huge', false, 422, `deployments.apps "huge" is invalid: : ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-nontest' denied request: failed expression: object.spec.replicas <= params.maxReplicas`, []],
    ]);
    expect(report.results[5]!.auditAnnotations).toEqual({
      'require-team-label.example.com/replicas': '50',
      'validation.policy.admission.k8s.io/validation_failure':
        '[{"message":"deployment fifty has no team label","policy":"require-team-label.example.com","binding":"require-team-label-binding","expressionIndex":0,"validationActions":["Audit"]}]',
    });
  });

  it('exits 0 when nothing is denied', () => {
    const r = run(['vap', 'test', '-', '--policies', 'examples/vap/policies']);
    expect(r.code).toBe(0);
  });

  it('names a policy whose expression does not compile and a binding whose params are missing, one line each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-vap-'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: broken }
spec:
  matchConstraints:
    resourceRules: [{ apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments] }]
  validations:
    - expression: "object.spec.replicas <= "
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: needs-params }
spec:
  paramKind: { apiVersion: rules.example.com/v1, kind: ReplicaLimit }
  matchConstraints:
    resourceRules: [{ apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments] }]
  validations:
    - expression: "object.spec.replicas <= params.maxReplicas"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: needs-params-binding }
spec:
  policyName: needs-params
  validationActions: [Deny]
  paramRef: { name: missing-limit, namespace: default, parameterNotFoundAction: Deny }
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingAdmissionPolicy
metadata: { name: mutator }
spec: {}
`,
    );
    const r = run(['vap', 'test', join(root, 'examples/vap/manifests'), '--policies', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      `notice: ${join(dir, 'bad.yaml')}:27: MutatingAdmissionPolicy 'mutator' is not evaluated: kubeward does not run MutatingAdmissionPolicy (ApplyConfiguration needs CEL object construction)`,
      `error: ${join(dir, 'bad.yaml')}:1: ValidatingAdmissionPolicy 'broken': spec.validations[0].expression does not compile: 1:22: syntax error: found < but expecting end of input`,
    ]);
    expect(r.stdout).toContain(
      "DENY   Deployment test/small (" + join(root, 'examples/vap/manifests/deployments.yaml') + ":14): deployments.apps \"small\" is forbidden: ValidatingAdmissionPolicy 'needs-params' with binding 'needs-params-binding' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
    );
  });

  it('requires --policies', () => {
    const r = run(['vap', 'test', 'examples/vap/manifests']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--policies DIR is required');
  });
});

describe('kubeward export vap', () => {
  it('writes two PSS policies and a binding that vap test runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-export-'));
    const exported = run(['export', 'vap', '--level', 'baseline']);
    expect(exported.code).toBe(0);
    writeFileSync(join(dir, 'pss.yaml'), exported.stdout);
    expect(exported.stdout.match(/^kind: .*$/gm)).toEqual(['kind: ValidatingAdmissionPolicy', 'kind: ValidatingAdmissionPolicy', 'kind: ValidatingAdmissionPolicyBinding']);
    const r = run(['vap', 'test', 'examples/insecure-shop', '--policies', dir, '-f', 'json']);
    expect(r.code).toBe(1);
    const denied = (JSON.parse(r.stdout) as VapJson).results.filter((x) => !x.allowed).map((x) => x.resource.name);
    expect(denied).toEqual(['log-agent']);
  });

  it('refuses a family it cannot export', () => {
    const r = run(['export', 'vap', '--rules', 'rbac']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rules: "rbac" cannot be exported; exportable: pss');
  });
});
