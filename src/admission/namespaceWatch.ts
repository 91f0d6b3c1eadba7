/**
 * The namespace cache of a webhook running in a cluster: a list-and-watch of Namespaces
 * through @kubernetes/client-node's informer (imported lazily: ~400 ms of start-up that
 * `review` and the tests never pay). Requests never wait for the API server: they read
 * the cache; `/readyz` stays 503 until the first list has arrived, and a broken watch is
 * restarted after a pause, keeping the labels it had.
 */
import type { NamespaceCache } from './namespaceCache.js';

export async function watchNamespaces(log: (message: string) => void): Promise<NamespaceCache> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  const api = kc.makeApiClient(k8s.CoreV1Api);
  const informer = k8s.makeInformer(kc, '/api/v1/namespaces', () => api.listNamespace());
  const labels = new Map<string, Readonly<Record<string, string>>>();
  let synced = false;
  let stopped = false;
  const put = (ns: { metadata?: { name?: string; labels?: Record<string, string> } }): void => {
    const name = ns.metadata?.name;
    if (name !== undefined) labels.set(name, ns.metadata?.labels ?? {});
  };
  informer.on('add', put);
  informer.on('update', put);
  informer.on('delete', (ns) => {
    if (ns.metadata?.name !== undefined) labels.delete(ns.metadata.name);
  });
  // The informer reports a failed list through its 'error' event and still resolves start().
  let failed = false;
  const start = (): void => {
    failed = false;
    informer.start().then(
      () => {
        if (failed) return;
        synced = true;
        log(`watching namespaces (${labels.size} listed)`);
      },
      (e: unknown) => retry(e),
    );
  };
  const retry = (e: unknown): void => {
    failed = true;
    if (stopped) return;
    log(`namespace watch failed (${e instanceof Error ? e.message : String(e)}); retrying in 5 s`);
    setTimeout(start, 5000).unref();
  };
  informer.on('error', retry);
  start();
  return {
    labelsOf: (name) => labels.get(name),
    ready: () => synced,
    close: () => {
      stopped = true;
      void informer.stop();
    },
  };
}
