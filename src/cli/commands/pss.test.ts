import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';
import { runPssPlan } from './pss.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-pss-plan-'));
writeFileSync(join(dir, '.kubeward.yaml'), '{}\n');
writeFileSync(
  join(dir, 'app.yaml'),
  `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: monitoring}
spec:
  hostPID: true
  containers: [{name: agent, image: agent}]
`,
);

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(''),
    cwd: dir,
    color: false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

const file = join(dir, 'app.yaml');

describe('kubeward pss plan', () => {
  it('prints the plan for people, each blocker at the line of its kind (report/pssPlan.test.ts has the layout)', async () => {
    const o = io();
    expect(await runPssPlan([file], { format: 'text', pssVersion: 'latest' }, o)).toBe(0);
    const text = o.out.join('');
    expect(text).toMatch(/^Pod Security Standards roll-out plan \(policy version latest\)\n/);
    expect(text).toContain(`\n  Pod monitoring/agent  ${file}:16\n`);
    expect(text).toContain(`\n  Deployment shop/web  ${file}:8\n`);
    expect(o.err).toEqual([]);
  });

  it('writes the documented JSON shape', async () => {
    const o = io();
    await runPssPlan([file], { format: 'json', pssVersion: 'v1.30' }, o);
    const json = JSON.parse(o.out.join(''));
    expect(json.schemaVersion).toBe('1');
    expect(json.policyVersion).toBe('v1.30');
    expect(json.errors).toEqual([]);
    expect(json.namespaces[1]).toEqual({
      namespace: 'shop',
      declared: true,
      currentEnforce: { level: 'restricted', version: 'latest' },
      workloads: 1,
      strictestLevel: 'baseline',
      nextLevel: 'restricted',
      labelStatus: 'rejects-workloads',
      blockers: [
        {
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
          location: { file, line: 8 },
          checks: expect.arrayContaining([
            {
              id: 'runAsNonRoot',
              reason: 'runAsNonRoot != true',
              detail: 'pod or container "web" must set securityContext.runAsNonRoot=true',
              containers: ['web'],
            },
          ]),
        },
      ],
    });
  });

  it('writes a markdown table for pull requests', async () => {
    const o = io();
    expect(await runPssPlan([file], { format: 'markdown', pssVersion: 'latest' }, o)).toBe(0);
    expect(o.out.join('')).toContain(`- \`Deployment shop/web\` (\`${file}:8\`)\n`);
  });

  it('rejects a bad version, a bad format and no paths with usage errors', async () => {
    await expect(runPssPlan([file], { format: 'text', pssVersion: '1.30' }, io())).rejects.toThrow(
      UsageError,
    );
    await expect(runPssPlan([file], { format: 'yaml', pssVersion: 'latest' }, io())).rejects.toThrow(
      UsageError,
    );
    await expect(runPssPlan([], { format: 'text', pssVersion: 'latest' }, io())).rejects.toThrow(UsageError);
  });

  it('fails with an input error when nothing could be read', async () => {
    const o = io();
    await expect(
      runPssPlan([join(dir, 'missing.yaml')], { format: 'text', pssVersion: 'latest' }, o),
    ).rejects.toThrow(InputError);
    expect(o.err.join('')).toContain('missing.yaml');
  });
});
