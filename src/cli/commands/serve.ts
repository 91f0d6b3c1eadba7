/** `kubeward serve`: the validating and mutating webhook, until SIGTERM or SIGINT (then a graceful drain). */
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { startServer } from '../../admission/server.js';
import { loadAdmission } from '../../admission/setup.js';
import { watchNamespaces } from '../../admission/namespaceWatch.js';
import type { CliIo } from '../io.js';

export interface ServeFlags {
  readonly cert: string;
  readonly key: string;
  readonly port?: string;
  readonly host?: string;
  readonly config?: string;
  readonly namespaces?: string;
  readonly certCheckMs?: string;
}

function whole(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  return n;
}

export async function runServe(flags: ServeFlags, io: CliIo): Promise<number> {
  const port = whole(flags.port, '--port', 8443);
  const certCheckMs = whole(flags.certCheckMs, '--cert-check-ms', 2000);
  const log = (m: string): void => io.stderr(`kubeward serve: ${m}\n`);
  // In a cluster without --namespaces, the labels come from a watch of the Namespaces.
  const watch =
    flags.namespaces === undefined && process.env.KUBERNETES_SERVICE_HOST !== undefined
      ? await watchNamespaces(log)
      : undefined;
  const { handler, namespaces } = await loadAdmission({
    ...flags,
    cwd: io.cwd,
    ...(watch !== undefined ? { namespaceCache: watch } : {}),
  });
  const server = await startServer({
    certFile: resolve(io.cwd, flags.cert),
    keyFile: resolve(io.cwd, flags.key),
    port,
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    certCheckMs,
    handler,
    namespaces,
    log,
  });
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      log(`${signal}: draining`);
      void server.close().then(done);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
