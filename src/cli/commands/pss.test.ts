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
  it('prints an aligned table and what blocks each next level', async () => {
    const o = io();
    expect(await runPssPlan([file], { format: 'text', pssVersion: 'latest' }, o)).toBe(0);
    expect(o.out.join('')).toBe(
      [
        'Pod Security Standards roll-out plan (policy version latest)',
        '',
        'NAMESPACE   WORKLOADS  ENFORCE LABEL          STRICTEST OK  BLOCKING NEXT LEVEL     ACTION',
        'monitoring  1          (no Namespace object)  privileged    baseline: 1 workload    label enforce=privileged',
        'shop        1          restricted:latest      baseline      restricted: 1 workload  current label rejects workloads; fix them or relax to baseline',
        '',
        'monitoring: baseline is blocked by',
        `  Pod monitoring/agent  ${file}:16`,
        '    hostNamespaces  host namespaces (hostPID=true)',
        '',
        'shop: restricted is blocked by',
        `  Deployment shop/web  ${file}:8`,
        '    allowPrivilegeEscalation   allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)',
        '    capabilities_restricted    unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])',
        '    runAsNonRoot               runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)',
        '    seccompProfile_restricted  seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
        '',
      ].join('\n'),
    );
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
    await runPssPlan([file], { format: 'markdown', pssVersion: 'latest' }, o);
    const text = o.out.join('');
    expect(text).toContain(
      '| `shop` | 1 | `restricted:latest` | **baseline** | restricted: 1 workload | current label rejects workloads; fix them or relax to baseline |',
    );
    expect(text).toContain(
      '<details><summary><code>monitoring</code>: what blocks <b>baseline</b></summary>',
    );
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
