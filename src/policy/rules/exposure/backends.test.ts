import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../load/parse.js';
import { ingressBackends, isGatewayApiRoute, routeBackends, routeGateways } from './backends.js';

function resource(yaml: string) {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return parsed.resources[0]!;
}

describe('ingressBackends', () => {
  it('reads v1 and v1beta1 backends in document order and skips resource backends', () => {
    const ing = resource(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  defaultBackend: {service: {name: fallback}}
  rules:
  - http:
      paths:
      - backend: {service: {name: a}}
      - backend: {resource: {kind: Bucket, name: b}}
      - backend: {serviceName: legacy}
  - host: x
`);
    expect(ingressBackends(ing, 'shop')).toEqual([
      { name: 'fallback', namespace: 'shop', path: ['spec', 'defaultBackend', 'service', 'name'] },
      {
        name: 'a',
        namespace: 'shop',
        path: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name'],
      },
      {
        name: 'legacy',
        namespace: 'shop',
        path: ['spec', 'rules', 0, 'http', 'paths', 2, 'backend', 'serviceName'],
      },
    ]);
  });

  it('does not crash on wrong types', () => {
    expect(
      ingressBackends(
        resource('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: 3}\n'),
        'x',
      ),
    ).toEqual([]);
  });
});

describe('Gateway API routes', () => {
  const route = resource(`
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs:
  - {name: public, namespace: infra}
  - {name: own}
  - {kind: Service, group: "", name: mesh}
  rules:
  - backendRefs:
    - {name: web, port: 80}
    - {name: other, namespace: billing, kind: Service, group: ""}
    - {name: bucket, kind: Bucket, group: example.com}
    - {port: 80}
`);

  it('is recognised by kind and API group', () => {
    expect(isGatewayApiRoute(route)).toBe(true);
    expect(
      isGatewayApiRoute(resource('apiVersion: example.com/v1\nkind: HTTPRoute\nmetadata: {name: r}\n')),
    ).toBe(false);
  });

  it('backendRefs default to core Services in the route namespace', () => {
    expect(routeBackends(route, 'shop')).toEqual([
      { name: 'web', namespace: 'shop', path: ['spec', 'rules', 0, 'backendRefs', 0] },
      { name: 'other', namespace: 'billing', path: ['spec', 'rules', 0, 'backendRefs', 1] },
    ]);
  });

  it('parentRefs default to Gateways in the route namespace', () => {
    expect(routeGateways(route, 'shop')).toEqual(['infra/public', 'shop/own']);
  });
});
