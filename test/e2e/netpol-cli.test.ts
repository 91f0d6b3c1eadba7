/**
 * `kubeward netpol` as a command: the shared netpol-analyzer cases (../shared/testdata/netpol)
 * run through the command functions the CLI calls, outputs compared with the expected
 * files; input errors one line each with file:line while the rest is analysed; exit codes
 * of the built CLI (2 for usage errors and unreadable input, 1 for --fail-on-new).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  runNetpolDiff,
  runNetpolExplain,
  runNetpolExposure,
  runNetpolMatrix,
} from '../../src/cli/commands/netpol.js';
import type { CliIo } from '../../src/cli/io.js';
import { UsageError } from '../../src/errors.js';
import { casesPresent, flagValues, NETPOL_CASES, readCases } from '../conformance/netpolCases.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'kubeward-netpol-'));
writeFileSync(join(dir, '.kubeward.yaml'), '{}\n');
const CASES = join(NETPOL_CASES, 'netpol-analyzer');

function io(): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(''),
    cwd: dir,
    color: false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

/** The CLI flags of an upstream netpol-analyzer command (cases.json). */
function focusFlags(command: string) {
  const direction = flagValues(command, '--focus-direction')[0];
  const conn = flagValues(command, '--focus-conn')[0];
  return {
    focus: flagValues(command, '--focusworkload'),
    focusPeer: flagValues(command, '--focusworkload-peer'),
    ...(direction !== undefined ? { focusDirection: direction } : {}),
    ...(conn !== undefined ? { focusConn: conn } : {}),
  };
}

const sortedLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .sort();

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

const expectedFiles = casesPresent()
  ? readCases().flatMap((c) =>
      c.expected.map((e) => ({ folder: c.folder, file: e.file, command: e.command ?? '' })),
    )
  : [];

describe('kubeward netpol matrix on the shared cases', () => {
  const lists = expectedFiles.filter((e) => /_connlist_output\.(txt|json|csv|md|dot)$/.test(e.file));

  it('finds them', () => {
    expect(casesPresent()).toBe(true);
    expect(lists.length).toBe(25);
  });

  it.each(lists.map((e) => [`${e.folder}/${e.file}`, e] as const))('%s', async (_id, e) => {
    const format = e.file.slice(e.file.lastIndexOf('.') + 1);
    const o = io();
    const code = await runNetpolMatrix(
      [join(NETPOL_CASES, e.folder, 'input')],
      { format, ...focusFlags(e.command) },
      o,
    );
    expect(code).toBe(0);
    const want = readFileSync(join(NETPOL_CASES, e.folder, e.file), 'utf8');
    // The txt lists are compared line for line, order aside (the conformance rule); the rest whole.
    if (format === 'txt') expect(sortedLines(o.out())).toEqual(sortedLines(want));
    else expect(o.out()).toBe(withNewline(want));
  });
});

describe('kubeward netpol exposure on the shared cases', () => {
  const exposures = expectedFiles.filter(
    (e) => /_exposure_output\.(txt|json)$/.test(e.file) && !e.file.includes('_explain_'),
  );

  it('finds them', () => {
    expect(exposures.length).toBe(9);
  });

  it.each(exposures.map((e) => [`${e.folder}/${e.file}`, e] as const))('%s', async (_id, e) => {
    const format = e.file.endsWith('.json') ? 'json' : 'txt';
    const o = io();
    const code = await runNetpolExposure(
      [join(NETPOL_CASES, e.folder, 'input')],
      { format, ...focusFlags(e.command) },
      o,
    );
    expect(code).toBe(0);
    const want = readFileSync(join(NETPOL_CASES, e.folder, e.file), 'utf8');
    if (format === 'txt') expect(sortedLines(o.out())).toEqual(sortedLines(want));
    else {
      // netpol-analyzer's JSON, plus the unprotected workloads it only prints in txt.
      const { unprotected: _unprotected, ...rest } = JSON.parse(o.out()) as { unprotected: unknown[] };
      expect(rest).toEqual(JSON.parse(want));
    }
  });

  it('lists the workloads not protected, per direction, in json', async () => {
    const o = io();
    await runNetpolExposure(
      [join(CASES, 'exposure_test_with_match_expression_not_in_op/input')],
      { format: 'json' },
      o,
    );
    expect((JSON.parse(o.out()) as { unprotected: unknown }).unprotected).toEqual([
      { workload: 'hello-world/workload-b[Deployment]', direction: 'egress' },
      { workload: 'hello-world/workload-b[Deployment]', direction: 'ingress' },
    ]);
  });
});

describe('kubeward netpol diff on the shared case', () => {
  const d = join(CASES, 'diff__netpol-diff-example-minimal');
  it.each(['txt', 'csv', 'md'])('%s is netpol-analyzer diff output', async (format) => {
    const o = io();
    expect(await runNetpolDiff(join(d, 'dir1'), join(d, 'dir2'), { format }, o)).toBe(0);
    const want = readFileSync(
      join(
        d,
        `expected/diff_between_netpol-diff-example-minimal_and_netpol-analysis-example-minimal.${format}`,
      ),
      'utf8',
    );
    expect(o.out()).toBe(withNewline(want));
  });

  it('with --fail-on-new exits 1 when a connection was added, 0 when only removed', async () => {
    expect(
      await runNetpolDiff(join(d, 'dir1'), join(d, 'dir2'), { format: 'txt', failOnNew: true }, io()),
    ).toBe(1);
    expect(
      await runNetpolDiff(join(d, 'dir2'), join(d, 'dir1'), { format: 'txt', failOnNew: true }, io()),
    ).toBe(0);
  });

  it('names workloads present in one version only, and prints json', async () => {
    const o = io();
    await runNetpolDiff(join(d, 'dir1'), join(d, 'dir1/frontend.yaml'), { format: 'json' }, o);
    const report = JSON.parse(o.out()) as { summary: Record<string, number>; diff: { workloads?: string }[] };
    expect(report.summary).toEqual({ changed: 2, added: 0, removed: 1 });
    expect(report.diff.map((e) => e.workloads ?? '')).toEqual([
      '',
      '',
      'workload default/backend[Deployment] removed',
    ]);
  });
});

describe('kubeward netpol explain', () => {
  const demo = join(CASES, 'anp_banp_blog_demo/input');

  it('--format analyzer prints the pair as netpol-analyzer --explain does', async () => {
    const o = io();
    await runNetpolExplain(
      'monitoring/mymonitoring',
      'foo/myfoo',
      [demo],
      { format: 'analyzer', port: 'tcp-80' },
      o,
    );
    const want = readFileSync(
      join(
        CASES,
        'anp_banp_blog_demo/expected/anp_banp_blog_demo_focus_workload_mymonitoring_egress_with_myfoo_tcp-80_allow_explain_output.txt',
      ),
      'utf8',
    );
    expect(
      `\n${'#'.repeat(42)}\n# Specific connections and their reasons #\n${'#'.repeat(42)}\n${o.out()}`,
    ).toBe(want);
  });

  it('names the file, line and rule of each deciding policy, and the default allow', async () => {
    const o = io();
    await runNetpolExplain('mymonitoring', 'mybar', [demo], { format: 'txt' }, o);
    const file = join(demo, 'policies.yaml');
    expect(o.out().split('\n').slice(3)).toEqual([
      'Denied connections:',
      '\tDenied TCP, UDP, SCTP due to the following policies and rules:',
      '\t\tEgress (Allowed): monitoring/mymonitoring[Pod] is not isolated for egress (default allow)',
      '\t\tIngress (Denied)',
      `\t\t\tAdminNetworkPolicy 'pass-monitoring' passes connections by Ingress rule pass-ingress-from-monitoring (${file}:54, spec.ingress[0])`,
      `\t\t\tBaselineAdminNetworkPolicy 'default' denies connections by Ingress rule deny-ingress-from-all-namespaces (${file}:16, spec.ingress[0])`,
      '',
      '',
    ]);
  });

  it('explains an external address and a named port that does not resolve', async () => {
    const o = io();
    await runNetpolExplain(
      'helloworld/new-pod',
      'pod-a',
      [join(CASES, 'netpol_named_port_test/input')],
      { format: 'json' },
      o,
    );
    const json = JSON.parse(o.out()) as {
      allowed: string;
      groups: { ingress: { reasons: { kind: string; text: string }[] } }[];
    };
    expect(json.allowed).toBe('No Connections');
    expect(json.groups[0]!.ingress.reasons.map((r) => r.kind)).toEqual(['ports']);
    expect(json.groups[0]!.ingress.reasons[0]!.text).toContain('named ports of the rule have no match');
  });

  it('rejects an unknown or ambiguous workload', async () => {
    await expect(runNetpolExplain('nope', 'myfoo', [demo], { format: 'txt' }, io())).rejects.toThrow(
      new UsageError('source "nope": no such workload in the input'),
    );
    await expect(runNetpolExplain('myfoo', 'myfoo', [demo], { format: 'yaml' }, io())).rejects.toThrow(
      new UsageError('--format must be one of txt, analyzer, json, not "yaml"'),
    );
  });
});

describe('bad input', () => {
  it('reports each invalid policy on one line with file:line and analyses the rest', async () => {
    const folder = join(CASES, 'invalid-inputs/bad_netpols__subdir1/input');
    const o = io();
    expect(await runNetpolMatrix([folder], { format: 'txt' }, o)).toBe(0);
    expect(o.err()).toBe(
      `error: ${join(folder, 'netpols.yaml')}:1: NetworkPolicy default/shippingservice-netpol spec.ingress[2].from[0].ipBlock.cidr: CIDR error: invalid CIDR address "A"\n`,
    );
    expect(o.out()).toContain('default/frontend[Deployment] => default/checkoutservice[Deployment]');
  });

  function run(args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', input: '' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('exits 2 on usage errors and when nothing was read', () => {
    expect(run(['netpol', 'matrix'])).toMatchObject({ code: 2 });
    expect(run(['netpol', 'matrix', '-f', 'svg', join(CASES, 'minimal_test_in_ns/input')])).toMatchObject({
      code: 2,
      stderr: 'kubeward: --format must be one of txt, csv, md, json, dot, html, not "svg"\n',
    });
    const missing = run(['netpol', 'exposure', join(dir, 'missing.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toMatch(/^error: .*missing\.yaml: /);
  });

  it('exits 1 for diff --fail-on-new when connections were added', () => {
    const d = join(CASES, 'diff__netpol-diff-example-minimal');
    expect(run(['netpol', 'diff', '--fail-on-new', join(d, 'dir1'), join(d, 'dir2')]).code).toBe(1);
  });

  it('writes a self-contained html page', async () => {
    const o = io();
    await runNetpolMatrix([join(CASES, 'netpol-analysis-example-minimal/input')], { format: 'html' }, o);
    const html = o.out();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/marker-end=/g)?.length).toBe(3);
    expect(html).toContain(
      '<td>default/frontend[Deployment]</td><td>default/backend[Deployment]</td><td>TCP 9090</td>',
    );
  });
});
