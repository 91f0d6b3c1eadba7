/**
 * One suite for every history store (SQLite, PostgreSQL): three simulated cycles with an
 * injected clock, and what `analyseHistory` makes of them read back from the store.
 */
import { expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { analyseHistory } from '../src/history/analysis.js';
import { LATEST_SCHEMA_VERSION } from '../src/history/migrations.js';
import { recordedFinding, type HistoryStore, type RecordedFinding } from '../src/history/store.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3600_000;

const finding = (ruleId: string, kind: string, name: string, path: string): RecordedFinding =>
  recordedFinding(
    {
      ruleId,
      severity: ruleId === 'privileged-container' ? 'critical' : 'medium',
      message: `${ruleId} on ${name}`,
      path,
      resource: {
        apiVersion: kind === 'ClusterRole' ? 'rbac.authorization.k8s.io/v1' : 'v1',
        kind,
        ...(kind === 'ClusterRole' ? {} : { namespace: 'shop' }),
        name,
      },
    },
    'default',
  );

const PRIV = 'spec.containers[0].securityContext.privileged';
export const A = finding('privileged-container', 'Pod', 'web', PRIV);
export const E = finding('privileged-container', 'Pod', 'batch', PRIV);
export const B = finding('run-as-root', 'Pod', 'api', 'spec.securityContext');
export const C = finding('run-as-root', 'Pod', 'db', 'spec.securityContext');
export const D = finding('wildcard-verbs', 'ClusterRole', 'god', 'rules[0].verbs');

/** Cycle 1 at T0: A E B C; cycle 2 at +2 h: A C D (B and E resolved); cycle 3 at +6 h: C D B (A resolved, B reopened). */
export async function recordThreeCycles(store: HistoryStore, scope = 'prod'): Promise<number[]> {
  const ids: number[] = [];
  ids.push(await store.record({ at: new Date(T0), scope, source: 'scan', findings: [A, E, B, C] }));
  ids.push(
    await store.record({ at: new Date(T0 + 2 * HOUR), scope, source: 'scan', findings: [A, C, D, A] }),
  );
  ids.push(await store.record({ at: new Date(T0 + 6 * HOUR), scope, source: 'audit', findings: [C, D, B] }));
  return ids;
}

const names = (entries: readonly { finding: RecordedFinding }[]) => entries.map((e) => e.finding.name);

/**
 * The suite: `open(version?)` gives a fresh store on an empty database (migrated up to
 * `version` when given), `reopen()` the same database again.
 */
export function historyStoreSuite(
  open: (schemaVersion?: number) => Promise<HistoryStore>,
  reopen: () => Promise<HistoryStore>,
  markNewer: () => Promise<void>,
): void {
  it('since a date: new (and reopened), resolved, still open, the trend, and exact mean and p90 time to remediate', async () => {
    const store = await open();
    try {
      await recordThreeCycles(store);
      await store.record({ at: new Date(T0 + HOUR), scope: 'staging', source: 'scan', findings: [D] });
      const a = analyseHistory(await store.load('prod'), 'prod', new Date(T0 + HOUR));
      expect(a.baseline?.at.toISOString()).toBe('2026-11-01T00:00:00.000Z');
      expect(a.latest?.at.toISOString()).toBe('2026-11-01T06:00:00.000Z');
      expect(a.new.map((e) => [e.finding.name, e.reopened ?? false, e.openedAt.toISOString()])).toEqual([
        ['api', true, '2026-11-01T06:00:00.000Z'],
        ['god', false, '2026-11-01T02:00:00.000Z'],
      ]);
      expect(
        a.resolved.map((e) => [e.finding.name, e.openedAt.toISOString(), e.resolvedAt?.toISOString()]),
      ).toEqual([
        ['batch', '2026-11-01T00:00:00.000Z', '2026-11-01T02:00:00.000Z'],
        ['web', '2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z'],
      ]);
      expect(names(a.open)).toEqual(['db']);
      expect(a.trend.map((t) => [t.at.toISOString(), t.counts])).toEqual([
        ['2026-11-01T02:00:00.000Z', { critical: 1, high: 0, medium: 2, low: 0, info: 0 }],
        ['2026-11-01T06:00:00.000Z', { critical: 0, high: 0, medium: 3, low: 0, info: 0 }],
      ]);
      // privileged-container: batch 2 h, web 6 h; run-as-root: api's first episode 2 h
      expect(a.remediation).toEqual([
        { ruleId: 'privileged-container', resolved: 2, meanSeconds: 14400, p90Seconds: 21600 },
        { ruleId: 'run-as-root', resolved: 1, meanSeconds: 7200, p90Seconds: 7200 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('without a date: the latest cycle against the one before it', async () => {
    const store = await open();
    try {
      await recordThreeCycles(store);
      const a = analyseHistory(await store.load('prod'), 'prod');
      expect(a.baseline?.at.toISOString()).toBe('2026-11-01T02:00:00.000Z');
      expect(names(a.new)).toEqual(['api']);
      expect(names(a.resolved)).toEqual(['web']);
      expect(names(a.open)).toEqual(['db', 'god']);
      expect(a.remediation).toEqual([
        { ruleId: 'privileged-container', resolved: 1, meanSeconds: 21600, p90Seconds: 21600 },
      ]);
      expect(analyseHistory(await store.load('nowhere'), 'nowhere')).toEqual({
        scope: 'nowhere',
        trend: [],
        new: [],
        resolved: [],
        open: [],
        remediation: [],
      });
    } finally {
      await store.close();
    }
  });

  it('keeps the scopes apart and each finding once per cycle', async () => {
    const store = await open();
    try {
      await recordThreeCycles(store);
      await store.record({ at: new Date(T0 + HOUR), scope: 'staging', source: 'scan', findings: [D, D] });
      const staging = await store.load('staging');
      expect(staging.cycles.map((c) => c.counts.medium)).toEqual([1]);
      expect([...staging.findings.keys()]).toEqual([D.fingerprint]);
      const prod = await store.load('prod');
      expect(prod.cycles.map((c) => c.source)).toEqual(['scan', 'scan', 'audit']);
      expect(prod.cycles.map((c) => c.counts.critical)).toEqual([2, 1, 0]);
      expect(prod.findings.get(A.fingerprint)).toEqual(A);
    } finally {
      await store.close();
    }
  });

  it('migrates an older database forward and refuses one newer than kubeward', async () => {
    const old = await open(1);
    expect(await old.schemaVersion()).toBe(1);
    await recordThreeCycles(old);
    await old.close();
    const current = await reopen();
    try {
      expect(await current.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(2);
      expect((await current.load('prod')).cycles).toHaveLength(3);
    } finally {
      await current.close();
    }
    await markNewer();
    await expect(reopen()).rejects.toThrow(ConfigError);
    await expect(reopen()).rejects.toThrow(
      /history schema version 99 is newer than this kubeward knows \(2\); upgrade kubeward/,
    );
  });
}
