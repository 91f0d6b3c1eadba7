import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../k8s/resource.js';
import { parseManifestText } from '../../../load/parse.js';
import { buildModelIndex } from '../../../model/build.js';
import { describeWorkloads, workloadsSelectedBy } from './serviceTargets.js';

function resourcesOf(yaml: string): readonly Resource[] {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return parsed.resources;
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
  const resources = resourcesOf(
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
  const model = buildModelIndex(resources);
  const service = (name: string) => resources.find((r) => r.ref.kind === 'Service' && r.ref.name === name)!;
  const names = (svc: string) => workloadsSelectedBy(model, service(svc)).map((w) => w.ref.name);

  it('matches every selector pair, in the Service namespace, skipping PodTemplates', () => {
    expect(names('web')).toEqual(['a', 'b']);
  });

  it('a Service without selector selects nothing', () => {
    expect(names('none')).toEqual([]);
  });

  it('describes up to three workloads, then counts', () => {
    const all = model.model.workloads.filter((w) => w.ref.kind === 'Deployment');
    expect(describeWorkloads(all.slice(0, 1))).toBe('Deployment shop/a');
    expect(describeWorkloads(all.slice(0, 2))).toBe('Deployment shop/a and Deployment shop/b');
    expect(describeWorkloads(all.slice(0, 3))).toBe(
      'Deployment shop/a, Deployment shop/b and Deployment shop/c',
    );
    expect(describeWorkloads(all)).toBe('Deployment shop/a, Deployment shop/b, Deployment shop/c and 1 more');
  });
});
