/**
 * The README's "Policy as code" section is runnable: every `sh` block runs from the project root
 * (with `kubeward` the built CLI) and ends with the exit code its `# … exit N` comment names, and the
 * lines of its `text` block are lines of the real `vap test` output.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = /## Policy as code\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

const bash = (script: string) =>
  spawnSync('bash', ['--norc', '--noprofile', '-c', `kubeward() { "${process.execPath}" "${join(root, 'dist/cli/main.js')}" "$@"; }\n${script}`], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
  });

describe('README: Policy as code', () => {
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('has its runnable examples', () => {
    expect(blocks.length).toBe(3);
  });

  it.each(blocks.map((b) => [b.split('\n')[0]!, b] as const))('%s', (_first, block) => {
    const expected = Number(/#.*\bexit (\d)\s*$/m.exec(block)?.[1] ?? '0');
    const r = bash(block);
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: expected, stderr: '' });
  });

  it('shows lines of the real vap test output', () => {
    const shown = /```text\n([\s\S]*?)```/.exec(section)![1]!.split('\n').filter((l) => l !== '' && l !== '…');
    const real = bash('kubeward vap test examples/vap/manifests --policies examples/vap/policies').stdout.split('\n');
    for (const line of shown) expect(real).toContain(line);
  });

  it('the scan example finds 14 findings of the three custom rules', () => {
    const r = bash(blocks[0]!);
    expect(r.stdout).toContain('14 findings: 6 high, 6 medium, 2 low');
  });
});
