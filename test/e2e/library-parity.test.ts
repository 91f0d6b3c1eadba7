/**
 * The library does what the CLI does: the same input and options through `kubeward`
 * (dist/cli/main.js, a child process) and through the public API (src/index.ts) give the
 * same report, byte for byte, and the same exit verdict. Nothing is normalised.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_RULES,
  controlIndex,
  controlListJson,
  DEFAULT_CONFIG,
  loadConfigFile,
  planJson,
  pssPlan,
  renderScan,
  ruleJson,
  scan,
  scanVerdict,
  type ScanOptions,
} from '../../src/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
// Shared fixtures as the project reaches them: ../shared from the project root.
const CORPUS_FILE = '../shared/corpus/metallb-native.yaml';
const SHOP = 'examples/insecure-shop';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's JSON report and exit code, and the library's, for the same paths and selection. */
async function both(paths: string[], flags: string[], options: ScanOptions) {
  const fromCli = run(['scan', '--no-config', '-f', 'json', ...flags, ...paths]);
  const result = await scan(paths, { config: DEFAULT_CONFIG, ...options });
  const json = await renderScan('json', result, { cwd: root });
  return { fromCli, result, json, code: scanVerdict(result).failed ? 1 : 0 };
}

beforeAll(() => {
  // the library resolves relative paths from the process's folder, the CLI from its own
  expect(process.cwd()).toBe(root);
  expect(existsSync(resolve(root, CORPUS_FILE)), `${CORPUS_FILE} is missing`).toBe(true);
  expect(existsSync(cli), 'run `npm run build` first').toBe(true);
});

describe('CLI and library give the same answer', () => {
  it(`plain scan of ${SHOP}`, async () => {
    const r = await both([SHOP], [], {});
    expect(r.fromCli.stderr).toBe('');
    expect(r.json).toBe(r.fromCli.stdout);
    expect(r.code).toBe(r.fromCli.code);
    expect(r.code).toBe(1);
    expect(r.result.stats.rules).toBe(117);
  });

  it(`--framework cis on ${SHOP} and on ${CORPUS_FILE}`, async () => {
    for (const path of [SHOP, CORPUS_FILE]) {
      const r = await both([path], ['--framework', 'cis'], { framework: 'cis' });
      expect(r.json, path).toBe(r.fromCli.stdout);
      expect(r.code, path).toBe(r.fromCli.code);
      expect(r.result.stats.rules, path).toBe(70);
      expect(r.result.controls?.results.length, path).toBe(34);
    }
  });

  it(`--only and --disable on ${CORPUS_FILE}`, async () => {
    const r = await both(
      [CORPUS_FILE],
      ['--only', 'privileged-container,host-network', '--only', 'caps-not-drop-all'],
      { only: ['privileged-container,host-network', 'caps-not-drop-all'] },
    );
    expect(r.json).toBe(r.fromCli.stdout);
    expect(r.result.stats.rules).toBe(3);
    expect(r.code).toBe(r.fromCli.code);
    const d = await both([CORPUS_FILE], ['--disable', 'host-network', '--min-severity', 'high'], {
      disable: ['host-network'],
      minSeverity: 'high',
    });
    expect(d.json).toBe(d.fromCli.stdout);
    expect(d.code).toBe(d.fromCli.code);
  });

  it('a bad rule id is the same usage error', async () => {
    const fromCli = run(['scan', '--no-config', '--only', 'privileged-containers', SHOP]);
    expect(fromCli.code).toBe(2);
    const message =
      '--only: no rule "privileged-containers" (did you mean privileged-container?); `kubeward rules` lists them';
    expect(fromCli.stderr).toBe(`kubeward: ${message}\n`);
    await expect(scan([SHOP], { only: ['privileged-containers'] })).rejects.toThrow(message);
  });

  it(`pss plan -f json of ${SHOP} and ${CORPUS_FILE}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-parity-'));
    const config = join(dir, 'empty.yaml');
    writeFileSync(config, '{}\n');
    for (const version of ['latest', 'v1.25']) {
      const paths = [SHOP, CORPUS_FILE];
      const fromCli = run(['pss', 'plan', '-c', config, '-f', 'json', '--pss-version', version, ...paths]);
      expect(fromCli.code).toBe(0);
      const r = await pssPlan(paths, { config: await loadConfigFile(config), version });
      expect(`${JSON.stringify(planJson(r.plan, r.errors, r.lineOf), null, 2)}\n`).toBe(fromCli.stdout);
      expect(r.plan.namespaces.map((n) => n.namespace)).toEqual(['metallb-system', 'shop']);
    }
  });

  it('rules -f json and rules --framework cis -f json', () => {
    expect(run(['rules', '-f', 'json']).stdout).toBe(
      `${JSON.stringify(BUILTIN_RULES.map(ruleJson), null, 2)}\n`,
    );
    expect(run(['rules', '--framework', 'cis', '-f', 'json']).stdout).toBe(
      `${JSON.stringify(controlListJson('cis', controlIndex('cis', BUILTIN_RULES)), null, 2)}\n`,
    );
  });
});
