/**
 * A kubeconfig for fixture API servers: per server a context whose user has a bearer token, and
 * (for the first) a `<name>-exec` context whose user is an exec credential plugin
 * (client.authentication.k8s.io/v1: a Node script printing an ExecCredential with the token),
 * the way EKS, GKE and AKS kubeconfigs authenticate. Written as JSON (a YAML subset).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KubeconfigEndpoint {
  readonly url: string;
  readonly caCert: string;
  readonly token: string;
}

export interface KubeconfigOptions {
  /** Name of the context (also of its cluster and user). @default 'fixture' */
  readonly context?: string;
  /** Also write `<context>-exec`, authenticated by an exec credential plugin. @default true */
  readonly exec?: boolean;
  /** The namespace the context sets. */
  readonly namespace?: string;
  /** More servers, a context each (fleets). */
  readonly others?: readonly { readonly name: string; readonly server: KubeconfigEndpoint }[];
  /** @default 'kubeconfig' */
  readonly fileName?: string;
}

export async function writeFixtureKubeconfig(
  dir: string,
  endpoint: KubeconfigEndpoint,
  options: KubeconfigOptions = {},
): Promise<string> {
  const name = options.context ?? 'fixture';
  const clusters: unknown[] = [];
  const users: unknown[] = [];
  const contexts: unknown[] = [];
  const add = (
    ctx: string,
    server: KubeconfigEndpoint,
    user: Record<string, unknown>,
    namespace?: string,
  ): void => {
    clusters.push({
      name: ctx,
      cluster: {
        server: server.url,
        'certificate-authority-data': Buffer.from(server.caCert).toString('base64'),
      },
    });
    users.push({ name: ctx, user });
    contexts.push({ name: ctx, context: { cluster: ctx, user: ctx, ...(namespace ? { namespace } : {}) } });
  };
  add(name, endpoint, { token: endpoint.token }, options.namespace);
  if (options.exec ?? true) {
    const script = join(dir, `${name}-credential-plugin.mjs`);
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: endpoint.token },
    };
    await writeFile(script, `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`);
    add(`${name}-exec`, endpoint, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [script],
        interactiveMode: 'Never',
      },
    });
  }
  for (const other of options.others ?? []) add(other.name, other.server, { token: other.server.token });
  const file = join(dir, options.fileName ?? 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters,
    users,
    contexts,
    preferences: {},
  };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
