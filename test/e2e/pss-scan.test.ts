/**
 * Where `kubeward scan` takes the Pod Security Standards level from: `--pss` (or the
 * config) everywhere; otherwise the namespace's enforce label; otherwise no pss-* findings,
 * because the pod-security rules already report the same controls.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-pss-'));
const file = join(dir, 'app.yaml');
writeFileSync(
  file,
  `apiVersion: v1
kind: Namespace
metadata:
  name: locked
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
---
apiVersion: v1
kind: Pod
metadata: {name: in-locked, namespace: locked}
spec:
  hostPID: true
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: in-open, namespace: open}
spec:
  hostPID: true
  containers: [{name: app, image: nginx:1.27}]
`,
);

const pssFindings = async (pss?: { level: 'baseline' | 'restricted'; version: string }) =>
  (await scan([file], pss ? { pss } : {})).findings
    .filter((f) => f.ruleId.startsWith('pss-'))
    .map((f) => `${f.resource.name} ${f.ruleId}: ${f.message}`);

describe('PSS level in scan', () => {
  it('without --pss: only namespaces with an enforce label get pss findings, at their label', async () => {
    expect(await pssFindings()).toEqual([
      'in-locked pss-host-namespaces: violates PodSecurity "baseline:v1.30": host namespaces (hostPID=true) [level from namespace label]',
    ]);
  });

  it('--pss decides for every namespace and wins over the label', async () => {
    const found = await pssFindings({ level: 'baseline', version: 'v1.25' });
    expect(found).toEqual([
      'in-locked pss-host-namespaces: violates PodSecurity "baseline:v1.25": host namespaces (hostPID=true) [level from --pss or config]',
      'in-open pss-host-namespaces: violates PodSecurity "baseline:v1.25": host namespaces (hostPID=true) [level from --pss or config]',
    ]);
  });
});
