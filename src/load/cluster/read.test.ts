import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_API_RESOURCES, GATEWAY_API_RESOURCES } from '../../../test/apiServer/discovery.js';
import {
  startFixtureApiServer,
  type FixtureApiServer,
  type FixtureApiServerOptions,
  type FixtureObject,
} from '../../../test/apiServer/fixtureApiServer.js';
import { shopCluster } from '../../../test/apiServer/shopCluster.js';
import type { JsonRecord } from '../../k8s/shape.js';
import { readCluster, type ReadClusterOptions } from './read.js';
import { REDACTED_ANNOTATION } from './secretMetadata.js';

const WITH_GATEWAY = [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES];

let server: FixtureApiServer | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-read-'));
});
afterEach(async () => {
  const s = server;
  server = undefined;
  await rm(dir, { recursive: true, force: true });
  await s?.close(); // rejects (fails the test) when Secret values were ever asked for
});

async function start(options: FixtureApiServerOptions = {}): Promise<string> {
  server = await startFixtureApiServer({ objects: shopCluster(), apiResources: WITH_GATEWAY, ...options });
  return server.writeKubeconfig(dir);
}

const key = (o: JsonRecord): string => {
  const m = o.metadata as { namespace?: string; name: string };
  return `${String(o.apiVersion)} ${String(o.kind)} ${m.namespace ?? ''}/${m.name}`;
};
const sorted = (objects: readonly JsonRecord[]): JsonRecord[] =>
  [...objects].sort((a, b) => key(a).localeCompare(key(b)));
const noSecrets = (objects: readonly FixtureObject[]): FixtureObject[] =>
  objects.filter((o) => o.kind !== 'Secret');
const fast: ReadClusterOptions['retry'] = { sleep: () => Promise.resolve() };

describe('readCluster', () => {
  it('reads every object but Secrets, with kind and apiVersion restored, exactly as stored', async () => {
    const kubeconfig = await start();
    const read = await readCluster({ kubeconfig, now: () => new Date('2026-12-03T12:00:00Z') });
    expect(read.context).toBe('fixture');
    expect(read.readAt).toBe('2026-12-03T12:00:00.000Z');
    expect(sorted(read.objects)).toEqual(sorted(noSecrets(server!.objects())));
    expect(read.notVisible).toEqual([]);
    expect(read.errors).toEqual([]);
    expect(server!.countRequests({ resource: 'secrets' })).toBe(0);
    expect(read.requests).toBe(server!.requests.length);
  });

  it('reads Gateway API routes only when discovery serves them', async () => {
    const kubeconfig = await start({
      objects: shopCluster().filter((o) => !o.apiVersion.startsWith('gateway.')),
      apiResources: BUILTIN_API_RESOURCES,
    });
    const read = await readCluster({ kubeconfig });
    expect(read.objects.some((o) => String(o.apiVersion).startsWith('gateway.'))).toBe(false);
    expect(server!.requests.filter((r) => r.path.startsWith('/apis/gateway'))).toEqual([]);
    expect(read.notVisible).toEqual([]);
  });

  it('pages with limit and continue, and gets the same objects', async () => {
    const kubeconfig = await start();
    const read = await readCluster({ kubeconfig, pageSize: 1 });
    expect(sorted(read.objects)).toEqual(sorted(noSecrets(server!.objects())));
    const pods = server!.requests.filter((r) => r.resource === 'pods');
    expect(pods.map((r) => [r.query.limit, r.query.continue !== undefined])).toEqual([
      ['1', false],
      ['1', true],
    ]);
  });

  it('lists Secrets as PartialObjectMetadataList only, and drops value-carrying annotations at read time', async () => {
    const kubeconfig = await start();
    const read = await readCluster({ kubeconfig, secretMetadata: true });
    const secrets = read.objects.filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => [s.apiVersion, Object.keys(s).sort()])).toEqual([
      ['v1', ['apiVersion', 'kind', 'metadata']],
      ['v1', ['apiVersion', 'kind', 'metadata']],
    ]);
    const annotations = secrets.map(
      (s) => (s.metadata as { annotations: Record<string, string> }).annotations,
    );
    expect(annotations).toEqual([
      {
        [REDACTED_ANNOTATION]:
          '{"kubectl.kubernetes.io/last-applied-configuration":{"stringData":["POSTGRES_PASSWORD"]}}',
      },
      {
        'cert-manager.io/issuer-name': 'letsencrypt',
        [REDACTED_ANNOTATION]: '{"example.com/api-token":"value"}',
      },
    ]);
    const text = JSON.stringify(read);
    expect(text).not.toContain('Tr0ub4dor');
    expect(text).not.toContain('ghp_');
    expect(server!.requests.filter((r) => r.resource === 'secrets').map((r) => r.accept)).toEqual([
      'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
    ]);
  });

  it('a forbidden kind is named with the missing permission, and the rest is read', async () => {
    const kubeconfig = await start({
      forbidden: [{ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    });
    const read = await readCluster({ kubeconfig });
    expect(read.notVisible).toEqual([
      {
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        resource: 'clusterroles',
        verb: 'list',
        message:
          'clusterroles is forbidden: User "system:serviceaccount:kubeward:scanner" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
      },
    ]);
    expect(read.objects.filter((o) => o.kind === 'ClusterRole')).toEqual([]);
    expect(read.objects.filter((o) => o.kind === 'ClusterRoleBinding')).toHaveLength(2);
  });

  it('retries 429 after Retry-After and 5xx with backoff, then reports a kind that keeps failing', async () => {
    const kubeconfig = await start({
      faults: [
        { resource: 'pods', status: 429, times: 2, retryAfterSeconds: 3 },
        { resource: 'services', status: 503, times: 1 },
        { resource: 'nodes', status: 500, times: 10 },
      ],
    });
    const waits: number[] = [];
    const read = await readCluster({
      kubeconfig,
      concurrency: 1,
      retry: { retries: 3, baseDelayMs: 100, sleep: (ms) => (waits.push(ms), Promise.resolve()) },
    });
    expect(read.objects.filter((o) => o.kind === 'Pod')).toHaveLength(2);
    expect(read.objects.filter((o) => o.kind === 'Service')).toHaveLength(2);
    expect(waits.filter((w) => w === 3000)).toHaveLength(2);
    expect(server!.countRequests({ resource: 'nodes' })).toBe(4);
    expect(read.errors).toEqual([
      {
        file: 'cluster:fixture',
        message: 'list Node (/api/v1/nodes): 500: Internal error occurred: fixture fault',
      },
    ]);
  });

  it('authenticates through an exec credential plugin context', async () => {
    const kubeconfig = await start();
    const read = await readCluster({ kubeconfig, context: 'fixture-exec', retry: fast });
    expect(read.context).toBe('fixture-exec');
    expect(read.objects.length).toBe(noSecrets(server!.objects()).length);
  });

  it('an unknown context or a refused token is one clear error', async () => {
    const kubeconfig = await start();
    await expect(readCluster({ kubeconfig, context: 'prod' })).rejects.toThrow(
      '--context prod: no such context in the kubeconfig (it has fixture, fixture-exec)',
    );
    const other = await startFixtureApiServer({ token: 'other' });
    try {
      const wrong = await other.writeKubeconfig(dir, { fileName: 'wrong', exec: false });
      await writeFile(wrong, (await readFile(wrong, 'utf8')).replace('"token": "other"', '"token": "stale"'));
      await expect(readCluster({ kubeconfig: wrong })).rejects.toThrow(
        `cluster fixture (${other.url}): the server refused the credentials (401 Unauthorized) on /apis`,
      );
    } finally {
      await other.close();
    }
  });

  it('--namespace reads namespaced kinds of that namespace only, and cluster-scoped kinds', async () => {
    const kubeconfig = await start();
    const read = await readCluster({ kubeconfig, namespace: 'shop' });
    const namespaces = new Set(read.objects.map((o) => (o.metadata as { namespace?: string }).namespace));
    expect([...namespaces].sort()).toEqual(['shop', undefined]);
    expect(
      read.objects.filter((o) => o.kind === 'Namespace').map((o) => (o.metadata as { name: string }).name),
    ).toEqual(['shop']);
    expect(read.objects.some((o) => o.kind === 'ClusterRoleBinding')).toBe(true);
    expect(server!.requests.find((r) => r.resource === 'pods')?.path).toBe('/api/v1/namespaces/shop/pods');
  });
});
