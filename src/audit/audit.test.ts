import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startFixtureApiServer,
  type FixtureApiServer,
  type FixtureObject,
} from '../../test/apiServer/fixtureApiServer.js';
import { shopCluster } from '../../test/apiServer/shopCluster.js';
import { BUILTIN_API_RESOURCES, GATEWAY_API_RESOURCES } from '../../test/apiServer/discovery.js';
import { connect } from '../load/cluster/connection.js';
import { clusterLoadResult } from '../load/cluster/clusterSource.js';
import { policyReports, renderPolicyReportsYaml } from '../report/policyReport.js';
import { scanLoaded, type LocatedFinding } from '../scan.js';
import { startAudit, type AuditCycle, type RunningAudit } from './audit.js';
import { AuditMetrics } from './metrics.js';

const NOW = new Date('2026-12-03T14:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const key = (f: LocatedFinding) =>
  [f.resource.kind, f.resource.namespace ?? '', f.resource.name, f.ruleId, f.path].join(' ');

/** What a full scan of the server's objects finds (Secrets aside: the audit never reads them): what every cycle must equal. */
function fullScan(server: FixtureApiServer) {
  const objects = server.objects().filter((o) => o.kind !== 'Secret');
  return scanLoaded(clusterLoadResult('fixture', objects), { now: NOW, locate: false });
}

const privilegedPod = (name: string): FixtureObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', uid: `uid-${name}` },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] },
});

async function setUp(): Promise<{
  server: FixtureApiServer;
  audit: RunningAudit;
  dir: string;
  metrics: AuditMetrics;
  next: (test: (c: AuditCycle) => boolean) => Promise<AuditCycle>;
}> {
  const server = await startFixtureApiServer({
    objects: shopCluster(),
    apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
  });
  cleanups.push(() => server.close());
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-audit-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const kubeconfig = await server.writeKubeconfig(dir);
  const list = await connect({ kubeconfig, context: 'fixture' });
  const watch = await connect({ kubeconfig, context: 'fixture', concurrency: 64 });
  const cycles: AuditCycle[] = [];
  const waiting: { test: (c: AuditCycle) => boolean; done: (c: AuditCycle) => void }[] = [];
  const metrics = new AuditMetrics();
  const audit = await startAudit({
    watch: true,
    reports: { dir: join(dir, 'reports') },
    intervalMs: 50,
    watchSeconds: 1,
    now: () => NOW,
    metrics,
    connections: { list, watch },
    onCycle: (c) => {
      cycles.push(c);
      for (const w of waiting.splice(0)) {
        if (w.test(c)) w.done(c);
        else waiting.push(w);
      }
    },
  });
  cleanups.push(async () => {
    await audit.stop();
    list.close();
    watch.close();
  });
  const next = (test: (c: AuditCycle) => boolean) =>
    new Promise<AuditCycle>((done) => {
      const found = cycles.find(test);
      if (found) done(found);
      else waiting.push({ test, done });
    });
  return { server, audit, dir, metrics, next };
}

const has = (c: AuditCycle, name: string) =>
  c.result.findings.some((f) => f.resource.name === name && f.ruleId === 'privileged-container');

describe('kubeward audit --watch against the fixture API server', () => {
  it('first cycle: the findings of a full scan of the same objects, and the PolicyReports as files, exactly', async () => {
    const { server, audit, dir } = await setUp();
    const first = await audit.first;
    const scanned = fullScan(server);
    expect(first.result.findings.map(key).sort()).toEqual(scanned.findings.map(key).sort());
    expect(first.result.suppressed.map((s) => key(s.finding)).sort()).toEqual(
      scanned.suppressed.map((s) => key(s.finding)).sort(),
    );
    expect(first.result.findings.length).toBeGreaterThan(10);
    const files = readdirSync(join(dir, 'reports')).sort();
    expect(files).toEqual([
      'clusterpolicyreport.kubeward-cluster.yaml',
      'policyreport.kube-system.kubeward.yaml',
      'policyreport.shop.kubeward.yaml',
    ]);
    // each file is its report exactly; the privileged DaemonSet's result in kube-system, field by field
    for (const r of first.reports) {
      const name =
        r.kind === 'PolicyReport'
          ? `policyreport.${r.metadata.namespace}.${r.metadata.name}.yaml`
          : `clusterpolicyreport.${r.metadata.name}.yaml`;
      expect(readFileSync(join(dir, 'reports', name), 'utf8')).toBe(renderPolicyReportsYaml([r]));
    }
    const kubeSystem = first.reports.find((r) => r.metadata.namespace === 'kube-system')!;
    expect(kubeSystem.results.find((r) => r.policy === 'privileged-container')).toEqual({
      source: 'kubeward',
      policy: 'privileged-container',
      rule: 'privileged-container',
      category: 'pod-security',
      severity: 'critical',
      timestamp: { seconds: 1796306400, nanos: 0 },
      result: 'fail',
      scored: true,
      resources: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'node-agent',
          uid: (server.objects().find((o) => o.kind === 'DaemonSet')!.metadata as { uid: string }).uid,
        },
      ],
      message: 'container "agent" runs privileged (securityContext.privileged: true)',
      properties: {
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        container: 'agent',
        cis: '5.2.2',
        mitre: 'T1611,T1610',
        pss: 'Privileged Containers (baseline)',
      },
    });
    expect(
      policyReports(scanned, { now: NOW, locations: false }).map((r) => [r.metadata.name, r.summary]),
    ).toEqual(first.reports.map((r) => [r.metadata.name, r.summary]));
  });

  it('watch events change the findings: only the changed object is evaluated again', async () => {
    const { server, audit, metrics, next } = await setUp();
    await audit.first;
    server.apply(privilegedPod('intruder'));
    const added = await next((c) => has(c, 'intruder'));
    expect(added.result.reevaluated).toBe(1);
    expect(added.result.findings.map(key).sort()).toEqual(fullScan(server).findings.map(key).sort());
    server.remove('v1', 'Pod', 'shop', 'intruder');
    const gone = await next((c) => c.number > added.number && !has(c, 'intruder'));
    expect(gone.result.findings.map(key).sort()).toEqual(fullScan(server).findings.map(key).sort());
    expect(metrics.render()).toMatch(/kubeward_audit_watch_events_total\{type="ADDED"\} 1\n/);
    expect(metrics.render()).toMatch(/kubeward_audit_watch_events_total\{type="DELETED"\} 1\n/);
  });

  it('a 410 Gone on a watch makes the kind listed again, and what changed meanwhile is seen', async () => {
    const { server, audit, next, metrics } = await setUp();
    await audit.first;
    const listsBefore = server.countRequests({ verb: 'list', resource: 'pods' });
    server.goneOnWatch({ group: '', resource: 'pods', times: 1 });
    server.apply(privilegedPod('late'));
    const seen = await next((c) => has(c, 'late'));
    expect(audit.informers.relists()).toBe(1);
    expect(server.countRequests({ verb: 'list', resource: 'pods' })).toBe(listsBefore + 1);
    expect(metrics.render()).toMatch(/kubeward_audit_relists_total 1\n/);
    expect(seen.result.findings.map(key).sort()).toEqual(fullScan(server).findings.map(key).sort());
  });
});
