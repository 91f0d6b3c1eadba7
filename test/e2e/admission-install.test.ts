/**
 * `kubeward install` prints manifests that kubeward itself finds nothing wrong with at
 * restricted Pod Security, that kubectl decodes, and whose certificate the CA verifies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installManifests, renderInstall } from '../../src/admission/install.js';
import { scan } from '../../src/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-install-'));
const KINDS = [
  'Namespace',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Deployment',
  'PodDisruptionBudget',
  'Service',
  'NetworkPolicy',
  'NetworkPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
];

function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

describe('kubeward install', () => {
  it.each([
    ['generated certificates', false],
    ['cert-manager', true],
  ])('the manifests (%s) scan clean at --pss restricted', async (_, certManager) => {
    const file = join(dir, `install-${String(certManager)}.yaml`);
    writeFileSync(file, renderInstall({ image: 'ghcr.io/kubeward/kubeward:0.1.0', certManager }));
    const result = await scan([file], {
      pss: { level: 'restricted', version: 'latest' },
      now: new Date('2026-12-03'),
    });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`)).toEqual([]);
    // the generated key is in a Secret: reported, and suppressed with the reason the output gives
    expect(
      result.suppressed.map(
        (s) => `${s.by} ${s.finding.ruleId} ${s.finding.resource.kind}/${s.finding.resource.name}`,
      ),
    ).toEqual(certManager ? [] : ['annotation secret-in-source Secret/kubeward-tls']);
  });

  it('prints every object of the deployment, in apply order', () => {
    expect(installManifests({ image: 'x:1' }).map((o) => o.kind)).toEqual(KINDS);
    const certManager = installManifests({ image: 'x:1', certManager: true }).map((o) => o.kind);
    expect(certManager).toEqual([
      ...KINDS.slice(0, 5),
      'Issuer',
      'Certificate',
      'Issuer',
      'Certificate',
      ...KINDS.slice(6),
    ]);
  });

  it('webhooks: failurePolicy, timeout 3 s, sideEffects None, Equivalent, pod-bearing kinds and namespaces, exclusions', () => {
    const objects = installManifests({ image: 'x:1', namespace: 'guard', replicas: 4 });
    const vwc = objects.find((o) => o.kind === 'ValidatingWebhookConfiguration') as {
      webhooks: Record<string, unknown>[];
    };
    const hook = vwc.webhooks[0]!;
    expect(hook).toMatchObject({
      name: 'validate.kubeward.io',
      failurePolicy: 'Fail',
      timeoutSeconds: 3,
      sideEffects: 'None',
      matchPolicy: 'Equivalent',
      admissionReviewVersions: ['v1'],
      namespaceSelector: {
        matchExpressions: [
          { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'guard'] },
        ],
      },
    });
    expect((hook.rules as { resources: string[] }[]).flatMap((r) => r.resources)).toEqual([
      'pods',
      'pods/ephemeralcontainers',
      'replicationcontrollers',
      'podtemplates',
      'deployments',
      'replicasets',
      'statefulsets',
      'daemonsets',
      'jobs',
      'cronjobs',
      'namespaces',
    ]);
    // namespaces only for validation (mode labels checked as PSA checks its own), cluster-scoped
    expect((hook.rules as { scope: string }[]).map((r) => r.scope)).toEqual([
      'Namespaced',
      'Namespaced',
      'Namespaced',
      'Cluster',
    ]);
    expect((hook.matchConditions as { expression: string }[]).map((c) => c.expression)).toEqual([
      "!('system:nodes' in request.userInfo.groups)",
      "request.resource.group != 'coordination.k8s.io'",
      "request.userInfo.username != 'system:serviceaccount:guard:kubeward'",
    ]);
    const mwc = objects.find((o) => o.kind === 'MutatingWebhookConfiguration') as {
      webhooks: Record<string, unknown>[];
    };
    expect(mwc.webhooks[0]).toMatchObject({ failurePolicy: 'Ignore', reinvocationPolicy: 'IfNeeded' });
    const role = objects.find((o) => o.kind === 'ClusterRole') as { rules: unknown[] };
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
    ]);
    const deploy = objects.find((o) => o.kind === 'Deployment') as { spec: { replicas: number } };
    expect(deploy.spec.replicas).toBe(4);
  });

  it('the caBundle is the CA that signed the serving certificate, for the Service name', () => {
    const objects = installManifests({ image: 'x:1' });
    const secret = objects.find((o) => o.kind === 'Secret') as { stringData: Record<string, string> };
    const vwc = objects.find((o) => o.kind === 'ValidatingWebhookConfiguration') as {
      webhooks: { clientConfig: { caBundle: string } }[];
    };
    const ca = new X509Certificate(Buffer.from(vwc.webhooks[0]!.clientConfig.caBundle, 'base64'));
    const cert = new X509Certificate(secret.stringData['tls.crt']!);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost('kubeward.kubeward.svc')).toBe('kubeward.kubeward.svc');
  });

  // `kubectl apply --dry-run=client` still asks the API server for discovery (REST mappings),
  // so with no cluster it cannot run; `kubectl label --local` decodes every object offline.
  it('kubectl decodes every object', () => {
    expect(kubectlAvailable()).toBe(true);
    const file = join(dir, 'kubectl.yaml');
    writeFileSync(file, renderInstall({ image: 'ghcr.io/kubeward/kubeward:0.1.0' }));
    const out = execFileSync('kubectl', [
      'label',
      '--local',
      '-f',
      file,
      '-o',
      'name',
      'kubeward.io/checked=true',
    ]).toString();
    expect(out.trim().split('\n')).toEqual([
      'namespace/kubeward',
      'serviceaccount/kubeward',
      'clusterrole.rbac.authorization.k8s.io/kubeward-namespace-reader',
      'clusterrolebinding.rbac.authorization.k8s.io/kubeward-namespace-reader',
      'configmap/kubeward-config',
      'secret/kubeward-tls',
      'deployment.apps/kubeward',
      'poddisruptionbudget.policy/kubeward',
      'service/kubeward',
      'networkpolicy.networking.k8s.io/kubeward-default-deny',
      'networkpolicy.networking.k8s.io/kubeward',
      'validatingwebhookconfiguration.admissionregistration.k8s.io/kubeward',
      'mutatingwebhookconfiguration.admissionregistration.k8s.io/kubeward',
    ]);
  });
});

describe('the CLI', () => {
  const run = (args: string[], input = '') =>
    spawnSync(process.execPath, ['dist/cli/main.js', ...args], {
      encoding: 'utf8',
      input,
      env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
    });

  it('kubeward review: exit 1 and the answer when denied, 0 when allowed, 2 when not an AdmissionReview', () => {
    const review = (privileged: boolean) =>
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: 'u-1',
          kind: { group: '', version: 'v1', kind: 'Pod' },
          resource: { group: '', version: 'v1', resource: 'pods' },
          name: 'web',
          namespace: 'shop',
          operation: 'CREATE',
          userInfo: { username: 'alice' },
          object: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'web', namespace: 'shop' },
            spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged } }] },
          },
        },
      });
    const denied = run(['review', '-'], review(true));
    expect(denied.status).toBe(1);
    expect(
      (JSON.parse(denied.stdout) as { response: { status: { message: string } } }).response.status.message,
    ).toBe(
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
    expect(run(['review', '-'], review(false)).status).toBe(0);
    const bad = run(['review', '-'], '{"kind":"Pod"}');
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([
      2,
      '',
      'kubeward: -: not an AdmissionReview: kind must be AdmissionReview, not "Pod"\n',
    ]);
  });

  it('kubeward install: prints the manifests; fewer than 2 replicas is a usage error', () => {
    const ok = run(['install', '--namespace', 'guard']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('path: /validate');
    expect(ok.stdout).toContain("request.userInfo.username != 'system:serviceaccount:guard:kubeward'");
    const one = run(['install', '--replicas', '1']);
    expect([one.status, one.stderr]).toEqual([
      2,
      'kubeward: --replicas must be 2 or more (one replica is an outage waiting for a node drain), not "1"\n',
    ]);
  });
});
