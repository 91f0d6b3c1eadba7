import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_API_RESOURCES, GATEWAY_API_RESOURCES } from '../apiServer/discovery.js';
import { startFixtureApiServer, type FixtureApiServer } from '../apiServer/fixtureApiServer.js';
import { shopCluster } from '../apiServer/shopCluster.js';
import { READ_KINDS } from '../../src/load/cluster/kinds.js';
import { readCluster } from '../../src/load/cluster/read.js';
import { parseSnapshot, renderSnapshot } from '../../src/load/cluster/snapshot.js';
import { loadModel, scan, scanCluster, type LocatedFinding, type ScanResult } from '../../src/scan.js';

let server: FixtureApiServer | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-cluster-scan-'));
  server = await startFixtureApiServer({
    objects: shopCluster(),
    apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
  });
});
afterEach(async () => {
  const s = server;
  server = undefined;
  await rm(dir, { recursive: true, force: true });
  await s?.close();
});

/** A finding without where it was read (file vs cluster source). */
const what = (f: LocatedFinding): string =>
  JSON.stringify([f.ruleId, f.severity, f.message, f.path, f.resource, f.container ?? null]);
const findingsOf = (r: ScanResult): string[] => r.findings.map(what).sort();
const now = new Date('2026-12-03T12:00:00Z');

describe('a scan of a live cluster', () => {
  it('equals the scan of the same objects as files (same findings, ignoring locations)', async () => {
    const kubeconfig = await server!.writeKubeconfig(dir);
    const read = await readCluster({ kubeconfig });
    const fromCluster = scanCluster(read, { now, workers: 0 });
    // the objects as the server stores them (not as the reader returned them), Secrets left out as the reader leaves them
    const file = join(dir, 'cluster.json');
    // in the order the reader lists kinds: messages that name several workloads name them in input order
    const rank = (kind: string): number => READ_KINDS.findIndex((k) => k.kind === kind);
    const stored = server!
      .objects()
      .filter((o) => o.kind !== 'Secret')
      .sort((a, b) => rank(a.kind) - rank(b.kind));
    await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: stored }));
    const fromFiles = await scan([file], { now, workers: 0 });
    expect(fromFiles.errors).toEqual([]);
    expect(fromCluster.errors).toEqual([]);
    expect(findingsOf(fromCluster)).toEqual(findingsOf(fromFiles));
    expect(fromCluster.findings.length).toBeGreaterThan(20);
    expect(fromCluster.stats.resources).toBe(stored.length);
    expect(fromCluster.stats.workloads).toBe(fromFiles.stats.workloads);
    expect(fromCluster.model.workloads.length).toBe(fromFiles.model.workloads.length);
    const pod = fromCluster.findings.find((f) => f.resource.kind === 'DaemonSet')!;
    expect(pod.location.file).toBe('cluster:fixture/kube-system/DaemonSet/node-agent');
    expect(pod.source.file).toBe('cluster:fixture/kube-system/DaemonSet/node-agent');
  });

  it('secret-in-source never fires on cluster objects; last-applied-secret-leak fires on what --secret-metadata dropped', async () => {
    const kubeconfig = await server!.writeKubeconfig(dir);
    const read = await readCluster({ kubeconfig, secretMetadata: true });
    const result = scanCluster(read, {
      now,
      workers: 0,
      only: ['last-applied-secret-leak', 'secret-in-source'],
    });
    expect(result.findings.map((f) => [f.ruleId, f.location.file, f.path, f.message])).toEqual([
      [
        'last-applied-secret-leak',
        'cluster:fixture/shop/Secret/db-credentials',
        'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
        'the kubectl.kubernetes.io/last-applied-configuration annotation repeats the Secret\'s values in plaintext metadata (stringData "POSTGRES_PASSWORD")',
      ],
      [
        'last-applied-secret-leak',
        'cluster:fixture/shop/Secret/web-tls',
        'metadata.annotations["example.com/api-token"]',
        'the example.com/api-token annotation holds a value-like string in plaintext metadata (dropped when read, never stored)',
      ],
    ]);
  });

  it('a forbidden kind is a warning naming the permission, and the rest is scanned', async () => {
    await server!.close();
    server = await startFixtureApiServer({
      objects: shopCluster(),
      apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
      forbidden: [{ group: '', resource: 'configmaps' }],
    });
    const kubeconfig = await server.writeKubeconfig(dir);
    const result = scanCluster(await readCluster({ kubeconfig }), { now, workers: 0 });
    expect(result.warnings).toEqual([
      'cluster fixture: not visible: ConfigMap: cannot list configmaps at cluster scope (grant verb "list" on resource "configmaps" in apiGroup "")',
    ]);
    expect(result.findings.some((f) => f.resource.kind === 'ConfigMap')).toBe(false);
    expect(result.findings.some((f) => f.resource.kind === 'Deployment')).toBe(true);
  });

  it('a snapshot round-trips: written, read back, scanned as the cluster, taken by loadModel as a path', async () => {
    const kubeconfig = await server!.writeKubeconfig(dir);
    const read = await readCluster({ kubeconfig, secretMetadata: true, now: () => now });
    const text = [...renderSnapshot([read], '0.1.0')].join('');
    expect(text.startsWith('{"apiVersion":"kubeward.io/snapshot/v1","kind":"ClusterSnapshot"')).toBe(true);
    expect(text).not.toContain('Tr0ub4dor');
    const [back] = parseSnapshot(text, 'snap.json');
    expect(back).toEqual({ ...read, requests: 0 });
    const file = join(dir, 'snap.json');
    await writeFile(file, text);
    const fromSnapshot = await scan([file], { now, workers: 0 });
    expect(findingsOf(fromSnapshot)).toEqual(findingsOf(scanCluster(read, { now, workers: 0 })));
    expect(fromSnapshot.findings[0]!.location.file.startsWith('cluster:fixture/')).toBe(true);
    const model = await loadModel([file]);
    expect(model.resources).toBe(read.objects.length);
    expect(model.model.workloads.length).toBe(scanCluster(read, { now, workers: 0 }).model.workloads.length);
  });

  it('a bad snapshot is one line naming the file and the problem', () => {
    expect(() => parseSnapshot('{"apiVersion":"kubeward.io/snapshot/v9","clusters":[]}', 's.json')).toThrow(
      's.json: snapshot format "kubeward.io/snapshot/v9" is not supported (this kubeward reads kubeward.io/snapshot/v1); write the snapshot again with this version',
    );
    expect(() => parseSnapshot('{"apiVersion":"kubeward.io/snapshot/v1", "clusters": [', 's.json')).toThrow(
      /^s\.json: not a kubeward snapshot: malformed JSON \(/,
    );
    expect(() =>
      parseSnapshot(
        '{"apiVersion":"kubeward.io/snapshot/v1","clusters":[{"context":"a","objects":[{"kind":"Pod"}]}]}',
        's.json',
      ),
    ).toThrow(
      's.json: malformed snapshot: clusters[0].objects[0] is not a Kubernetes object (apiVersion, kind, metadata)',
    );
  });

  it('a Secret with values in a hand-made snapshot is cut to its metadata on reading', () => {
    const [read] = parseSnapshot(
      JSON.stringify({
        apiVersion: 'kubeward.io/snapshot/v1',
        kind: 'ClusterSnapshot',
        clusters: [
          {
            context: 'a',
            objects: [
              {
                apiVersion: 'v1',
                kind: 'Secret',
                metadata: { name: 's', namespace: 'x' },
                data: { k: 'dmFsdWU=' },
              },
            ],
          },
        ],
      }),
      's.json',
    );
    expect(read!.objects).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'x' } },
    ]);
  });
});
