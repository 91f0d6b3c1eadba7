import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/policy/config.js';
import { BUILTIN_RULE_IDS, BUILTIN_RULES } from '../src/policy/registry.js';
import { NSA_SECTIONS } from '../src/policy/types.js';
import { renderRuleTable } from '../src/report/ruleDocs.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('rule table matches the rule metadata (regenerate with `npm run docs`)', () => {
    const m = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme);
    expect(m, 'README.md needs <!-- rules:start --> / <!-- rules:end --> markers').not.toBeNull();
    expect(m![1]).toBe(renderRuleTable(BUILTIN_RULES));
  });

  it('every rule id is unique and every rule has references', () => {
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILTIN_RULES) {
      const refs = r.references;
      const count =
        (refs.cis?.length ?? 0) +
        (refs.nsa?.length ?? 0) +
        (refs.mitre?.length ?? 0) +
        (refs.links?.length ?? 0) +
        (refs.pss ? 1 : 0);
      expect(count, `${r.id} has no references`).toBeGreaterThan(0);
    }
  });

  it('cites the NSA/CISA guide by its own section headings, CIS by control id, MITRE by technique id', () => {
    for (const r of BUILTIN_RULES) {
      for (const s of r.references.nsa ?? []) expect(NSA_SECTIONS, `${r.id}`).toContain(s);
      for (const c of r.references.cis ?? []) expect(c, `${r.id}`).toMatch(/^\d+(\.\d+){1,3}$/);
      for (const t of r.references.mitre ?? []) expect(t, `${r.id}`).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
  });

  it('the configuration example is a valid .kubeward.yaml', () => {
    const m = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const config = parseConfig(m![1]!, 'README.md', BUILTIN_RULE_IDS);
    expect(config.exceptions).toHaveLength(1);
    expect(config.trustedRegistries).toEqual(['registry.example.com/', 'ghcr.io/acme/']);
  });

  it('quick start is the two commands .ci/run relies on', () => {
    expect(readme).toContain('npm ci && node dist/cli/main.js scan examples/insecure-shop');
    expect(readme).toContain('npm ci && npm test');
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test\b/m);
  });
});

/**
 * Output examples are real runs: a block after `<!-- example: kubeward ARGS -->`, or one
 * whose first line is `$ kubeward ARGS`, is exactly what the built CLI prints for ARGS from
 * the project root. When one fails, paste the command's output into the README.
 */
describe('README output examples', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const examples = [
    ...[...readme.matchAll(/<!-- example: kubeward (.+?) -->\n```\w*\n([\s\S]*?)```\n/g)].map((m) => ({
      args: m[1]!,
      output: m[2]!,
    })),
    ...[...readme.matchAll(/```\w*\n\$ kubeward (.+)\n([\s\S]*?)```\n/g)].map((m) => ({
      args: m[1]!,
      output: m[2]!,
    })),
  ];

  it('shows the JSON of pss plan and of scan, the text of pss plan, of every netpol subcommand, of exposure and contain, from real runs', () => {
    expect(examples.map((e) => e.args)).toEqual([
      'pss plan -f json examples/insecure-shop',
      'rbac can sa:shop:default get secrets -n shop -f json examples/insecure-shop',
      'rbac who-can create pods/exec -n shop -f json examples/insecure-shop',
      'rbac matrix sa:shop:default -n shop examples/insecure-shop',
      'rbac workloads examples/insecure-shop',
      'rbac generate --audit-log test/fixtures/audit/alice-audit.json',
      'rbac unused --audit-log test/fixtures/audit/cart-audit.jsonl examples/insecure-shop',
      'netpol matrix --focus frontend examples/insecure-shop',
      'netpol matrix examples/hardened-shop',
      'netpol exposure --focus cart examples/insecure-shop',
      'netpol exposure --focus frontend examples/hardened-shop',
      'netpol explain frontend cart --port 8080/TCP examples/insecure-shop',
      'netpol diff examples/insecure-shop/cart.yaml examples/insecure-shop/redis.yaml',
      'netpol generate examples/insecure-shop/cart.yaml examples/insecure-shop/redis.yaml',
      'exposure examples/hardened-shop',
      'contain hardened-shop/cart examples/hardened-shop',
      'scan --no-config -f json --only privileged-container examples/insecure-shop/log-agent.yaml',
      'pss plan examples/insecure-shop',
    ]);
  });

  for (const { args, output } of examples) {
    it(`kubeward ${args}`, () => {
      expect(existsSync(cli), 'run `npm run build` first').toBe(true);
      const r = spawnSync(process.execPath, [cli, ...args.split(' ')], {
        cwd: root,
        encoding: 'utf8',
        input: '',
        env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(output);
    });
  }
});

describe('README library example', () => {
  it('prints what the CLI prints for the command it names, and sets its exit code', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const m = /## Library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme);
    expect(m, 'README.md needs a js example under ## Library').not.toBeNull();
    const code = m![1]!;
    const command = /what `kubeward (.+?)`/.exec(code)![1]!;
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const env = { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' };
    const library = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', code.replace("'kubeward'", `'${dist}'`)],
      {
        cwd: root,
        encoding: 'utf8',
        env,
      },
    );
    const cli = spawnSync(process.execPath, ['dist/cli/main.js', ...command.split(' ')], {
      cwd: root,
      encoding: 'utf8',
      input: '',
      env,
    });
    expect(library.stderr).toBe('');
    expect(cli.stdout.length).toBeGreaterThan(1000);
    expect(library.stdout).toBe(cli.stdout);
    expect(library.status).toBe(cli.status);
    expect(cli.status).toBe(1);
  });
});
