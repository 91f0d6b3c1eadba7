import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../k8s/inventory.js';
import { parseManifestText } from '../../../load/parse.js';
import { describeWorkloads, workloadsSelectedBy } from './serviceTargets.js';

function inventory(yaml: string): Inventory {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return new Inventory(parsed.resources);
}

const deploy = (name: string, labels: string, ns = 'shop') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

describe('workloadsSelectedBy', () => {
  const inv = inventory(
    [
      deploy('a', '{app: web}'),
      deploy('b', '{app: web, tier: x}'),
      deploy('c', '{app: api}'),
      deploy('d', '{app: web}', 'other'),
      `
apiVersion: v1
kind: PodTemplate
metadata: {name: t, namespace: shop}
template:
  metadata: {labels: {app: web}}
  spec:
    containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: none, namespace: shop}
spec: {}
`,
    ].join('---'),
  );
  const names = (svc: string) =>
    workloadsSelectedBy(inv, inv.get('Service', 'shop', svc)!).map((w) => w.resource.ref.name);

  it('matches every selector pair, in the Service namespace, skipping PodTemplates', () => {
    expect(names('web')).toEqual(['a', 'b']);
  });

  it('a Service without selector selects nothing', () => {
    expect(names('none')).toEqual([]);
  });

  it('describes up to three workloads, then counts', () => {
    const all = [...inv.workloads()].filter((w) => w.resource.ref.kind === 'Deployment');
    expect(describeWorkloads(all.slice(0, 1))).toBe('Deployment shop/a');
    expect(describeWorkloads(all.slice(0, 2))).toBe('Deployment shop/a and Deployment shop/b');
    expect(describeWorkloads(all.slice(0, 3))).toBe(
      'Deployment shop/a, Deployment shop/b and Deployment shop/c',
    );
    expect(describeWorkloads(all)).toBe('Deployment shop/a, Deployment shop/b, Deployment shop/c and 1 more');
  });
});
