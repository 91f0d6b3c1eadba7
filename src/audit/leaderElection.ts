/**
 * Leader election through a `coordination.k8s.io/v1` Lease, as client-go's leaderelection
 * package does it (k8s.io/client-go/tools/leaderelection/leaderelection.go `tryAcquireOrRenew`):
 * the holder renews `renewTime` every `renewSeconds`; another candidate takes the Lease over
 * only once `renewTime + leaseDurationSeconds` has passed, counting `leaseTransitions`; every
 * write carries the resourceVersion it read, so of two candidates racing one gets a conflict.
 * Only the leader audits; one that loses the Lease stops (and its pod restarts as a candidate).
 */
import type { KubeConfig } from '@kubernetes/client-node';

export interface LeaseSpec {
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaseTransitions?: number;
}

/** The one Lease, as the elector reads and writes it; create/replace answer false on a conflict (409). */
export interface LeaseApi {
  get(): Promise<{ spec: LeaseSpec; resourceVersion?: string } | undefined>;
  create(spec: LeaseSpec): Promise<boolean>;
  replace(spec: LeaseSpec, resourceVersion: string | undefined): Promise<boolean>;
}

export interface ElectionOptions {
  readonly identity: string;
  /** @default 15 (client-go's default) */
  readonly leaseDurationSeconds?: number;
  readonly now?: () => Date;
}

/** MicroTime as the API writes it: RFC 3339 with microseconds. */
function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** One round: true when this candidate holds the Lease afterwards. */
export async function tryAcquireOrRenew(api: LeaseApi, options: ElectionOptions): Promise<boolean> {
  const now = (options.now ?? (() => new Date()))();
  const duration = options.leaseDurationSeconds ?? 15;
  const current = await api.get();
  const mine: LeaseSpec = {
    holderIdentity: options.identity,
    leaseDurationSeconds: duration,
    acquireTime: microTime(now),
    renewTime: microTime(now),
    leaseTransitions: 0,
  };
  if (current === undefined) return api.create(mine);
  const spec = current.spec;
  if (spec.holderIdentity === options.identity) {
    return api.replace(
      { ...spec, renewTime: microTime(now), leaseDurationSeconds: duration },
      current.resourceVersion,
    );
  }
  const renewed = spec.renewTime !== undefined ? Date.parse(spec.renewTime) : NaN;
  const held = spec.holderIdentity !== undefined && spec.holderIdentity !== '';
  const expires = renewed + (spec.leaseDurationSeconds ?? duration) * 1000;
  if (held && Number.isFinite(renewed) && expires > now.getTime()) return false;
  return api.replace(
    { ...mine, leaseTransitions: (spec.leaseTransitions ?? 0) + 1 },
    current.resourceVersion,
  );
}

/** The LeaseApi of a Lease through client-node's CoordinationV1Api. */
export async function clientNodeLeaseApi(kc: KubeConfig, namespace: string, name: string): Promise<LeaseApi> {
  const k8s = await import('@kubernetes/client-node');
  const api = kc.makeApiClient(k8s.CoordinationV1Api);
  const conflict = (e: unknown): boolean => e instanceof k8s.ApiException && e.code === 409;
  const write = async (op: () => Promise<unknown>): Promise<boolean> => {
    try {
      await op();
      return true;
    } catch (e) {
      if (conflict(e)) return false;
      throw e;
    }
  };
  return {
    get: async () => {
      try {
        const lease = await api.readNamespacedLease({ name, namespace });
        const s = lease.spec ?? {};
        return {
          spec: {
            ...(s.holderIdentity !== undefined ? { holderIdentity: s.holderIdentity } : {}),
            ...(s.leaseDurationSeconds !== undefined ? { leaseDurationSeconds: s.leaseDurationSeconds } : {}),
            ...(s.acquireTime !== undefined ? { acquireTime: new Date(s.acquireTime).toISOString() } : {}),
            ...(s.renewTime !== undefined ? { renewTime: new Date(s.renewTime).toISOString() } : {}),
            ...(s.leaseTransitions !== undefined ? { leaseTransitions: s.leaseTransitions } : {}),
          },
          ...(lease.metadata?.resourceVersion !== undefined
            ? { resourceVersion: lease.metadata.resourceVersion }
            : {}),
        };
      } catch (e) {
        if (e instanceof k8s.ApiException && e.code === 404) return undefined;
        throw e;
      }
    },
    create: (spec) =>
      write(() =>
        api.createNamespacedLease({
          namespace,
          body: {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name, namespace },
            spec: toApi(spec),
          },
        }),
      ),
    replace: (spec, resourceVersion) =>
      write(() =>
        api.replaceNamespacedLease({
          name,
          namespace,
          body: {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name, namespace, ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
            spec: toApi(spec),
          },
        }),
      ),
  };
}

/** client-node's V1LeaseSpec takes Date objects for the MicroTime fields. */
function toApi(spec: LeaseSpec) {
  return {
    ...(spec.holderIdentity !== undefined ? { holderIdentity: spec.holderIdentity } : {}),
    ...(spec.leaseDurationSeconds !== undefined ? { leaseDurationSeconds: spec.leaseDurationSeconds } : {}),
    ...(spec.acquireTime !== undefined ? { acquireTime: new Date(spec.acquireTime) } : {}),
    ...(spec.renewTime !== undefined ? { renewTime: new Date(spec.renewTime) } : {}),
    ...(spec.leaseTransitions !== undefined ? { leaseTransitions: spec.leaseTransitions } : {}),
  };
}
