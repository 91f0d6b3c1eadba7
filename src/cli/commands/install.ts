/** `kubeward install`: prints the webhook's complete deployment (pipe it to `kubectl apply -f -`). */
import { UsageError } from '../../errors.js';
import { renderInstall } from '../../admission/install.js';
import { packageVersion } from '../../report/toolInfo.js';
import type { CliIo } from '../io.js';

export interface InstallFlags {
  readonly namespace?: string;
  readonly replicas?: string;
  readonly certManager?: boolean;
  readonly image?: string;
  readonly failurePolicy?: string;
  /** `--audit`: the continuous audit's deployment instead of the webhook's. */
  readonly audit?: boolean;
  readonly dbSecret?: string;
  readonly scope?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export async function runInstall(flags: InstallFlags, io: CliIo): Promise<number> {
  const namespace = flags.namespace ?? (flags.audit ? 'kubeward-audit' : 'kubeward');
  if (!DNS_LABEL.test(namespace)) throw new UsageError(`--namespace must be a DNS label, not "${namespace}"`);
  if (flags.audit) {
    const { renderAuditInstall } = await import('../../audit/install.js');
    io.stdout(
      renderAuditInstall({
        namespace,
        image: flags.image ?? `ghcr.io/kubeward/kubeward:${packageVersion()}`,
        ...(flags.dbSecret !== undefined ? { dbSecret: flags.dbSecret } : {}),
        ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
      }),
    );
    return 0;
  }
  const replicas = Number(flags.replicas ?? '3');
  if (!Number.isSafeInteger(replicas) || replicas < 2)
    throw new UsageError(
      `--replicas must be 2 or more (one replica is an outage waiting for a node drain), not "${flags.replicas}"`,
    );
  const failurePolicy = flags.failurePolicy ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore')
    throw new UsageError(`--failure-policy must be Fail or Ignore, not "${failurePolicy}"`);
  io.stdout(
    renderInstall({
      namespace,
      replicas,
      certManager: flags.certManager === true,
      image: flags.image ?? `ghcr.io/kubeward/kubeward:${packageVersion()}`,
      failurePolicy,
      now: io.now(),
    }),
  );
  return 0;
}
