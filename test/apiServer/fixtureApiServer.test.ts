import { request } from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_API_RESOURCES, BUILTIN_API_RESOURCES } from './discovery.js';
import { startFixtureApiServer, type FixtureApiServer, type FixtureObject } from './fixtureApiServer.js';

const PARTIAL = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(server: FixtureApiServer, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { ca: server.caCert, headers: { authorization: `Bearer ${server.token}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const json = (a: Answer): Record<string, unknown> => JSON.parse(a.body) as Record<string, unknown>;

const pod = (ns: string, name: string): FixtureObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
});

const secret: FixtureObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', annotations: { team: 'payments' } },
  type: 'Opaque',
  data: { password: 'aHVudGVyMg==' },
};

let server: FixtureApiServer | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  await s?.close();
});

describe('fixture API server', () => {
  it('serves discovery as a real server: APIVersions, APIGroupList, APIResourceList', async () => {
    server = await startFixtureApiServer({
      apiResources: [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES],
    });
    expect(json(await get(server, '/api'))).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = json(await get(server, '/apis')) as {
      kind: string;
      groups: { name: string; preferredVersion: { version: string }; versions: unknown[] }[];
    };
    expect(groups.kind).toBe('APIGroupList');
    const gateway = groups.groups.find((g) => g.name === 'gateway.networking.k8s.io')!;
    expect(gateway.preferredVersion.version).toBe('v1');
    expect(gateway.versions).toEqual([
      { groupVersion: 'gateway.networking.k8s.io/v1', version: 'v1' },
      { groupVersion: 'gateway.networking.k8s.io/v1alpha2', version: 'v1alpha2' },
    ]);
    const core = json(await get(server, '/api/v1')) as {
      groupVersion: string;
      resources: { name: string; namespaced: boolean }[];
    };
    expect(core.groupVersion).toBe('v1');
    expect(core.resources.find((r) => r.name === 'pods')).toMatchObject({
      kind: 'Pod',
      namespaced: true,
      singularName: 'pod',
    });
    expect(core.resources.some((r) => r.name === 'pods/status')).toBe(true);
    expect((await get(server, '/apis/gateway.networking.k8s.io/v9')).status).toBe(404);
  });

  it('lists without kind/apiVersion on items, and pages with limit and continue', async () => {
    server = await startFixtureApiServer({
      objects: [pod('shop', 'a'), pod('shop', 'b'), pod('kube-system', 'c')],
    });
    const first = json(await get(server, '/api/v1/pods?limit=2')) as {
      kind: string;
      apiVersion: string;
      metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
      items: Record<string, unknown>[];
    };
    expect(first.kind).toBe('PodList');
    expect(first.apiVersion).toBe('v1');
    expect(first.items.map((i) => (i.metadata as { name: string }).name)).toEqual(['a', 'b']);
    expect(first.items[0]!.kind).toBeUndefined();
    expect(first.items[0]!.apiVersion).toBeUndefined();
    expect(first.metadata.remainingItemCount).toBe(1);
    const rest = json(await get(server, `/api/v1/pods?limit=2&continue=${first.metadata.continue!}`)) as {
      metadata: { continue?: string };
      items: { metadata: { name: string; uid: string; resourceVersion: string } }[];
    };
    expect(rest.items.map((i) => i.metadata.name)).toEqual(['c']);
    expect(rest.metadata.continue).toBeUndefined();
    expect(rest.items[0]!.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    const inShop = json(await get(server, '/api/v1/namespaces/shop/pods')) as { items: unknown[] };
    expect(inShop.items).toHaveLength(2);
    expect(server.countRequests({ verb: 'list', resource: 'pods' })).toBe(3);
  });

  it('serves Secrets only as PartialObjectMetadataList, and records a request for values as a violation', async () => {
    server = await startFixtureApiServer({ objects: [secret] });
    const meta = json(await get(server, '/api/v1/secrets', { accept: `${PARTIAL},application/json` })) as {
      kind: string;
      apiVersion: string;
      items: Record<string, unknown>[];
    };
    expect(meta.kind).toBe('PartialObjectMetadataList');
    expect(meta.apiVersion).toBe('meta.k8s.io/v1');
    expect(meta.items[0]).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: expect.objectContaining({
        name: 'db',
        namespace: 'shop',
        annotations: { team: 'payments' },
      }) as unknown,
    });
    expect(JSON.stringify(meta)).not.toContain('aHVudGVyMg');
    const full = await get(server, '/api/v1/namespaces/shop/secrets', { accept: 'application/json' });
    expect(full.status).toBe(500);
    expect(full.body).not.toContain('aHVudGVyMg');
    expect(server.violations).toEqual([
      'list /api/v1/namespaces/shop/secrets with Accept "application/json": full Secret objects requested',
    ]);
    const s = server;
    server = undefined;
    await expect(s.close()).rejects.toThrow(/Secret values were requested/);
  });

  it('answers 401 without the token, 403 with an RBAC Status on a forbidden kind, 429 with Retry-After, then 200', async () => {
    server = await startFixtureApiServer({
      objects: [pod('shop', 'a')],
      forbidden: [{ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
      faults: [{ resource: 'pods', status: 429, times: 1, retryAfterSeconds: 1 }],
    });
    expect((await get(server, '/api/v1/pods', { authorization: 'Bearer wrong' })).status).toBe(401);
    const denied = await get(server, '/apis/rbac.authorization.k8s.io/v1/clusterroles');
    expect(denied.status).toBe(403);
    expect(json(denied)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'clusterroles is forbidden: User "system:serviceaccount:kubeward:scanner" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
      reason: 'Forbidden',
      details: { group: 'rbac.authorization.k8s.io', kind: 'clusterroles' },
      code: 403,
    });
    const busy = await get(server, '/api/v1/pods');
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('1');
    expect((await get(server, '/api/v1/pods')).status).toBe(200);
  });

  it('streams watch events from a resourceVersion, and answers 410 Gone once compacted', async () => {
    server = await startFixtureApiServer({ objects: [pod('shop', 'a')] });
    const from = server.resourceVersion();
    server.apply(pod('shop', 'b'));
    server.remove('v1', 'Pod', 'shop', 'a');
    const events = await get(server, `/api/v1/pods?watch=1&resourceVersion=${from}&timeoutSeconds=1`);
    const lines = events.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { kind: string; metadata: { name: string } } });
    expect(lines.map((e) => `${e.type} ${e.object.kind} ${e.object.metadata.name}`)).toEqual([
      'ADDED Pod b',
      'DELETED Pod a',
    ]);
    server.compactWatchHistory();
    const gone = await get(server, `/api/v1/pods?watch=1&resourceVersion=${from}`);
    expect(gone.status).toBe(200);
    expect(JSON.parse(gone.body)).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
    server.goneOnWatch({ group: '', resource: 'pods', times: 1, as: 'status' });
    expect(
      (await get(server, `/api/v1/pods?watch=1&resourceVersion=${server.resourceVersion()}`)).status,
    ).toBe(410);
  });

  it('writes a kubeconfig with certificate-authority-data, a token context and an exec-plugin context', async () => {
    server = await startFixtureApiServer();
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-kubeconfig-'));
    try {
      const file = await server.writeKubeconfig(dir);
      const config = JSON.parse(await readFile(file, 'utf8')) as {
        'current-context': string;
        contexts: { name: string }[];
        users: { name: string; user: { token?: string; exec?: { command: string } } }[];
      };
      expect(config['current-context']).toBe('fixture');
      expect(config.contexts.map((c) => c.name)).toEqual(['fixture', 'fixture-exec']);
      expect(config.users[0]!.user.token).toBe('fixture-token');
      expect(config.users[1]!.user.exec?.command).toBe(process.execPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
