/**
 * Every file kubeward opens by name (configuration, baseline, report and baseline outputs)
 * fails the same way when it cannot be opened: exit 2 and one line on stderr naming the
 * file and saying why — never "internal error" and a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
let work: string;

function run(args: string[], cwd = work) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, and exactly this one line on stderr. */
function expectOneLineError(r: ReturnType<typeof run>, line: string): void {
  expect(r.stderr).toBe(`kubeward: ${line}\n`);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kubeward-file-errors-'));
  writeFileSync(
    join(work, 'pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n',
  );
  mkdirSync(join(work, 'a-folder'));
  symlinkSync(join(work, 'gone.yaml'), join(work, 'dangling.yaml'));
});

describe('files kubeward opens by name', () => {
  it('scan -c with a missing configuration file', () => {
    expectOneLineError(
      run(['scan', '-c', 'missing.yaml', 'pod.yaml']),
      'missing.yaml: cannot read the configuration: no such file or folder',
    );
  });

  it('pss plan -c with a missing configuration file', () => {
    expectOneLineError(
      run(['pss', 'plan', '-c', 'missing.yaml', 'pod.yaml']),
      'missing.yaml: cannot read the configuration: no such file or folder',
    );
  });

  it('a configuration that is a folder, or a link to nothing', () => {
    expectOneLineError(
      run(['scan', '--config', 'a-folder', 'pod.yaml']),
      'a-folder: cannot read the configuration: is a folder',
    );
    expectOneLineError(
      run(['pss', 'plan', '-c', 'a-folder', 'pod.yaml']),
      'a-folder: cannot read the configuration: is a folder',
    );
    expectOneLineError(
      run(['scan', '-c', 'dangling.yaml', 'pod.yaml']),
      'dangling.yaml: cannot read the configuration: no such file or folder',
    );
  });

  it('a .kubeward.yaml found upward that cannot be read is named, not skipped', () => {
    const dir = join(work, 'found');
    mkdirSync(join(dir, '.kubeward.yaml'), { recursive: true });
    expectOneLineError(
      run(['scan', join(work, 'pod.yaml')], dir),
      `${join(dir, '.kubeward.yaml')}: cannot read the configuration: is a folder`,
    );
  });

  it('a missing baseline, given on the command line or in the configuration', () => {
    expectOneLineError(
      run(['scan', '--no-config', '--baseline', 'none.json', 'pod.yaml']),
      'none.json: cannot read the baseline: no such file or folder',
    );
    writeFileSync(join(work, 'with-baseline.yaml'), 'baseline: accepted/none.json\n');
    expectOneLineError(
      run(['scan', '-c', 'with-baseline.yaml', 'pod.yaml']),
      'accepted/none.json: cannot read the baseline: no such file or folder',
    );
    expectOneLineError(
      run(['scan', '--no-config', '--baseline', 'a-folder', 'pod.yaml']),
      'a-folder: cannot read the baseline: is a folder',
    );
  });

  it('a report or baseline that cannot be written', () => {
    expectOneLineError(
      run(['scan', '--no-config', '-f', 'json', '-o', 'no-such-folder/report.json', 'pod.yaml']),
      'no-such-folder/report.json: cannot write the report: no such file or folder',
    );
    const r = run([
      'scan',
      '--no-config',
      '-f',
      'json',
      '-o',
      'r.json',
      '--write-baseline',
      'a-folder',
      'pod.yaml',
    ]);
    expectOneLineError(r, 'a-folder: cannot write the baseline: is a folder');
  });
});
