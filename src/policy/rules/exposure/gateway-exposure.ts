import { describeRef } from '../../../k8s/resource.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { isGatewayApiRoute, routeBackends, routeGateways, ROUTE_KINDS } from './backends.js';
import { describeWorkloads, namespaceIn } from './serviceTargets.js';

const ISTIO_API = /^networking\.istio\.io\//;

export const gatewayExposure = defineRule({
  id: 'gateway-exposure',
  title: 'Workload exposed through a Gateway (Gateway API route, Istio Gateway)',
  category: 'exposure',
  severity: 'low',
  description:
    'Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute of `gateway.networking.k8s.io`) attached to a Gateway through ' +
    '`spec.parentRefs`: one finding per Service `backendRef` (`spec.rules[].backendRefs[]`), naming the Gateways and the workloads the ' +
    'Service selects. Istio `Gateway` objects (`networking.istio.io`): one finding per `spec.servers[]`, naming its port, protocol and hosts. ' +
    'Routes without parentRefs are not attached and not reported; Gateway API `Gateway` objects are reported through their routes.',
  rationale:
    'A gateway is an entry point from outside the cluster: every backend it routes to can be attacked directly (T1190), and wildcard hosts ' +
    'or L4 routes (TCPRoute, UDPRoute, TLS passthrough) bypass the HTTP-level controls the gateway may apply. The finding maps each entry ' +
    'point to the workloads behind it so that exposure is reviewed deliberately. Low: routing through a gateway is the intended, controlled ' +
    'way to publish a service; whether the gateway is internet-facing depends on its class and address, which manifests rarely show.',
  remediation:
    'Check that each exposed backend is meant to be public; restrict hosts (no `*`), terminate TLS at the gateway, attach authentication ' +
    '(Istio AuthorizationPolicy/RequestAuthentication, gateway filters) and use internal Gateways for internal services.',
  references: {
    mitre: ['T1190'],
    links: [
      'https://gateway-api.sigs.k8s.io/concepts/api-overview/',
      'https://istio.io/latest/docs/reference/config/networking/gateway/',
    ],
  },
  targets: [...ROUTE_KINDS, 'Gateway'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const namespace = namespaceIn(model, resource);
    if (resource.ref.kind === 'Gateway') {
      if (!ISTIO_API.test(resource.ref.apiVersion)) return;
      for (const [i, raw] of asArray(asRecord(resource.object.spec)?.servers).entries()) {
        const server = asRecord(raw);
        const port = asRecord(server?.port);
        const hosts = asArray(server?.hosts).filter((h): h is string => typeof h === 'string');
        yield {
          message: `Istio Gateway accepts ${asString(port?.protocol) ?? 'traffic'} on port ${typeof port?.number === 'number' ? port.number : '?'} for hosts ${hosts.map((h) => `"${h}"`).join(', ') || '(none)'} from outside the mesh`,
          path: ['spec', 'servers', i],
        };
      }
      return;
    }
    if (!isGatewayApiRoute(resource)) return;
    const gateways = routeGateways(resource, namespace);
    if (gateways.length === 0) return;
    const via = `${resource.ref.kind} attached to Gateway${gateways.length === 1 ? '' : 's'} ${gateways.join(', ')}`;
    for (const ref of routeBackends(resource, namespace)) {
      const service = model.service(ref.namespace, ref.name);
      const name = describeRef({
        apiVersion: 'v1',
        kind: 'Service',
        namespace: ref.namespace,
        name: ref.name,
      });
      let behind: string;
      if (service === undefined) behind = 'not in the input';
      else {
        const workloads = model.workloadsSelectedBy(service);
        behind = workloads.length > 0 ? describeWorkloads(workloads) : 'no workload of the input';
      }
      yield { message: `${via} sends traffic to ${name} (${behind})`, path: ref.path };
    }
  },
});
