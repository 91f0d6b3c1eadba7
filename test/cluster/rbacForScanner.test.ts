import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_POLICY_API_RESOURCES,
  BUILTIN_API_RESOURCES,
  GATEWAY_API_RESOURCES,
} from '../apiServer/discovery.js';
import { startFixtureApiServer, type FixtureApiServer } from '../apiServer/fixtureApiServer.js';
import { shopCluster } from '../apiServer/shopCluster.js';
import { runRbacForScanner } from '../../src/cli/commands/snapshot.js';
import type { CliIo } from '../../src/cli/io.js';
import { READ_KINDS, SECRET_KIND } from '../../src/load/cluster/kinds.js';
import { scannerRbac } from '../../src/load/cluster/rbacForScanner.js';
import { readCluster } from '../../src/load/cluster/read.js';
import { BUILTIN_RULES, knownKinds } from '../../src/policy/registry.js';
import { scan } from '../../src/scan.js';

let dir: string;
let server: FixtureApiServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-scanner-rbac-'));
});
afterEach(async () => {
  const s = server;
  server = undefined;
  await rm(dir, { recursive: true, force: true });
  await s?.close();
});

async function printed(secretMetadata: boolean): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(''),
    cwd: dir,
    color: false,
    now: () => new Date('2026-12-03T12:00:00Z'),
  };
  await runRbacForScanner(secretMetadata ? { secretMetadata: true } : {}, io);
  return { stdout, stderr };
}

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const rulesOf = (secretMetadata: boolean): Rule[] =>
  scannerRbac({ secretMetadata }).find((o) => o.kind === 'ClusterRole')!.rules as Rule[];
const grants = (rules: readonly Rule[]): string[] =>
  rules.flatMap((r) => r.resources.map((res) => `${r.apiGroups[0]!}/${res} ${r.verbs.join(',')}`)).sort();

describe('kubeward rbac-for-scanner', () => {
  it('passes kubeward’s own RBAC rules: no rbac-* finding on what it prints', async () => {
    const file = join(dir, 'scanner.yaml');
    await writeFile(file, (await printed(false)).stdout);
    const result = await scan([file], { workers: 0 });
    expect(result.errors).toEqual([]);
    expect(result.stats.resources).toBe(3);
    expect(result.findings.filter((f) => f.ruleId.startsWith('rbac-')).map((f) => f.ruleId)).toEqual([]);
  });

  it('grants get, list and watch on exactly the kinds the reader lists, and no Secrets', () => {
    const expected = READ_KINDS.map((k) => `${k.group}/${k.resource} get,list,watch`).sort();
    expect(grants(rulesOf(false))).toEqual(expected);
    expect(grants(rulesOf(false)).some((g) => g.includes('secrets'))).toBe(false);
  });

  it('with --secret-metadata adds list on secrets only, says what that means, and rbac-secrets-read says it too', async () => {
    expect(grants(rulesOf(true))).toEqual(
      [
        ...READ_KINDS.map((k) => `${k.group}/${k.resource} get,list,watch`),
        `${SECRET_KIND.group}/secrets list`,
      ].sort(),
    );
    const out = await printed(true);
    expect(out.stdout.split('\n')[0]).toBe(
      '# WARNING: list on secrets lets whoever holds this role read every Secret value in the cluster: kubeward asks for metadata only (PartialObjectMetadataList), but RBAC cannot grant metadata without values',
    );
    expect(out.stderr).toContain(
      'warning: list on secrets lets whoever holds this role read every Secret value',
    );
    const file = join(dir, 'scanner.yaml');
    await writeFile(file, out.stdout);
    const result = await scan([file], { workers: 0 });
    expect(result.findings.filter((f) => f.ruleId.startsWith('rbac-')).map((f) => f.ruleId)).toEqual([
      'rbac-secrets-read',
    ]);
  });

  it('the reader lists nothing the role does not grant (every optional API served)', async () => {
    const apiResources = [...BUILTIN_API_RESOURCES, ...GATEWAY_API_RESOURCES, ...ADMIN_POLICY_API_RESOURCES];
    server = await startFixtureApiServer({ objects: shopCluster(), apiResources });
    await readCluster({ kubeconfig: await server.writeKubeconfig(dir), secretMetadata: true });
    const allowed = new Set(grants(rulesOf(true)).map((g) => g.split(' ')[0]));
    const listed = [
      ...new Set(server.requests.filter((r) => r.verb === 'list').map((r) => `${r.group!}/${r.resource!}`)),
    ];
    expect(listed.filter((l) => !allowed.has(l))).toEqual([]);
    // and every kind it wants that this server serves: each listed once
    const served = new Set(apiResources.map((r) => `${r.group}/${r.name}`));
    const wanted = [...READ_KINDS, SECRET_KIND]
      .map((k) => `${k.group}/${k.resource}`)
      .filter((k) => served.has(k));
    expect(listed.sort()).toEqual(wanted.sort());
    expect(listed).toHaveLength(42);
  });

  it('the reader reads every kind a built-in rule targets (Secrets only with --secret-metadata)', () => {
    const read = new Set(READ_KINDS.map((k) => k.kind));
    expect([...knownKinds(BUILTIN_RULES)].filter((k) => !read.has(k)).sort()).toEqual(['Secret']);
  });
});
