/**
 * Findings carry the exact line and column of the offending field, resolved lazily
 * from the source text, for YAML streams, `List` dumps and JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { privilegedContainer } from '../../src/policy/rules/pod-security/privileged-container.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-loc-'));

async function locate(name: string, text: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  const result = await scan([p], { rules: [privilegedContainer] });
  return result.findings.map((f) => `${f.resource.name} ${f.location.line}:${f.location.column} ${f.path}`);
}

describe('finding locations', () => {
  it('multi-document YAML with comments and a leading document marker', async () => {
    const text = `# generated
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
# a comment inside the document
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: x:1
  - name: b
    image: x:1
    securityContext: {privileged: true}
`;
    expect(await locate('multi.yaml', text)).toEqual([
      'p 18:23 spec.containers[1].securityContext.privileged',
    ]);
  });

  it('items of a kubectl List dump', async () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: first}
  spec:
    containers: [{name: a, image: x:1}]
- apiVersion: v1
  kind: Pod
  metadata: {name: second}
  spec:
    containers:
    - name: a
      image: x:1
      securityContext:
        privileged: true
`;
    expect(await locate('list.yaml', text)).toEqual([
      'second 17:9 spec.containers[0].securityContext.privileged',
    ]);
  });

  it('JSON from kubectl get -o json', async () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'j' },
          spec: { containers: [{ name: 'a', image: 'x:1', securityContext: { privileged: true } }] },
        },
      ],
    };
    expect(await locate('pods.json', JSON.stringify(obj, null, 2))).toEqual([
      'j 17:15 spec.containers[0].securityContext.privileged',
    ]);
  });

  it('a CRLF file', async () => {
    const text =
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: w\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: x:1\r\n    securityContext:\r\n      privileged: true\r\n';
    expect(await locate('crlf.yaml', text)).toEqual(['w 10:7 spec.containers[0].securityContext.privileged']);
  });
});
