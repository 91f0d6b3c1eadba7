/**
 * `kubeward fix` end to end, on copies in a temporary folder (never examples/ or ../shared):
 * golden files (input/ → expected/ under __fixtures__/fix, byte for byte: comments, anchors,
 * flow style, CRLF, JSON), a re-scan after --write that shows exactly the fixed findings gone and
 * nothing new, idempotence, PSS restricted on examples/insecure-shop, the file that changed on
 * disk since the scan, digests that are given and never invented, inputs that are not the
 * user's files.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planFixes, runFix, type FixEntry, type FixFlags } from '../../src/cli/commands/fix.js';
import { writeFixes } from '../../src/cli/commands/fixWrite.js';
import { findingKey } from '../../src/cli/commands/fixVerify.js';
import type { CliIo } from '../../src/cli/io.js';
import { InputError, UsageError } from '../../src/errors.js';
import { DEFAULT_CONFIG } from '../../src/policy/config.js';
import { scan } from '../../src/scan.js';

const FIXTURES = resolve('test/e2e/__fixtures__/fix');
const SHOP = resolve('examples/insecure-shop');
const CORPUS = resolve('../shared/corpus');
const root = mkdtempSync(join(tmpdir(), 'kubeward-fix-'));

function io(stdin = ''): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(stdin),
    cwd: root,
    color: false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

let copies = 0;
function copyOf(from: string): string {
  const dir = join(root, `case-${copies++}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

async function findingKeys(dir: string, pss?: 'restricted'): Promise<string[]> {
  const result = await scan([dir], {
    config: DEFAULT_CONFIG,
    workers: 0,
    ...(pss ? { pss: { level: pss, version: 'latest' } } : {}),
  });
  return result.findings.map((f) => findingKey(f, result.defaultNamespace)).sort();
}

const fixed = (entries: readonly FixEntry[]): string[] =>
  entries
    .filter(
      (e) => e.proposal.kind !== 'suggestion' && e.outcome !== undefined && e.outcome.status !== 'declined',
    )
    .map((e) => e.key)
    .sort();
const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

const NO_CONFIG: FixFlags = { config: false };

describe('kubeward fix: golden files', () => {
  for (const name of ['anchored', 'crlf', 'json', 'rendered']) {
    it(`${name}: --write turns input/ into expected/ byte for byte, and a second run changes nothing`, async () => {
      const dir = copyOf(join(FIXTURES, name, 'input'));
      expect(await runFix([dir], { ...NO_CONFIG, write: true }, io())).toBe(0);
      expect(filesOf(dir)).toEqual(filesOf(join(FIXTURES, name, 'expected')));
      const again = await planFixes([dir], NO_CONFIG, io());
      expect(again.changes).toEqual([]);
      expect(await runFix([dir], { ...NO_CONFIG, write: true }, io())).toBe(0);
      expect(filesOf(dir)).toEqual(filesOf(join(FIXTURES, name, 'expected')));
    });

    it(`${name}: after --write a re-scan shows exactly the fixed findings gone and nothing new`, async () => {
      const dir = copyOf(join(FIXTURES, name, 'input'));
      const before = await findingKeys(dir);
      const plan = await planFixes([dir], NO_CONFIG, io());
      expect(await writeFixes(plan.changes)).toEqual([]);
      const after = await findingKeys(dir);
      expect(minus(after, before)).toEqual([]);
      const gone = minus(before, after);
      expect(gone).toEqual([...plan.gone].sort());
      // every finding whose fix was applied is among them
      expect(minus(fixed(plan.entries), gone)).toEqual([]);
    });
  }

  it('anchored: the containers sharing &shared-sc are declined by name of the anchor, the rest is fixed', async () => {
    const plan = await planFixes([join(FIXTURES, 'anchored', 'input')], NO_CONFIG, io());
    const declined = plan.entries.filter((e) => e.outcome?.status === 'declined');
    expect(declined.map((e) => `${e.finding.ruleId} ${e.finding.container}`).sort()).toEqual([
      'allow-privilege-escalation migrate',
      'allow-privilege-escalation sidecar',
      'caps-not-drop-all migrate',
      'caps-not-drop-all sidecar',
      'pss-allow-privilege-escalation migrate',
      'pss-allow-privilege-escalation sidecar',
      'pss-capabilities-restricted migrate',
      'pss-capabilities-restricted sidecar',
    ]);
    for (const e of declined)
      expect(e.outcome).toEqual({
        status: 'declined',
        reason: expect.stringMatching(/(shared through the anchor &shared-sc|is the alias \*shared-sc)/),
      });
    expect(fixed(plan.entries).length).toBe(18);
  });

  it('json: placeholders (no comments to flag them) and new documents are declined with the reason', async () => {
    const plan = await planFixes([join(FIXTURES, 'json', 'input')], NO_CONFIG, io());
    const reasons = plan.entries
      .filter((e) => e.outcome?.status === 'declined')
      .map((e) => [e.finding.ruleId, e.outcome?.status === 'declined' ? e.outcome.reason : ''])
      .sort();
    expect(reasons).toEqual([
      ['default-sa-used', 'a JSON file holds one object: add the new object in a file of its own'],
      [
        'limits-missing',
        "JSON has no comments to say: placeholder (kubeward fix): tune to the workload's measured use",
      ],
    ]);
  });
});

describe('kubeward fix: examples/insecure-shop at PSS restricted', () => {
  it('after --write, the only pss-* findings left are the ones offered as suggestions', async () => {
    const dir = copyOf(SHOP);
    const flags: FixFlags = { ...NO_CONFIG, pss: 'restricted' };
    const plan = await planFixes([dir], flags, io());
    const before = (await findingKeys(dir, 'restricted')).filter((k) => k.startsWith('pss-'));
    expect(before.length).toBe(28);
    expect(await writeFixes(plan.changes)).toEqual([]);
    const after = await findingKeys(dir, 'restricted');
    const suggested = plan.entries
      .filter((e) => e.proposal.kind === 'suggestion' && e.finding.ruleId.startsWith('pss-'))
      .map((e) => e.key)
      .sort();
    expect(after.filter((k) => k.startsWith('pss-'))).toEqual(suggested);
    expect(suggested.map((k) => k.split(' ').slice(0, 2).join(' '))).toEqual([
      'pss-allow-privilege-escalation DaemonSet/shop/log-agent',
      'pss-capabilities-restricted DaemonSet/shop/log-agent',
      'pss-host-namespaces DaemonSet/shop/log-agent',
      'pss-privileged DaemonSet/shop/log-agent',
      'pss-restricted-volumes DaemonSet/shop/log-agent',
      'pss-run-as-non-root DaemonSet/shop/log-agent',
      'pss-run-as-non-root Deployment/shop/cart',
      'pss-run-as-non-root StatefulSet/shop/redis',
      'pss-run-as-user Deployment/shop/cart',
      'pss-run-as-user StatefulSet/shop/redis',
      'pss-seccomp DaemonSet/shop/log-agent',
    ]);
    // the NetworkPolicies would select the hostNetwork log-agent (a new finding): declined, said why
    const netpol = plan.entries.filter((e) => e.proposal.kind === 'network-policies');
    expect(netpol.length).toBe(7);
    for (const e of netpol) expect(e.outcome?.status).toBe('declined');
    expect(minus(after, await findingKeys(SHOP, 'restricted'))).toEqual([]);
  });
});

describe('kubeward fix: never trades one finding for another', () => {
  it('leaves out only the fix that would bring a new finding (a ServiceAccount in the default namespace)', async () => {
    const dir = join(root, 'no-namespace');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - {name: web, image: "web:1"}\n',
    );
    const before = await findingKeys(dir);
    const plan = await planFixes(
      [dir],
      { ...NO_CONFIG, rules: ['default-sa-used', 'allow-privilege-escalation', 'default-namespace'] },
      io(),
    );
    // default-namespace offers no fix: it is not listed, but the re-scan runs it
    expect(plan.entries.map((e) => [e.finding.ruleId, e.outcome])).toEqual([
      ['allow-privilege-escalation', { status: 'applied' }],
      [
        'default-sa-used',
        {
          status: 'declined',
          reason: 'it would add 1 finding (default-namespace ServiceAccount/default/web metadata.namespace)',
        },
      ],
    ]);
    expect(await writeFixes(plan.changes)).toEqual([]);
    const after = await findingKeys(dir);
    expect(minus(after, before)).toEqual([]);
    expect(minus(before, after)).toEqual([
      'allow-privilege-escalation Deployment/default/web spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
    ]);
  });
});

describe('kubeward fix: the shared corpus', () => {
  it('on a copy of ../shared/corpus: fixed findings gone, none added, a second run changes nothing', async () => {
    const dir = copyOf(CORPUS);
    const before = await findingKeys(dir);
    const plan = await planFixes([dir], NO_CONFIG, io());
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(await writeFixes(plan.changes)).toEqual([]);
    const after = await findingKeys(dir);
    expect(minus(after, before)).toEqual([]);
    expect(minus(before, after)).toEqual([...plan.gone].sort());
    expect(minus(fixed(plan.entries), plan.gone)).toEqual([]);
    expect((await planFixes([dir], NO_CONFIG, io())).changes).toEqual([]);
  });
});

describe('kubeward fix: safety', () => {
  it('a file that changed on disk since the scan is named, and nothing is written to it', async () => {
    const dir = copyOf(join(FIXTURES, 'anchored', 'input'));
    const plan = await planFixes([dir], NO_CONFIG, io());
    const file = join(dir, 'shop.yaml');
    const edited = readFileSync(file, 'utf8') + '# edited by someone else meanwhile\n';
    writeFileSync(file, edited);
    expect(await writeFixes(plan.changes)).toEqual([
      `${file} changed on disk since it was scanned: nothing written to it; run kubeward fix again`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // the new NetworkPolicy file of the same plan did not depend on it
    expect(readdirSync(dir).sort()).toEqual(['kubeward-netpol-shop-fix.yaml', 'shop.yaml']);
  });

  it('an unknown rule id and an unreadable path are errors that name them (exit 2)', async () => {
    await expect(planFixes([SHOP], { ...NO_CONFIG, rules: ['nope'] }, io())).rejects.toThrow(
      new UsageError('--rules: no rule "nope"; `kubeward rules` lists them'),
    );
    const out = io();
    const missing = join(root, 'missing.yaml');
    await expect(planFixes([missing], NO_CONFIG, out)).rejects.toThrow(
      new InputError(`nothing could be read from ${missing} (see the errors above)`),
    );
    expect(out.err()).toBe(`error: ${missing}: cannot read: no such file or folder\n`);
  });

  it('--write and --diff together, and no paths, are usage errors', async () => {
    await expect(runFix(['x'], { write: true, diff: true }, io())).rejects.toThrow(UsageError);
    await expect(runFix([], {}, io())).rejects.toThrow(UsageError);
  });

  it('--diff prints a unified diff that git apply accepts, and writes nothing', async () => {
    const dir = copyOf(join(FIXTURES, 'crlf', 'input'));
    const out = io();
    const original = filesOf(dir);
    expect(await runFix([dir], { ...NO_CONFIG, diff: true }, out)).toBe(0);
    expect(filesOf(dir)).toEqual(original);
    const name = `${relative(root, dir)}/pod.yaml`;
    expect(out.out()).toContain(`--- a/${name}\n+++ b/${name}\n@@ -16,3 +16,10 @@`);
    execFileSync('git', ['apply', '-'], { cwd: root, input: out.out(), stdio: ['pipe', 'pipe', 'pipe'] });
    expect(filesOf(dir)).toEqual(filesOf(join(FIXTURES, 'crlf', 'expected')));
    expect(out.out()).toContain('+            - ALL\r\n+        allowPrivilegeEscalation: false\r\n');
  });

  it('standard input and Kustomize output are declined: not the user’s file', async () => {
    const pod = readFileSync(join(FIXTURES, 'crlf', 'input', 'pod.yaml'), 'utf8');
    const plan = await planFixes(['-'], NO_CONFIG, io(pod));
    const edits = plan.entries.filter((e) => e.proposal.kind !== 'suggestion');
    expect(edits.length).toBe(6);
    for (const e of edits)
      expect(e.outcome).toEqual({
        status: 'declined',
        reason: 'read from standard input: fix the file it came from',
      });
    expect(plan.changes).toEqual([]);

    const kustomize = join(root, 'kustomize');
    mkdirSync(kustomize);
    writeFileSync(join(kustomize, 'kustomization.yaml'), 'resources:\n  - pod.yaml\n');
    writeFileSync(join(kustomize, 'pod.yaml'), pod);
    const rendered = await planFixes([kustomize], NO_CONFIG, io());
    expect(rendered.errors).toEqual([]);
    expect(rendered.changes).toEqual([]);
    const reasons = new Set(
      rendered.entries.filter((e) => e.proposal.kind !== 'suggestion').map((e) => JSON.stringify(e.outcome)),
    );
    expect([...reasons]).toEqual([
      JSON.stringify({
        status: 'declined',
        reason: 'rendered by Helm or Kustomize, not your file: fix the chart, values or overlay instead',
      }),
    ]);
  });
});

describe('kubeward fix: image digests are given, never invented', () => {
  const DIGEST = `sha256:${'ab12'.repeat(16)}`;
  const rules = ['image-no-digest'];

  it('without --digest the image is left alone and the suggestion says how to get one', async () => {
    const dir = copyOf(join(FIXTURES, 'crlf', 'input'));
    const plan = await planFixes([dir], { ...NO_CONFIG, rules }, io());
    expect(plan.changes).toEqual([]);
    expect(plan.entries.map((e) => e.proposal)).toEqual([
      {
        kind: 'suggestion',
        title: 'pin image "registry.example/app:2.0" of container "app" by digest',
        reason:
          'no digest given for it: pass --digest registry.example/app:2.0=sha256:… (`crane digest registry.example/app:2.0` prints it); kubeward never invents one',
      },
    ]);
  });

  it('a digest for another image changes nothing', async () => {
    const plan = await planFixes(
      [join(FIXTURES, 'crlf', 'input')],
      { ...NO_CONFIG, rules, digest: [`registry.example/other=${DIGEST}`] },
      io(),
    );
    expect(plan.changes).toEqual([]);
  });

  it('--digest IMAGE=sha256:… (by repository or as written) pins exactly that digest, keeping the tag and the comment', async () => {
    for (const given of ['registry.example/app', 'registry.example/app:2.0']) {
      const dir = copyOf(join(FIXTURES, 'crlf', 'input'));
      expect(
        await runFix([dir], { ...NO_CONFIG, rules, write: true, digest: [`${given}=${DIGEST}`] }, io()),
      ).toBe(0);
      const text = readFileSync(join(dir, 'pod.yaml'), 'utf8');
      expect(text).toBe(
        readFileSync(join(FIXTURES, 'crlf', 'input', 'pod.yaml'), 'utf8').replace(
          'image: registry.example/app:2.0 #',
          `image: registry.example/app:2.0@${DIGEST} #`,
        ),
      );
      expect(await findingKeys(dir).then((k) => k.filter((x) => x.startsWith('image-')))).toEqual([]);
    }
  });

  it('a malformed digest is a usage error naming it', async () => {
    await expect(
      planFixes(
        [join(FIXTURES, 'crlf', 'input')],
        { ...NO_CONFIG, digest: ['registry.example/app=sha256:1234'] },
        io(),
      ),
    ).rejects.toThrow(
      '--digest: expected IMAGE=sha256:<64 hex digits>, got "registry.example/app=sha256:1234" (`crane digest IMAGE` prints the digest)',
    );
  });
});

describe('kubeward fix: README', () => {
  it('the diff shown for payments.yaml is what --diff prints (nothing is written)', async () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const shown = /### `kubeward fix[\s\S]*?```diff\n([\s\S]*?)```\n/.exec(readme)![1]!;
    const out = { ...io(), cwd: resolve('.') };
    const printed: string[] = [];
    const file = resolve('examples/insecure-shop/payments.yaml');
    const before = readFileSync(file, 'utf8');
    const code = await runFix(
      ['examples/insecure-shop/payments.yaml'],
      { ...NO_CONFIG, pss: 'restricted', diff: true },
      { ...out, stdout: (t) => void printed.push(t) },
    );
    expect(code).toBe(0);
    expect(printed[0]).toBe(shown);
    expect(printed[1]).toMatch(
      /^--- \/dev\/null\n\+\+\+ b\/examples\/insecure-shop\/kubeward-netpol-shop.yaml\n/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
