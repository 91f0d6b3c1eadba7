import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchNamespaces } from './namespaceWatch.js';

const ns = (name: string, labels: Record<string, string>, rv: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels, resourceVersion: rv },
});

// A fake API server: one list, then a watch that streams an update and a delete.
let watcher: ServerResponse | undefined;
const api = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/api/v1/namespaces') {
    res.writeHead(404).end();
    return;
  }
  if (url.searchParams.get('watch') === 'true') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    watcher = res;
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'NamespaceList',
      metadata: { resourceVersion: '10' },
      items: [ns('shop', { 'kubeward.io/enforce': 'restricted' }, '5'), ns('old', {}, '6')],
    }),
  );
});

afterAll(() => {
  watcher?.end();
  api.closeAllConnections();
  api.close();
});

const until = async (check: () => boolean): Promise<void> => {
  const end = Date.now() + 5000;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('watchNamespaces', () => {
  it('lists, becomes ready, then follows updates and deletes from the watch', async () => {
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    const { port } = api.address() as AddressInfo;
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-kubeconfig-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: me, user: {token: t}}]
contexts: [{name: fake, context: {cluster: fake, user: me}}]
current-context: fake
`,
    );
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kubeconfig;
    const messages: string[] = [];
    const cache = await watchNamespaces((m) => messages.push(m));
    process.env.KUBECONFIG = saved;
    await until(() => cache.ready() && watcher !== undefined);
    expect(cache.ready()).toBe(true);
    expect(cache.labelsOf('shop')).toEqual({ 'kubeward.io/enforce': 'restricted' });
    expect(cache.labelsOf('missing')).toBeUndefined();
    watcher!.write(
      `${JSON.stringify({ type: 'MODIFIED', object: ns('shop', { 'kubeward.io/enforce': 'baseline' }, '11') })}\n`,
    );
    watcher!.write(`${JSON.stringify({ type: 'DELETED', object: ns('old', {}, '12') })}\n`);
    await until(() => cache.labelsOf('old') === undefined);
    expect(cache.labelsOf('shop')).toEqual({ 'kubeward.io/enforce': 'baseline' });
    expect(cache.labelsOf('old')).toBeUndefined();
    expect(messages[0]).toBe('watching namespaces (2 listed)');
    cache.close();
  });
});
