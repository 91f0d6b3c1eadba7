/**
 * The Services an Ingress or a Gateway API route sends traffic to, with the field
 * path of each reference.
 *
 * Ingress (networking.k8s.io/v1): `spec.defaultBackend.service.name` and
 * `spec.rules[].http.paths[].backend.service.name`; the v1beta1 form
 * (`spec.backend.serviceName`, `…backend.serviceName`) is read too. A backend is
 * always in the Ingress's namespace; `resource` backends are not Services.
 *
 * Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute):
 * `spec.rules[].backendRefs[]`, whose `group` defaults to "" and `kind` to
 * `Service`, and `namespace` to the route's; `spec.parentRefs[]` name the Gateways
 * a route attaches to (`kind` defaults to Gateway, `namespace` to the route's).
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Resource } from '../../../k8s/resource.js';
import { asArray, asRecord, asString, type JsonRecord } from '../../../k8s/shape.js';

export interface ServiceRef {
  readonly name: string;
  readonly namespace: string;
  /** Path of the reference (the `name` field for Ingress, the backendRef entry for routes). */
  readonly path: FieldPath;
}

export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export function isGatewayApiRoute(resource: Resource): boolean {
  return (
    ROUTE_KINDS.includes(resource.ref.kind) &&
    resource.ref.apiVersion.startsWith('gateway.networking.k8s.io/')
  );
}

function ingressBackend(backend: JsonRecord | undefined, path: FieldPath, namespace: string): ServiceRef[] {
  if (backend === undefined) return [];
  const v1 = asString(asRecord(backend.service)?.name);
  if (v1 !== undefined) return [{ name: v1, namespace, path: [...path, 'service', 'name'] }];
  const beta = asString(backend.serviceName);
  if (beta !== undefined) return [{ name: beta, namespace, path: [...path, 'serviceName'] }];
  return [];
}

/** The Services an Ingress routes to, in document order (default backend first). */
export function ingressBackends(ingress: Resource, namespace: string): ServiceRef[] {
  const spec = asRecord(ingress.object.spec);
  if (spec === undefined) return [];
  const out: ServiceRef[] = [];
  out.push(...ingressBackend(asRecord(spec.defaultBackend), ['spec', 'defaultBackend'], namespace));
  out.push(...ingressBackend(asRecord(spec.backend), ['spec', 'backend'], namespace));
  asArray(spec.rules).forEach((rule, i) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((p, j) => {
      const base: FieldPath = ['spec', 'rules', i, 'http', 'paths', j, 'backend'];
      out.push(...ingressBackend(asRecord(asRecord(p)?.backend), base, namespace));
    });
  });
  return out;
}

/** The Services a Gateway API route sends traffic to, in document order. */
export function routeBackends(route: Resource, namespace: string): ServiceRef[] {
  const out: ServiceRef[] = [];
  asArray(asRecord(route.object.spec)?.rules).forEach((rule, i) => {
    asArray(asRecord(rule)?.backendRefs).forEach((raw, j) => {
      const ref = asRecord(raw);
      const name = asString(ref?.name);
      if (ref === undefined || name === undefined) return;
      if ((asString(ref.group) ?? '') !== '' || (asString(ref.kind) ?? 'Service') !== 'Service') return;
      out.push({
        name,
        namespace: asString(ref.namespace) ?? namespace,
        path: ['spec', 'rules', i, 'backendRefs', j],
      });
    });
  });
  return out;
}

/** `infra/public` for each Gateway a route attaches to (parentRefs of other kinds are skipped). */
export function routeGateways(route: Resource, namespace: string): string[] {
  const out: string[] = [];
  for (const raw of asArray(asRecord(route.object.spec)?.parentRefs)) {
    const ref = asRecord(raw);
    const name = asString(ref?.name);
    if (ref === undefined || name === undefined) continue;
    if ((asString(ref.kind) ?? 'Gateway') !== 'Gateway') continue;
    out.push(`${asString(ref.namespace) ?? namespace}/${name}`);
  }
  return out;
}
