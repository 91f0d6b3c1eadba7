import type { FieldPath } from '../../../k8s/fieldPath.js';
import { asRecord, asStringMap } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { formatLabels } from '../../../k8s/selectorText.js';
import {
  ingressBackends,
  isGatewayApiRoute,
  routeBackends,
  ROUTE_KINDS,
  type ServiceRef,
} from './backends.js';
import { serviceType } from './servicePorts.js';
import { namespaceIn, workloadsSelectedBy } from './serviceTargets.js';

const MAYBE_INTENTIONAL = 'this may be intentional if it is deployed from elsewhere';

export const danglingBackend = defineRule({
  id: 'dangling-backend',
  title: 'Service or route backend matches nothing in the input',
  category: 'exposure',
  severity: 'low',
  description:
    'A Service whose `spec.selector` (non-empty; ExternalName Services excluded) matches the pod labels of no workload of its namespace in ' +
    'the input; an Ingress backend (`service.name`, or v1beta1 `serviceName`) or a Gateway API route `backendRef` of kind Service that names ' +
    'a Service absent from the input. Namespaces with no workload (for selectors) or no Service (for backends) in the input are skipped: ' +
    'the input evidently does not hold them.',
  rationale:
    'Traffic sent to a dangling selector goes to whatever pod later carries those labels: anyone able to create a pod in the namespace ' +
    "can receive the Service's traffic, including credentials sent to it (T1557). A backend that names a missing Service can be claimed " +
    'the same way by creating a Service of that name. Mostly a sign of a typo or a removed app. Low, and possibly intentional when the ' +
    'pieces are deployed from different sources.',
  remediation:
    'Fix the selector or backend name to the intended workload or Service, or delete the stale Service/route/backend.',
  references: {
    mitre: ['T1557'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  },
  targets: ['Service', 'Ingress', ...ROUTE_KINDS],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const namespace = namespaceIn(model, resource);
    if (resource.ref.kind === 'Service') {
      if (serviceType(resource) === 'ExternalName') return;
      const selector = asStringMap(asRecord(resource.object.spec)?.selector);
      if (Object.keys(selector).length === 0 || model.podWorkloadsIn(namespace).length === 0) return;
      if (workloadsSelectedBy(model, resource).length > 0) return;
      yield {
        message: `Service selector ${formatLabels(selector)} matches no workload in namespace "${namespace}" of the input: any pod that later carries these labels receives its traffic (${MAYBE_INTENTIONAL})`,
        path: ['spec', 'selector'],
      };
      return;
    }
    let refs: ServiceRef[];
    if (resource.ref.kind === 'Ingress') refs = ingressBackends(resource, namespace);
    else if (isGatewayApiRoute(resource)) refs = routeBackends(resource, namespace);
    else return;
    for (const ref of refs) {
      if (model.servicesIn(ref.namespace).length === 0) continue;
      if (model.service(ref.namespace, ref.name) !== undefined) continue;
      const path: FieldPath = ref.path;
      yield {
        message: `backend Service "${ref.name}" does not exist in namespace "${ref.namespace}" of the input (${MAYBE_INTENTIONAL})`,
        path,
      };
    }
  },
});
