/**
 * A connection to one cluster: kubeconfig (or in-cluster service-account) credentials through
 * @kubernetes/client-node — contexts, client certificates, tokens, exec credential plugins —
 * and GETs of raw JSON over a keep-alive HTTPS agent. The client's typed APIs are not used for
 * lists: they turn every object into model classes (Date fields, camelCase), and the rules need
 * the objects exactly as the API server returns them, as they would be written to a file.
 *
 * The client is imported lazily (`await import`): it costs ~400 ms (reference/stack.md §1c),
 * which no command but a cluster read should pay.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:https';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '../../errors.js';

export interface ConnectOptions {
  /** kubeconfig file. @default $KUBECONFIG, ~/.kube/config, else the pod's service account */
  readonly kubeconfig?: string;
  /** Context to use. @default the kubeconfig's current-context */
  readonly context?: string;
  /** Parallel requests at most (the agent's sockets). @default 6 */
  readonly concurrency?: number;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ClusterConnection {
  /** The context's name (`in-cluster` for the pod's service account). */
  readonly context: string;
  readonly server: string;
  /** The namespace the context sets, if any. */
  readonly namespace?: string;
  /** One GET of `path` (with its query) with this `Accept`; network failures reject. */
  get(path: string, accept: string): Promise<RawResponse>;
  close(): void;
}

/** Where the service account's token is mounted in a pod (what client-node's loadFromCluster reads). */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

async function loadKubeConfig(file: string | undefined): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (file !== undefined) kc.loadFromFile(file);
    else if (process.env.KUBECONFIG !== undefined && process.env.KUBECONFIG !== '') kc.loadFromDefault();
    else if (existsSync(join(homedir(), '.kube', 'config'))) kc.loadFromDefault();
    else if (existsSync(SERVICE_ACCOUNT_TOKEN)) kc.loadFromCluster();
    else {
      throw new InputError(
        'no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or run in a pod with a service account',
      );
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `kubeconfig ${file ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${(e as Error).message}`,
    );
  }
  return kc;
}

/** The kubeconfig's context names, in file order (`--all-contexts`). */
export async function kubeconfigContexts(file?: string): Promise<string[]> {
  return (await loadKubeConfig(file)).getContexts().map((c) => c.name);
}

/** Opens a connection (credentials resolved, nothing sent yet). Throws InputError for an unusable kubeconfig or context. */
export async function connect(options: ConnectOptions = {}): Promise<ClusterConnection> {
  const kc = await loadKubeConfig(options.kubeconfig);
  if (options.context !== undefined) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(options.context)) {
      throw new InputError(
        `--context ${options.context}: no such context in the kubeconfig (it has ${names.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new InputError(`context ${kc.getCurrentContext()}: it names no cluster`);
  const context = kc.getCurrentContext() === 'inClusterContext' ? 'in-cluster' : kc.getCurrentContext();
  const namespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
  const base = new URL(cluster.server);
  const insecureHttp = base.protocol === 'http:';
  if (insecureHttp && cluster.skipTLSVerify !== true) {
    throw new InputError(
      `context ${context}: server ${cluster.server} is plain HTTP; kubeward talks HTTPS only (set insecure-skip-tls-verify on the cluster to allow it)`,
    );
  }
  const maxSockets = options.concurrency ?? 6;
  // Credentials as client-node resolves them (CA, client cert, token, exec plugin); the agent is our own, kept alive.
  const tls: { ca?: unknown; cert?: unknown; key?: unknown; headers?: Record<string, unknown> } = {};
  try {
    await kc.applyToHTTPSOptions(tls);
  } catch (e) {
    throw new InputError(`context ${context}: credentials: ${(e as Error).message}`);
  }
  const agent = insecureHttp
    ? new HttpAgent({ keepAlive: true, maxSockets })
    : new Agent({
        keepAlive: true,
        maxSockets,
        ...(tls.ca !== undefined ? { ca: tls.ca as Buffer } : {}),
        ...(tls.cert !== undefined ? { cert: tls.cert as Buffer } : {}),
        ...(tls.key !== undefined ? { key: tls.key as Buffer } : {}),
        ...(cluster.skipTLSVerify === true ? { rejectUnauthorized: false } : {}),
        ...(cluster.tlsServerName !== undefined ? { servername: cluster.tlsServerName } : {}),
      });
  const prefix = base.pathname.replace(/\/$/, '');

  /**
   * Auth headers, resolved once and again after a 401: client-node 1.4 runs an exec plugin on
   * every call unless its ExecCredential has an expirationTimestamp, while the plugin protocol
   * says a credential without one is good for the life of the process (client-go keeps it, and
   * asks again on 401).
   */
  let auth: Promise<Record<string, string>> | undefined;
  const authHeaders = (refresh: boolean): Promise<Record<string, string>> => {
    if (auth === undefined || refresh) {
      auth = (async () => {
        const opts: { headers?: Record<string, unknown> } = {};
        await kc.applyToHTTPSOptions(opts);
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') out[k] = v;
        return out;
      })();
    }
    return auth;
  };
  const send = insecureHttp ? httpRequest : request;
  const once = async (path: string, accept: string, refresh: boolean): Promise<RawResponse> => {
    const headers = { ...(await authHeaders(refresh)), Accept: accept, 'User-Agent': 'kubeward' };
    const url = new URL(prefix + path, base);
    return new Promise<RawResponse>((resolve, reject) => {
      const req = send(url, { method: 'GET', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  };

  return {
    context,
    server: cluster.server,
    ...(namespace !== undefined && namespace !== '' ? { namespace } : {}),
    async get(path, accept) {
      const res = await once(path, accept, false);
      return res.status === 401 ? once(path, accept, true) : res;
    },
    close() {
      agent.destroy();
    },
  };
}
