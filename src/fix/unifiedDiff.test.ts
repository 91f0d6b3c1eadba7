import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unifiedDiff.js';

const labels = { before: 'a/f', after: 'b/f' };

describe('unifiedDiff', () => {
  it('equal texts give no diff', () => {
    expect(unifiedDiff(labels, 'a\n', 'a\n')).toBe('');
  });

  it('one hunk with three lines of context, counts in the header', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'x', '5', '6', '7', '8'].join('\n') + '\n';
    expect(unifiedDiff(labels, before, after)).toBe(
      '--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+x\n 5\n 6\n 7\n',
    );
  });

  it('a new file is one hunk from line 0', () => {
    expect(unifiedDiff({ before: '/dev/null', after: 'b/f' }, '', 'a\nb\n')).toBe(
      '--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n',
    );
  });

  it('a last line without a line end is marked so', () => {
    expect(unifiedDiff(labels, 'a', 'b')).toBe(
      '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n',
    );
  });

  it('patch(1) turns the old text into the new one, for every pair of a fixed set of texts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-diff-'));
    // deterministic pseudo-random texts over a small alphabet: many repeats, as in YAML
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    const text = (): string =>
      Array.from({ length: next() % 14 }, () => 'abcd'[next() % 4]!).join('\n') + (next() % 2 ? '\n' : '');
    for (let i = 0; i < 60; i++) {
      const before = text();
      const after = text();
      writeFileSync(join(dir, 'f'), before);
      const diff = unifiedDiff(labels, before, after);
      if (diff !== '') execFileSync('patch', ['-s', '-p1', '-d', dir], { input: diff });
      expect(readFileSync(join(dir, 'f'), 'utf8'), JSON.stringify({ before, after })).toBe(after);
    }
  });
});
