import { describe, expect, it } from 'vitest';
import { tryAcquireOrRenew, type LeaseApi, type LeaseSpec } from './leaderElection.js';

/** A Lease in memory, with resourceVersions as the API server keeps them (a stale write conflicts). */
function memoryLease(): LeaseApi & { spec: () => LeaseSpec | undefined } {
  let stored: { spec: LeaseSpec; rv: number } | undefined;
  let rv = 0;
  return {
    spec: () => stored?.spec,
    get: () => Promise.resolve(stored && { spec: stored.spec, resourceVersion: String(stored.rv) }),
    create: (spec) => {
      if (stored !== undefined) return Promise.resolve(false);
      stored = { spec, rv: ++rv };
      return Promise.resolve(true);
    },
    replace: (spec, resourceVersion) => {
      if (stored === undefined || String(stored.rv) !== resourceVersion) return Promise.resolve(false);
      stored = { spec, rv: ++rv };
      return Promise.resolve(true);
    },
  };
}

const at = (s: number) => () => new Date(Date.parse('2026-12-03T14:00:00Z') + s * 1000);

describe('leader election through a Lease', () => {
  it('the first candidate takes it, renews it, and the other takes over only once it expired', async () => {
    const lease = memoryLease();
    expect(await tryAcquireOrRenew(lease, { identity: 'a', now: at(0) })).toBe(true);
    expect(lease.spec()).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-03T14:00:00.000000Z',
      renewTime: '2026-12-03T14:00:00.000000Z',
      leaseTransitions: 0,
    });
    expect(await tryAcquireOrRenew(lease, { identity: 'b', now: at(10) })).toBe(false);
    expect(await tryAcquireOrRenew(lease, { identity: 'a', now: at(10) })).toBe(true);
    expect(lease.spec()?.renewTime).toBe('2026-12-03T14:00:10.000000Z');
    // renewed at 10 s: still held at 24 s, free at 25 s
    expect(await tryAcquireOrRenew(lease, { identity: 'b', now: at(24) })).toBe(false);
    expect(await tryAcquireOrRenew(lease, { identity: 'b', now: at(25) })).toBe(true);
    expect(lease.spec()).toEqual({
      holderIdentity: 'b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-03T14:00:25.000000Z',
      renewTime: '2026-12-03T14:00:25.000000Z',
      leaseTransitions: 1,
    });
    expect(await tryAcquireOrRenew(lease, { identity: 'a', now: at(26) })).toBe(false);
  });

  it('of two candidates racing for a free Lease, one wins: the other write conflicts', async () => {
    const lease = memoryLease();
    const results = await Promise.all([
      tryAcquireOrRenew(lease, { identity: 'a', now: at(0) }),
      tryAcquireOrRenew(lease, { identity: 'b', now: at(0) }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
