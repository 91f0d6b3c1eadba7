import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionLog, type DecisionLine } from './decisionLog.js';

const line = (uid: string): DecisionLine => ({
  time: '2026-12-03T12:00:00.000Z',
  uid,
  user: 'alice',
  operation: 'CREATE',
  object: 'Pod shop/web',
  resource: 'v1/pods',
  endpoint: 'validate',
  verdict: 'deny',
  rules: ['privileged'],
  dryRun: false,
  durationMs: 0.2,
});

describe('DecisionLog', () => {
  it('rotates by size, keeping `keep` files, and flushes what is pending on close', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubeward-log-')), 'decisions.log');
    const log = new DecisionLog({ path, maxBytes: 1024, keep: 2, all: false }, 60_000);
    const size = Buffer.byteLength(`${JSON.stringify(line('u-00'))}\n`);
    const perFile = Math.floor(1024 / size);
    const n = perFile * 3 + 1;
    for (let i = 0; i < n; i++) {
      log.write(line(`u-${String(i).padStart(2, '0')}`));
      log.flush();
    }
    log.write(line('last'));
    log.close();
    const uids = (file: string): string[] =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as DecisionLine).uid);
    expect(uids(path)).toEqual(['u-' + String(perFile * 3).padStart(2, '0'), 'last']);
    expect(uids(`${path}.1`)).toHaveLength(perFile);
    expect(uids(`${path}.2`)[0]).toBe(`u-${String(perFile).padStart(2, '0')}`);
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it('logs denials and failures; every decision only when `all` is set', () => {
    const log = new DecisionLog(
      { path: join(tmpdir(), 'unused.log'), maxBytes: 1024, keep: 0, all: false },
      60_000,
    );
    expect([
      log.wants('deny', false),
      log.wants('allow', true),
      log.wants('allow', false),
      log.wants('warn', false),
    ]).toEqual([true, true, false, false]);
    log.close();
  });
});
