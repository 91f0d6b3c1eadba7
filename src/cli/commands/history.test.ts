import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';
import { parseSince, runHistory } from './history.js';
import { runScan } from './scan.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3600_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const pod = (name: string, privileged: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: ${privileged}
`;

function ioAt(cwd: string, at: number, out: string[], err: string[] = []): CliIo {
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(''),
    cwd,
    color: false,
    now: () => new Date(at),
  };
}

/** Three scans an hour apart-ish: web and batch privileged; batch fixed; web fixed and batch privileged again. */
async function threeScans(cwd: string): Promise<string[]> {
  const err: string[] = [];
  const cycles: [number, boolean, boolean][] = [
    [T0, true, true],
    [T0 + 2 * HOUR, true, false],
    [T0 + 6 * HOUR, false, true],
  ];
  for (const [at, web, batch] of cycles) {
    // the pods swap places in the file each time: the fingerprint does not see lines
    const docs =
      at === T0 + 2 * HOUR ? [pod('batch', batch), pod('web', web)] : [pod('web', web), pod('batch', batch)];
    writeFileSync(join(cwd, 'pods.yaml'), docs.join('---\n'));
    const code = await runScan(
      [join(cwd, 'pods.yaml')],
      {
        formats: ['json'],
        outputs: [join(cwd, 'report.json')],
        only: ['privileged-container'],
        config: false,
        record: true,
      },
      ioAt(cwd, at, [], err),
    );
    expect(code).toBe(1);
  }
  return err;
}

describe('kubeward scan --record and kubeward history', () => {
  it('records three cycles and reports them exactly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kubeward-history-cli-'));
    dirs.push(cwd);
    expect(await threeScans(cwd)).toEqual([
      'recorded cycle 1 (2 findings) in the history\n',
      'recorded cycle 2 (1 finding) in the history\n',
      'recorded cycle 3 (1 finding) in the history\n',
    ]);
    const out: string[] = [];
    expect(await runHistory({ since: '2026-11-01T01:00Z' }, ioAt(cwd, T0 + 7 * HOUR, out))).toBe(0);
    expect(out.join(''))
      .toBe(`history of scope "default": 2 cycles from 2026-11-01T02:00:00Z to 2026-11-01T06:00:00Z, compared with the cycle of 2026-11-01T00:00:00Z

new (1)
  critical  privileged-container  Pod shop/batch  spec.containers[0].securityContext.privileged  reopened, open since 2026-11-01T06:00:00Z
resolved (1)
  critical  privileged-container  Pod shop/web  spec.containers[0].securityContext.privileged  resolved 2026-11-01T06:00:00Z after 6h
still open (0)

trend per severity
  cycle  at                    critical  high  medium  low  info
  2      2026-11-01T02:00:00Z  1         0     0       0    0
  3      2026-11-01T06:00:00Z  1         0     0       0    0

time to remediate (findings resolved in these cycles)
  rule                  resolved  mean  p90
  privileged-container  2         4h    6h
`);
    const json: string[] = [];
    await runHistory({ since: '6h', format: 'json' }, ioAt(cwd, T0 + 7 * HOUR, json));
    const report = JSON.parse(json.join('')) as Record<string, unknown>;
    expect(report.since).toBe('2026-11-01T01:00:00.000Z');
    expect(report.remediation).toEqual([
      { ruleId: 'privileged-container', resolved: 2, meanSeconds: 14400, p90Seconds: 21600 },
    ]);
    expect(report.new).toEqual([
      {
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
        ruleId: 'privileged-container',
        severity: 'critical',
        resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'batch' },
        path: 'spec.containers[0].securityContext.privileged',
        message: 'container "app" runs privileged (securityContext.privileged: true)',
        openedAt: '2026-11-01T06:00:00.000Z',
        reopened: true,
      },
    ]);
  });

  it('does not record a scan with input errors, and says why', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kubeward-history-cli-'));
    dirs.push(cwd);
    writeFileSync(
      join(cwd, 'pods.yaml'),
      `${pod('web', true)}---
kind: [unclosed\n`,
    );
    const err: string[] = [];
    await runScan(
      [join(cwd, 'pods.yaml')],
      { formats: ['json'], outputs: [join(cwd, 'r.json')], config: false, record: true },
      ioAt(cwd, T0, [], err),
    );
    expect(err.filter((e) => e.startsWith('warning'))).toEqual([
      'warning: not recorded in the history: 1 input error would make their findings look resolved\n',
    ]);
    await expect(runHistory({}, ioAt(cwd, T0, []))).rejects.toThrow(
      new InputError(
        'no history at .kubeward/history.db: record cycles first (kubeward scan --record, kubeward audit --db), or give --db',
      ),
    );
  });

  it('reads --since as a date, a date-time (UTC unless it says) or an age', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(parseSince('2026-11-01', now).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T09:30', now).toISOString()).toBe('2026-11-01T09:30:00.000Z');
    expect(parseSince('2026-11-01T09:30+02:00', now).toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-26T12:00:00.000Z');
    expect(parseSince('90m', now).toISOString()).toBe('2026-12-03T10:30:00.000Z');
    expect(() => parseSince('last tuesday', now)).toThrow(UsageError);
    expect(() => parseSince('2026-13-45', now)).toThrow(UsageError);
  });
});
