/**
 * The CLI as users run it: the built `dist/cli/main.js` in a child process
 * (`npm test` builds first). Exit codes: 0 clean, 1 findings at or above --fail-on,
 * 2 usage, input or configuration error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');

function run(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI, requires the exit code, and parses what it printed as JSON. */
function runJson<T>(args: string[], code: number, opts: Parameters<typeof run>[1] = {}): T {
  const r = run(args, opts);
  expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code, stderr: expect.any(String) });
  return JSON.parse(r.stdout) as T;
}

const pod = (name: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: team
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true${extra}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeward-cli-'));
  writeFileSync(join(dir, 'priv.yaml'), pod('p'));
  writeFileSync(join(dir, 'broken.yaml'), 'kind: [');
});

describe('kubeward CLI', () => {
  it('prints its version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 1 with a critical finding, showing file:line and the rule id', () => {
    const r = run(['scan', join(dir, 'priv.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `at ${join(dir, 'priv.yaml')}:11:9 spec.containers[0].securityContext.privileged`,
    );
    expect(r.stdout).toContain('[privileged-container]');
    expect(r.stdout).not.toContain('\u001b['); // no colour when piped
  });

  it('--fail-on never exits 0 with the same findings', () => {
    expect(run(['scan', '--fail-on', 'never', join(dir, 'priv.yaml')]).code).toBe(0);
  });

  it('reads standard input with -', () => {
    const r = run(['scan', '--format', 'json', '-'], { input: pod('from-stdin') });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe('1');
    expect(report.findings.map((f: { resource: { name: string } }) => f.resource.name)).toContain(
      'from-stdin',
    );
    expect(report.findings[0].location.file).toBe('<stdin>');
  });

  it('input errors alone do not fail the run when something was scanned; --strict makes them exit 2', () => {
    const args = ['scan', '--fail-on', 'never', join(dir, 'priv.yaml'), join(dir, 'broken.yaml')];
    const lenient = run(args);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(new RegExp(`error: ${join(dir, 'broken.yaml')}:\\d+:\\d+: invalid YAML`));
    const strict = run([...args, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('--strict: 1 input error');
  });

  it('exits 2 when nothing could be scanned', () => {
    const r = run(['scan', join(dir, 'broken.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing could be scanned');
  });

  it('exits 2 on a usage error', () => {
    expect(run(['scan', '--fail-on', 'severe', join(dir, 'priv.yaml')]).code).toBe(2);
    expect(run(['scan']).code).toBe(2);
    expect(run(['no-such-command']).code).toBe(2);
  });

  it('--workers takes a whole number; the report is the same on the main thread alone', () => {
    const bad = run(['scan', '--workers', 'two', join(dir, 'priv.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kubeward: --workers: expected a whole number from 0 to 256, got "two"\n');
    const alone = run(['scan', '--workers', '0', '-f', 'json', join(dir, 'priv.yaml')]);
    const shared = run(['scan', '--workers', '1', '--quiet', '-f', 'json', join(dir, 'priv.yaml')]);
    expect(alone.code).toBe(1);
    expect(shared.stdout).toBe(alone.stdout);
  });

  it('an unknown configuration key is an error with file and line', () => {
    const cfgDir = join(dir, 'cfg');
    mkdirSync(cfgDir);
    writeFileSync(join(cfgDir, '.kubeward.yaml'), 'trustedRegistries: []\nfailon: high\n');
    const r = run(['scan', join(dir, 'priv.yaml')], { cwd: cfgDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${join(cfgDir, '.kubeward.yaml')}:2: unknown key "failon" in the configuration`,
    );
  });

  it('config lowers a severity, disables a rule and sets the failure threshold: exit 0 below it, 1 at it', () => {
    type Report = { findings: { ruleId: string; severity: string }[] };
    const cfgDir = join(dir, 'cfg2');
    mkdirSync(cfgDir);
    const config = (failOn: string): void =>
      writeFileSync(
        join(cfgDir, '.kubeward.yaml'),
        `rules:\n  privileged-container:\n    severity: low\n  run-as-non-root:\n    enabled: false\n  graph-workload-to-node:\n    enabled: false\nfailOn: ${failOn}\n`,
      );
    config('high');
    // privileged-container is low and the only high rules are off: nothing reaches high
    const below = runJson<Report>(['scan', '--format', 'json', join(dir, 'priv.yaml')], 0, { cwd: cfgDir });
    expect(below.findings.find((x) => x.ruleId === 'privileged-container')?.severity).toBe('low');
    expect(below.findings.map((x) => x.ruleId)).not.toContain('run-as-non-root');
    expect(below.findings.filter((x) => x.severity === 'critical' || x.severity === 'high')).toEqual([]);
    config('low');
    runJson<Report>(['scan', '--format', 'json', join(dir, 'priv.yaml')], 1, { cwd: cfgDir });
  });

  it('runs only the rules at or above --min-severity (or minSeverity in the config)', () => {
    type Report = { findings: { severity: string; ruleId: string }[]; stats: { rules: number } };
    const all = runJson<Report>(['scan', '-f', 'json', join(dir, 'priv.yaml')], 1);
    const high = runJson<Report>(['scan', '-f', 'json', '--min-severity', 'high', join(dir, 'priv.yaml')], 1);
    expect(all.findings.some((f) => f.severity === 'medium' || f.severity === 'low')).toBe(true);
    expect(high.findings.map((f) => f.ruleId)).toEqual(
      all.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.ruleId),
    );
    expect(high.findings.map((f) => f.ruleId)).toContain('privileged-container');
    expect(high.stats.rules).toBeLessThan(all.stats.rules);
    // the configured severity counts: privileged-container lowered to low no longer runs
    const cfgDir = join(dir, 'cfg-min');
    mkdirSync(cfgDir);
    writeFileSync(
      join(cfgDir, '.kubeward.yaml'),
      'rules:\n  privileged-container:\n    severity: low\nminSeverity: high\n',
    );
    // run-as-non-root (high) still runs and fails the scan
    const configured = runJson<Report>(['scan', '-f', 'json', join(dir, 'priv.yaml')], 1, { cwd: cfgDir });
    expect(configured.findings.map((f) => f.ruleId)).not.toContain('privileged-container');
    expect(configured.findings.every((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
    // bad values: a usage error, and a configuration error with file and line
    const bad = run(['scan', '--min-severity', 'urgent', join(dir, 'priv.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--min-severity must be one of critical, high, medium, low, info, not "urgent"',
    );
    writeFileSync(join(cfgDir, '.kubeward.yaml'), 'minSeverity: urgent\n');
    const badConfig = run(['scan', join(dir, 'priv.yaml')], { cwd: cfgDir });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain(`${join(cfgDir, '.kubeward.yaml')}:1:`);
  });

  it('--only, --enable and --disable choose the rules over the configuration file', () => {
    type Report = { findings: { ruleId: string }[]; stats: { rules: number } };
    // every selection below keeps a critical or high finding: each scan exits 1
    const scanJson = (args: string[], cwd?: string): Report =>
      runJson<Report>(['scan', '-f', 'json', ...args, join(dir, 'priv.yaml')], 1, cwd ? { cwd } : {});
    const all = scanJson([]);
    const ruleIds = [...new Set(all.findings.map((f) => f.ruleId))];
    expect(ruleIds).toEqual(expect.arrayContaining(['privileged-container', 'run-as-non-root']));

    const only = scanJson(['--only', 'privileged-container,run-as-non-root']);
    expect(only.stats.rules).toBe(2);
    expect([...new Set(only.findings.map((f) => f.ruleId))].sort()).toEqual([
      'privileged-container',
      'run-as-non-root',
    ]);
    // repeatable, and --disable on top of --only
    const narrowed = scanJson([
      '--only',
      'privileged-container',
      '--only',
      'run-as-non-root',
      '--disable',
      'run-as-non-root',
    ]);
    expect(narrowed.findings.map((f) => f.ruleId)).toEqual(['privileged-container']);

    const disabled = scanJson(['--disable', 'privileged-container']);
    expect(disabled.stats.rules).toBe(all.stats.rules - 1);
    expect(disabled.findings.map((f) => f.ruleId)).toEqual(
      all.findings.filter((f) => f.ruleId !== 'privileged-container').map((f) => f.ruleId),
    );
    // an opt-in rule runs only when asked for
    expect(all.findings.map((f) => f.ruleId)).not.toContain('image-no-digest');
    expect(scanJson(['--enable', 'image-no-digest']).findings.map((f) => f.ruleId)).toContain(
      'image-no-digest',
    );

    // the command line wins over the file: the file turns privileged-container off, --only turns it on,
    // and --only turns off what the file turned on
    const cfgDir = join(dir, 'cfg-select');
    mkdirSync(cfgDir);
    writeFileSync(
      join(cfgDir, '.kubeward.yaml'),
      'rules:\n  privileged-container: { enabled: false }\n  image-no-digest: { enabled: true }\n',
    );
    expect(scanJson([], cfgDir).findings.map((f) => f.ruleId)).not.toContain('privileged-container');
    expect(scanJson(['--only', 'privileged-container'], cfgDir).findings.map((f) => f.ruleId)).toEqual([
      'privileged-container',
    ]);

    // unknown ids and contradictions are usage errors; a selection of nothing says so
    const typo = run(['scan', '--disable', 'privileged-containr', join(dir, 'priv.yaml')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      '--disable: no rule "privileged-containr" (did you mean privileged-container?); `kubeward rules` lists them',
    );
    const both = run(['scan', '--enable', 'host-pid', '--disable', 'host-pid', join(dir, 'priv.yaml')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('rule "host-pid" is given to both --enable and --disable');
    const empty = run(['scan', '--only', 'privileged-container,', join(dir, 'priv.yaml')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--only takes rule ids separated by commas');
    const none = run(['scan', '--only', 'host-pid', '--disable', 'host-pid', join(dir, 'priv.yaml')]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('warning: no rule ran');
  });

  it('--framework runs the rules that cite it and reports each control', () => {
    const r = run(['scan', '--no-config', '--framework', 'cis', '-f', 'json', join(dir, 'priv.yaml')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      framework: string;
      controls: { id: string; status: string; rules: string[] }[];
      findings: { ruleId: string; references: { cis?: string[] } }[];
    };
    expect(report.framework).toBe('cis');
    expect(report.controls.find((c) => c.id === '5.2.2')).toMatchObject({
      status: 'fail',
      rules: expect.arrayContaining(['privileged-container']),
    });
    // only rules that cite a CIS control ran
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => (f.references.cis ?? []).length > 0)).toBe(true);
    const text = run(['scan', '--no-config', '--framework', 'cis', join(dir, 'priv.yaml')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^CIS Kubernetes Benchmark: \d+ controls checked — \d+ fail, \d+ pass, \d+ not applicable$/m,
    );
    expect(text.stdout).toMatch(
      /^ {2}FAIL {2}5\.2\.2 +1 finding on 1 of 1 resources {2}\[.*privileged-container.*\]$/m,
    );

    const listed = run(['rules', '--framework', 'cis', '-f', 'json']);
    expect(listed.code).toBe(0);
    const index = JSON.parse(listed.stdout) as {
      framework: string;
      controls: { id: string; rules: string[] }[];
    };
    expect(index.framework).toBe('cis');
    expect(index.controls.find((c) => c.id === '5.2.2')?.rules).toEqual([
      'pss-privileged',
      'privileged-container',
    ]);
    // the same controls the scan reports on, in the same order
    expect(report.controls.map((c) => c.id)).toEqual(index.controls.map((c) => c.id));

    const bad = run(['scan', '--framework', 'iso27001', join(dir, 'priv.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--framework must be one of cis, nsa, mitre, pss, not "iso27001"');
  });

  it('writes several reports from one scan: the Nth --output takes the Nth --format', () => {
    const work = join(dir, 'multi');
    mkdirSync(work);
    const file = join(dir, 'priv.yaml');
    const r = run(
      [
        'scan',
        '--no-config',
        '-f',
        'sarif',
        '-o',
        'out.sarif',
        '-f',
        'json',
        '-o',
        'out.json',
        '-f',
        'text',
        file,
      ],
      {
        cwd: work,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[privileged-container]'); // the text report, on stdout
    // each file is what a scan with that format alone writes
    for (const [format, out] of [
      ['sarif', 'out.sarif'],
      ['json', 'out.json'],
    ] as const) {
      const alone = run(['scan', '--no-config', '-f', format, file], { cwd: work });
      expect(alone.code).toBe(1);
      expect(readFileSync(join(work, out), 'utf8')).toBe(alone.stdout);
    }

    const usage = (args: string[]): string => {
      const u = run(['scan', '--no-config', ...args, file], { cwd: work });
      expect(u.code).toBe(2);
      return u.stderr.trim();
    };
    expect(usage(['-f', 'json', '-f', 'sarif'])).toBe(
      'kubeward: json and sarif would both go to standard output: give all but one an --output FILE (in the same order as the --format)',
    );
    expect(usage(['-o', 'a.txt', '-o', 'b.txt'])).toBe(
      'kubeward: 2 --output for 1 --format: each --output belongs to the --format at the same position',
    );
    expect(usage(['-f', 'json', '-o', 'x', '-f', 'sarif', '-o', 'x'])).toBe(
      'kubeward: --output x is given twice',
    );
    expect(usage(['-f', 'yaml'])).toBe(
      'kubeward: --format must be one of text, json, sarif, junit, markdown, html, policyreport, not "yaml"',
    );
  });

  it('--write-baseline and --baseline (or baseline in the config): only new findings fail', () => {
    const work = join(dir, 'adopt');
    mkdirSync(join(work, 'k8s'), { recursive: true });
    writeFileSync(join(work, 'k8s', 'a.yaml'), pod('a'));
    // the configured baseline does not exist yet: --write-baseline creates it
    writeFileSync(join(work, '.kubeward.yaml'), 'baseline: accepted.json\n');
    const written = run(['scan', '--write-baseline', 'accepted.json', 'k8s'], { cwd: work });
    expect(written.code).toBe(1);
    expect(written.stderr).toMatch(/^wrote \d+ findings to the baseline accepted\.json$/m);
    const entries = (JSON.parse(readFileSync(join(work, 'accepted.json'), 'utf8')) as { findings: object[] })
      .findings;
    expect(entries).toContainEqual({
      ruleId: 'privileged-container',
      resource: { kind: 'Pod', namespace: 'team', name: 'a' },
      path: 'spec.containers[0].securityContext.privileged',
      container: 'app',
    });

    // from the config file's folder, whatever the working folder
    const clean = run(['scan', '-f', 'json', join(work, 'k8s')], { cwd: join(work, 'k8s') });
    expect(clean.code).toBe(0);
    const report = JSON.parse(clean.stdout) as { findings: unknown[]; suppressed: { by: string }[] };
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(entries.length);
    expect(report.suppressed.every((s) => s.by === 'baseline')).toBe(true);

    // a new privileged pod fails the scan, alone
    writeFileSync(join(work, 'k8s', 'b.yaml'), pod('b'));
    const fresh = run(['scan', '--no-config', '--baseline', 'accepted.json', '-f', 'json', 'k8s'], {
      cwd: work,
    });
    expect(fresh.code).toBe(1);
    const names = (JSON.parse(fresh.stdout) as { findings: { resource: { name: string } }[] }).findings.map(
      (f) => f.resource.name,
    );
    expect(new Set(names)).toEqual(new Set(['b']));

    // a bad baseline is a configuration error with file and line
    writeFileSync(join(work, 'bad.json'), '{\n  "kubewardBaseline": 1,\n  "findings": [{"ruleId": 1}]\n}\n');
    const bad = run(['scan', '--baseline', 'bad.json', 'k8s'], { cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json:3: findings[0]: ruleId must be a string');
    const missing = run(['scan', '--baseline', 'none.json', 'k8s'], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json: cannot read the baseline: no such file or folder');
  });

  it('honours the kubeward.io/ignore annotation with a reason (exit 0 when it was the only failing finding), and reports one without (exit 1)', () => {
    type Report = {
      findings: { ruleId: string }[];
      suppressed: object[];
      errors: { message: string }[];
    };
    const annotated = pod('q').replace(
      '  namespace: team\n',
      '  namespace: team\n  annotations:\n    kubeward.io/ignore: "privileged-container[app]: GPU driver installer"\n',
    );
    writeFileSync(join(dir, 'ignored.yaml'), annotated);
    const only = ['--only', 'privileged-container'];
    const report = runJson<Report>(['scan', '-f', 'json', ...only, join(dir, 'ignored.yaml')], 0);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toContainEqual(
      expect.objectContaining({
        ruleId: 'privileged-container',
        reason: 'GPU driver installer',
        by: 'annotation',
      }),
    );
    writeFileSync(join(dir, 'noreason.yaml'), annotated.replace(': GPU driver installer', ''));
    const bad = runJson<Report>(['scan', '-f', 'json', ...only, join(dir, 'noreason.yaml')], 1);
    expect(bad.errors[0]!.message).toContain('has no reason');
    expect(bad.findings.map((f) => f.ruleId)).toEqual(['privileged-container']);
  });

  it('a Kustomize folder without kubectl or kustomize names the missing binary', () => {
    const k = join(dir, 'kust');
    mkdirSync(k);
    writeFileSync(join(k, 'kustomization.yaml'), 'resources: [pod.yaml]\n');
    writeFileSync(join(k, 'pod.yaml'), pod('k'));
    const r = run(['scan', k], {
      env: { PATH: join(dir, 'empty-path'), KUBEWARD_KUBECTL: join(dir, 'no-kubectl') },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`kustomization file found in ${k}, but`);
    expect(r.stdout).toContain('is not installed');
  });

  it('a Kustomize folder is rendered by kubectl when it is installed, and the finding exits 1', (ctx) => {
    const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
    ctx.skip(
      !hasKubectl,
      'kubectl is not installed (`kubectl version --client` failed): nothing renders the kustomization',
    );
    const k = join(dir, 'kust-real');
    mkdirSync(k);
    writeFileSync(join(k, 'kustomization.yaml'), 'resources: [pod.yaml]\nnamespace: rendered\n');
    writeFileSync(join(k, 'pod.yaml'), pod('k'));
    const report = runJson<{ findings: { ruleId: string }[] }>(['scan', '-f', 'json', k], 1);
    expect(report.findings.find((f) => f.ruleId === 'privileged-container')).toMatchObject({
      resource: { kind: 'Pod', namespace: 'rendered', name: 'k' },
      location: { file: `${k} (kubectl kustomize output)` },
    });
  });

  it('a Helm chart without helm names the missing binary', () => {
    const h = join(dir, 'chart');
    mkdirSync(h);
    writeFileSync(join(h, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    const r = run(['scan', h], { env: { KUBEWARD_HELM: join(dir, 'no-helm') } });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Chart.yaml found in ${h}, but \`${join(dir, 'no-helm')}\` is not installed`);
  });

  it('a Helm chart is rendered by `helm template` with the values files given, and a failing render is an input error', () => {
    // helm is not installed here: a stand-in that records its arguments and prints what
    // `helm template` prints (a `# Source:` comment, then the manifests)
    const h = join(dir, 'chart-ok');
    mkdirSync(h);
    writeFileSync(join(h, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values-prod.yaml'), 'replicas: 3\n');
    writeFileSync(join(dir, 'rendered.yaml'), `---\n# Source: demo/templates/pod.yaml\n${pod('rendered')}`);
    const argsFile = join(dir, 'helm-args.txt');
    const fakeHelm = join(dir, 'fake-helm');
    writeFileSync(
      fakeHelm,
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(argsFile)}\n` +
        `if [ -n "$FAIL" ]; then echo 'Error: INSTALLATION FAILED: values don'"'"'t meet the schema' >&2; exit 1; fi\n` +
        `cat ${JSON.stringify(join(dir, 'rendered.yaml'))}\n`,
      { mode: 0o755 },
    );
    const r = run(['scan', '-f', 'json', '--helm-values', join(dir, 'values-prod.yaml'), h], {
      env: { KUBEWARD_HELM: fakeHelm },
    });
    expect(r.code).toBe(1);
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      'template',
      'kubeward-scan',
      '--values',
      join(dir, 'values-prod.yaml'),
      h,
    ]);
    const finding = (
      JSON.parse(r.stdout) as { findings: { ruleId: string; resource: object; location: { file: string } }[] }
    ).findings.find((f) => f.ruleId === 'privileged-container');
    expect(finding).toMatchObject({
      resource: { kind: 'Pod', namespace: 'team', name: 'rendered' },
      location: {
        file: `${h} (${fakeHelm} template kubeward-scan --values ${join(dir, 'values-prod.yaml')} output)`,
        line: 13,
        column: 9,
        // `# Source: demo/templates/pod.yaml`, in the chart's folder
        template: join(h, 'templates/pod.yaml'),
      },
    });
    // SARIF points at the template (no line: the line is in helm's output); text names it
    const sarif = run(['scan', '-f', 'sarif', h], { cwd: dir, env: { KUBEWARD_HELM: fakeHelm } });
    expect(sarif.code).toBe(1);
    const result = (
      JSON.parse(sarif.stdout) as {
        runs: {
          results: { ruleId: string; locations: { physicalLocation: object; message: { text: string } }[] }[];
        }[];
      }
    ).runs[0]!.results.find((x) => x.ruleId === 'privileged-container')!;
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'chart-ok/templates/pod.yaml', uriBaseId: '%SRCROOT%' },
    });
    expect(result.locations[0]!.message.text).toBe(
      `rendered from this template by \`${fakeHelm} template kubeward-scan ${h}\` (line 13 of its output)`,
    );
    const text = run(['scan', h], { env: { KUBEWARD_HELM: fakeHelm } });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `spec.containers[0].securityContext.privileged (from ${join(h, 'templates/pod.yaml')})`,
    );

    // a release: name, namespace and --set values go to helm; objects the chart leaves without
    // a namespace are in the release's namespace, as `helm install -n` puts them
    writeFileSync(
      join(dir, 'rendered.yaml'),
      `---\n# Source: demo/templates/pod.yaml\n${pod('rendered')}---\n# Source: demo/templates/bare.yaml\n${pod('bare').replace('  namespace: team\n', '')}`,
    );
    const release = run(
      [
        'scan',
        '-f',
        'json',
        '--helm-release',
        'web',
        '--helm-namespace',
        'shop',
        '--helm-set',
        'a=1',
        '--helm-set',
        'b=2',
        h,
      ],
      { env: { KUBEWARD_HELM: fakeHelm } },
    );
    expect(release.code).toBe(1);
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      'template',
      'web',
      '--set',
      'a=1',
      '--set',
      'b=2',
      '--namespace',
      'shop',
      h,
    ]);
    const namespaces = (
      JSON.parse(release.stdout) as {
        findings: { ruleId: string; resource: { name: string; namespace: string } }[];
      }
    ).findings
      .filter((f) => f.ruleId === 'privileged-container')
      .map((f) => `${f.resource.name}:${f.resource.namespace}`);
    expect(namespaces).toEqual(['rendered:team', 'bare:shop']);

    const failed = run(['scan', h], { env: { KUBEWARD_HELM: fakeHelm, FAIL: '1' } });
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain(
      `${h}: ${fakeHelm} template kubeward-scan failed: Error: INSTALLATION FAILED: values don't meet the schema`,
    );
  });

  it('kubeward rules <id> prints what, why, how and references (exit 0), an unknown id exits 2', () => {
    const r = run(['rules', 'privileged-container']);
    expect(r.code).toBe(0);
    for (const heading of ['What it detects', 'Why it matters', 'How to fix it', 'References']) {
      expect(r.stdout).toContain(heading);
    }
    expect(run(['rules', 'no-such-rule']).code).toBe(2);
  });
});

describe('kubectl plugin name', () => {
  it('package.json installs kubectl-ward', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['kubectl-ward']).toBe(pkg.bin.kubeward);
  });
});

describe('kubeward scan on large inputs (src/cli/respawn.ts)', () => {
  /** Prints each Node process's flags to stderr, so the test sees whether a second process ran. */
  const probe = `data:text/javascript,process.stderr.write("node-flags:"+JSON.stringify(process.execArgv.filter(a=>a.startsWith("--max-semi")))+"\\n")`;
  const runProbed = (args: string[], env: Record<string, string>) => {
    const r = spawnSync(process.execPath, ['--import', probe, cli, ...args], {
      cwd: root,
      input: '',
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const example = join(root, 'examples/insecure-shop');

  it('runs itself again with a larger young generation, with the same output and exit code', () => {
    const here = runProbed(['scan', example, '-f', 'json'], { KUBEWARD_NO_RESPAWN: '1' });
    const again = runProbed(['scan', example, '-f', 'json'], { KUBEWARD_RESPAWN_MIN_BYTES: '0' });
    expect(here.stderr.match(/^node-flags:.*$/gm)).toEqual(['node-flags:[]']);
    expect(again.stderr.match(/^node-flags:.*$/gm)).toEqual([
      'node-flags:[]',
      'node-flags:["--max-semi-space-size=32"]',
    ]);
    expect(again.code).toBe(1);
    expect(again.code).toBe(here.code);
    expect(again.stdout).toBe(here.stdout);
  });

  it('passes an input error’s exit code through, and stays in one process below the size threshold', () => {
    const bad = runProbed(['scan', join(dir, 'broken.yaml')], { KUBEWARD_RESPAWN_MIN_BYTES: '0' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('broken.yaml:2:1: invalid YAML');
    expect(bad.stderr).toContain('nothing could be scanned');
    const small = runProbed(['scan', example], {});
    expect(small.code).toBe(1);
    expect(small.stderr.match(/^node-flags:.*$/gm)).toEqual(['node-flags:[]']);
  });
});

describe('kubeward writing into a pipe that closes early', () => {
  it('ends quietly with exit code 0 when the reader stops (`rules -f json | head -c 100`)', () => {
    // The rule catalog as JSON is far larger than a pipe's buffer, so the write fails with EPIPE.
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${cli}" rules -f json | head -c 100; echo " status:\${PIPESTATUS[0]}"`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('[\n  {\n')).toBe(true);
    expect(r.stdout.endsWith(' status:0\n')).toBe(true);
  });
});
