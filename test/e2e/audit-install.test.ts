/**
 * `kubeward install --audit` prints a deployment that kubeward itself finds nothing wrong with
 * at restricted Pod Security, whose RBAC passes the risky-grant rules, reads no Secret and
 * deletes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInstallManifests, renderAuditInstall } from '../../src/audit/install.js';
import { scan } from '../../src/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-audit-install-'));
const IMAGE = 'ghcr.io/kubeward/kubeward:0.1.0';

describe('kubeward install --audit', () => {
  it.each([
    ['SQLite history in the pod', {}],
    ['a shared PostgreSQL history', { dbSecret: 'history-db', scope: 'prod-eu' }],
  ])('the manifests (%s) scan clean at --pss restricted, risky-grant rules included', async (_, extra) => {
    const file = join(dir, `audit-${Object.keys(extra).length}.yaml`);
    writeFileSync(file, renderAuditInstall({ image: IMAGE, ...extra }));
    const result = await scan([file], { pss: { level: 'restricted', version: 'latest' }, workers: 0 });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`)).toEqual([]);
    expect(result.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['rbac-secrets-read', 'rbac-wildcard']),
    );
    expect(result.resources.map((r) => r.ref.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Deployment',
      'NetworkPolicy',
      'NetworkPolicy',
    ]);
  });

  it('one replica that leads through the Lease, reads without Secrets, and may not delete', () => {
    const objects = auditInstallManifests({ image: IMAGE, dbSecret: 'history-db' });
    const deployment = objects.find((o) => o.kind === 'Deployment') as {
      spec: { replicas: number; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0]!.args).toEqual([
      'audit',
      '--cluster',
      '--watch',
      '--leader-elect',
      '--lease-name',
      'kubeward-audit',
      '--interval',
      '60s',
      '--metrics-port',
      '9090',
      '--db',
      '$(KUBEWARD_DB)',
    ]);
    const rules = objects
      .filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')
      .flatMap((o) => o.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]);
    const resources = rules.flatMap((r) => r.resources);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('*');
    expect(new Set(rules.flatMap((r) => r.verbs))).toEqual(
      new Set(['get', 'list', 'watch', 'create', 'update']),
    );
    const writes = rules.filter((r) => r.verbs.some((v) => v === 'create' || v === 'update'));
    expect(writes.flatMap((r) => r.resources).sort()).toEqual([
      'clusterpolicyreports',
      'leases',
      'leases',
      'policyreports',
    ]);
  });
});
