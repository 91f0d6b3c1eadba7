/**
 * `kubeward rbac …` as users run it (the built CLI in a child process): exit codes (0, 1 for a
 * "no" of `rbac can … <verb> <resource>`, 2 for usage and input errors), the JSON shapes the
 * README documents, and bad input reported with file:line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');
const SHOP = 'examples/insecure-shop';
const LOG = 'test/fixtures/audit/shop-audit.jsonl';

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(args: string[], code: number, cwd = root): T {
  const r = run(args, cwd);
  expect({ args, code: r.code }).toEqual({ args, code });
  return JSON.parse(r.stdout) as T;
}

const shopAdmin = {
  binding: {
    kind: 'RoleBinding',
    namespace: 'shop',
    name: 'shop-admin',
    file: `${SHOP}/rbac.yaml`,
    line: 11,
  },
  role: { kind: 'Role', namespace: 'shop', name: 'shop-admin', file: `${SHOP}/rbac.yaml`, line: 1 },
};

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-rbac-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('kubeward rbac can', () => {
  it('lists effective permissions with the binding and role that grant each', () => {
    const doc = json<{ subject: string; permissions: { namespace: string }[] }>(
      ['rbac', 'can', 'sa:shop:default', SHOP, '-f', 'json'],
      0,
    );
    expect(doc.subject).toBe('sa:shop:default');
    expect(doc.permissions.filter((p) => p.namespace === 'shop')).toEqual([
      {
        verbs: ['*'],
        apiGroups: ['*'],
        resources: ['*'],
        resourceNames: [],
        nonResourceURLs: [],
        namespace: 'shop',
        grantedBy: [shopAdmin],
      },
    ]);
    // the default policy's discovery, basic-user, public-info and issuer-discovery grants, cluster-wide
    expect(doc.permissions.filter((p) => p.namespace === '*')).toHaveLength(5);
  });

  it('with -n lists what holds in that namespace: its RoleBindings’ rules and the cluster-wide ones', () => {
    const args = ['rbac', 'can', 'sa:shop:default', SHOP, '-f', 'json'];
    type Doc = { permissions: { namespace: string }[] };
    expect(json<Doc>([...args, '-n', 'shop'], 0).permissions.map((p) => p.namespace)).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
      'shop',
    ]);
    expect(json<Doc>([...args, '-n', 'billing'], 0).permissions.map((p) => p.namespace)).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
    ]);
  });

  it('answers yes with exit 0 and the grant, no with exit 1, as kubectl auth can-i', () => {
    expect(
      json(['rbac', 'can', 'sa:shop:default', 'get', 'secrets', '-n', 'shop', SHOP, '-f', 'json'], 0),
    ).toEqual({
      subject: 'sa:shop:default',
      request: {
        verb: 'get',
        apiGroup: '',
        resource: 'secrets',
        subresource: '',
        namespace: 'shop',
        name: '',
      },
      allowed: true,
      grantedBy: [shopAdmin],
    });
    const no = run(['rbac', 'can', 'sa:shop:default', 'get', 'nodes', SHOP]);
    expect([no.code, no.stdout]).toEqual([1, 'no: sa:shop:default cannot get nodes (cluster-wide)\n']);
    // a Role cannot grant a cluster-scoped resource, whatever namespace is asked
    expect(run(['rbac', 'can', 'sa:shop:default', 'get', 'nodes/proxy', '-n', 'shop', SHOP]).code).toBe(1);
    expect(
      run([
        'rbac',
        'can',
        'sa:shop:default',
        'create',
        'deployments.apps/scale',
        '-n',
        'shop',
        '--name',
        'cart',
        SHOP,
      ]).code,
    ).toBe(0);
  });

  it('takes the word after the subject as a path when a file or folder of that name exists', () => {
    const dir = tmp({ 'get/rbac.yaml': readFileSync(join(root, SHOP, 'rbac.yaml'), 'utf8') });
    const doc = json<{ permissions: { namespace: string }[] }>(
      ['rbac', 'can', 'sa:shop:default', 'get', '-f', 'json'],
      0,
      dir,
    );
    expect(doc.permissions.some((p) => p.namespace === 'shop')).toBe(true);
  });

  it.each([
    [
      ['rbac', 'can', 'default', SHOP],
      '"default" is not a subject: use sa:<namespace>:<name>, user:<name> or group:<name>',
    ],
    [['rbac', 'can', 'sa:shop:default', 'get'], 'rbac can sa:shop:default get: name a resource too'],
    [['rbac', 'can', 'sa:shop:default'], 'no input: give files, folders, or - for standard input'],
    [['rbac', 'can', 'sa:shop:default', 'get', 'Pods!', SHOP], '"Pods!" is not a resource'],
    [
      ['rbac', 'can', 'sa:shop:default', SHOP, '-f', 'yaml'],
      '--format must be one of text, json, not "yaml"',
    ],
    [['rbac', 'matrix', 'sa:shop', SHOP], '"sa:shop" is not a subject'],
  ])('usage error: %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('gives a user the groups of the configuration’s users key, plus system:authenticated', () => {
    const dir = tmp({
      '.kubeward.yaml': 'users:\n  alice: [shop-devs]\n',
      'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: devs-edit, namespace: shop }
subjects: [{ kind: Group, name: shop-devs, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io }
`,
    });
    const yes = run(['rbac', 'can', 'user:alice', 'create', 'deployments', '-n', 'shop', 'rbac.yaml'], dir);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('granted by RoleBinding shop/devs-edit (rbac.yaml:1) → ClusterRole edit');
    expect(
      run(
        ['rbac', 'can', 'user:alice', 'create', 'deployments', '-n', 'shop', 'rbac.yaml', '--no-config'],
        dir,
      ).code,
    ).toBe(1);
    // edit does not grant roles: no escalation through the default roles
    expect(run(['rbac', 'can', 'user:alice', 'create', 'roles', '-n', 'shop', 'rbac.yaml'], dir).code).toBe(
      1,
    );
  });

  it('reports a bad users key with file and line', () => {
    const dir = tmp({
      '.kubeward.yaml': 'failOn: high\nusers:\n  alice: shop-devs\n',
      'x.yaml': 'kind: Namespace\napiVersion: v1\nmetadata: { name: a }\n',
    });
    const r = run(['rbac', 'can', 'user:alice', 'x.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `kubeward: ${join(dir, '.kubeward.yaml')}:3: users.alice must be a list of strings\n`,
    );
  });

  it('reports a bad binding subject with file:line and still answers', () => {
    const dir = tmp({
      'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: odd, namespace: shop }
subjects:
  - { kind: Robot, name: r2 }
  - { kind: ServiceAccount, name: web }
roleRef: { kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io }
`,
    });
    const r = run(['rbac', 'can', 'sa:shop:web', 'list', 'pods', '-n', 'shop', 'rbac.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'error: rbac.yaml:1: RoleBinding shop/odd: subjects[0].kind: unsupported subject kind "Robot" (use User, Group or ServiceAccount)\n',
    );
  });

  it('exits 2 when nothing could be read', () => {
    const r = run(['rbac', 'can', 'sa:shop:web', 'no-such-folder/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: no-such-folder\/: .*\nkubeward: nothing could be read \(see the errors above\)\n$/,
    );
  });
});

describe('kubeward rbac who-can', () => {
  it('lists subjects with their grants and the workloads running as each', () => {
    const doc = json<{ subjects: { kind: string; namespace: string; name: string }[] }>(
      ['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', SHOP, '-f', 'json'],
      0,
    );
    expect(doc.subjects.map((s) => `${s.kind} ${s.namespace}/${s.name}`)).toEqual([
      'Group /system:masters',
      'ServiceAccount shop/default',
      'User /system:kube-controller-manager',
    ]);
    expect(doc.subjects[1]).toEqual({
      kind: 'ServiceAccount',
      namespace: 'shop',
      name: 'default',
      grantedBy: [shopAdmin],
      workloads: [
        'shop/Deployment/cart',
        'shop/CronJob/db-backup',
        'shop/Deployment/frontend',
        'shop/DaemonSet/log-agent',
        'shop/Deployment/payments',
        'shop/StatefulSet/redis',
      ],
    });
  });
});

describe('kubeward rbac matrix', () => {
  it('gives resources x verbs, namespaced ones with -n', () => {
    const doc = json<{
      namespace: string;
      verbs: string[];
      resources: { resource: string; access: Record<string, string> }[];
    }>(['rbac', 'matrix', 'sa:shop:default', '-n', 'shop', SHOP, '-f', 'json'], 0);
    expect(doc.verbs).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
    expect(doc.resources.find((r) => r.resource === 'secrets')?.access).toEqual({
      get: 'yes',
      list: 'yes',
      watch: 'yes',
      create: 'yes',
      update: 'yes',
      patch: 'yes',
      delete: 'yes',
    });
    const cluster = json<{ resources: { resource: string; access: Record<string, string> }[] }>(
      ['rbac', 'matrix', 'sa:shop:default', SHOP, '-f', 'json'],
      0,
    );
    // cluster-wide only the default policy's self-reviews: the Role holds in shop alone
    expect(
      cluster.resources
        .filter((r) => Object.values(r.access).includes('yes'))
        .map((r) => [r.resource, r.access.create]),
    ).toEqual([
      ['selfsubjectreviews', 'yes'],
      ['selfsubjectaccessreviews', 'yes'],
      ['selfsubjectrulesreviews', 'yes'],
    ]);
  });
});

describe('kubeward rbac workloads', () => {
  it('shows per workload its service account, the token mount and who decided it, and the risky permissions', () => {
    const dir = tmp({
      'app.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: { name: a, namespace: shop }
spec: { serviceAccountName: quiet, containers: [{ name: c, image: x }] }
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: shop }
spec: { serviceAccountName: quiet, automountServiceAccountToken: true, containers: [{ name: c, image: x }] }
---
apiVersion: v1
kind: Pod
metadata: { name: c, namespace: shop }
spec: { containers: [{ name: c, image: x }] }
`,
    });
    const doc = json<{ workloads: unknown[] }>(
      ['rbac', 'workloads', 'app.yaml', join(root, SHOP, 'rbac.yaml'), '-f', 'json'],
      0,
      dir,
    );
    const admin = [
      'namespace-admin',
      'read-secrets',
      'create-pods',
      'exec',
      'impersonate',
      'escalate-bind',
      'create-tokens',
    ];
    expect(doc.workloads).toEqual([
      {
        workload: 'shop/Pod/a',
        file: 'app.yaml',
        line: 5,
        serviceAccount: 'quiet',
        tokenMounted: false,
        tokenDecidedBy: 'serviceAccount',
        risks: [],
      },
      {
        workload: 'shop/Pod/b',
        file: 'app.yaml',
        line: 10,
        serviceAccount: 'quiet',
        tokenMounted: true,
        tokenDecidedBy: 'pod',
        risks: [],
      },
      {
        workload: 'shop/Pod/c',
        file: 'app.yaml',
        line: 15,
        serviceAccount: 'default',
        tokenMounted: true,
        tokenDecidedBy: 'default',
        risks: admin.map((id) => ({ id, access: 'yes' })),
      },
    ]);
  });
});

describe('kubeward rbac generate', () => {
  it('writes roles from the log, reports malformed lines with their number and skips them', () => {
    const r = run(['rbac', 'generate', '--audit-log', LOG, '--subject', 'sa:shop:default']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `error: ${LOG}:11: not valid JSON (Expected ',' or '}' after property value in JSON at position 142)\n` +
        `error: ${LOG}:17: not valid JSON (Unexpected token 'h', "this line i"... is not valid JSON)\n`,
    );
    expect(r.stdout.split('\n---\n').map((d) => /kind: (\w+)\n/.exec(d)?.[1])).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
    ]);
    expect(r.stdout.startsWith('---\n# sa:shop:default: 11 requests of the audit log\n')).toBe(true);
  });

  it('reads a gzipped log and a JSON array alike', () => {
    const dir = tmp({});
    writeFileSync(join(dir, 'audit.log.gz'), gzipSync(readFileSync(join(root, LOG))));
    expect(run(['rbac', 'generate', '--audit-log', join(dir, 'audit.log.gz')]).stdout).toBe(
      run(['rbac', 'generate', '--audit-log', LOG]).stdout,
    );
    const list = json<{ kind: string; items: { kind: string }[] }>(
      ['rbac', 'generate', '--audit-log', 'test/fixtures/audit/alice-audit.json', '-f', 'json'],
      0,
    );
    expect([list.kind, list.items.map((i) => i.kind)]).toEqual(['List', ['Role', 'RoleBinding']]);
  });

  it('exits 2 when nothing in the log is usable, or nothing is the subject’s', () => {
    const dir = tmp({ 'bad.jsonl': 'nope\n{"kind":"Event"}\n' });
    const bad = run(['rbac', 'generate', '--audit-log', 'bad.jsonl'], dir);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      `error: bad.jsonl:1: not valid JSON (Unexpected token 'o', "nope" is not valid JSON)\n` +
        'error: bad.jsonl:2: event has no stage\n' +
        'kubeward: bad.jsonl: no usable request (ResponseComplete audit events) in the audit log\n',
    ]);
    const none = run(['rbac', 'generate', '--audit-log', LOG, '--subject', 'sa:shop:web']);
    expect([none.code, none.stderr.split('\n').at(-2)]).toEqual([
      2,
      `kubeward: ${LOG}: no request of sa:shop:web in the audit log`,
    ]);
    expect(run(['rbac', 'generate', '--audit-log', 'missing.jsonl']).code).toBe(2);
    expect(run(['rbac', 'generate']).code).toBe(2);
  });
});

describe('kubeward rbac unused', () => {
  it('counts per subject the permissions granted and never used', () => {
    const doc = json<{
      subjects: {
        subject: string;
        requests: number;
        granted: number;
        used: number;
        unused: number;
        unusedPermissions: unknown[];
      }[];
    }>(['rbac', 'unused', '--audit-log', LOG, SHOP, '-f', 'json'], 0);
    expect(
      doc.subjects.map(({ unusedPermissions, ...rest }) => ({ ...rest, listed: unusedPermissions.length })),
    ).toEqual([
      { subject: 'sa:shop:default', requests: 11, granted: 280, used: 8, unused: 272, listed: 272 },
    ]);
    expect(doc.subjects[0]!.unusedPermissions[0]).toEqual({
      verb: 'get',
      apiGroup: '',
      resource: 'bindings',
      resourceNames: [],
      namespace: 'shop',
      grantedBy: [shopAdmin],
    });
  });
});
