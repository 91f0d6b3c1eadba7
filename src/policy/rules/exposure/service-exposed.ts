import { asRecord, asStringMap } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { formatLabels } from '../../../k8s/selectorText.js';
import { describeServicePorts, serviceType } from './servicePorts.js';
import { describeWorkloads, workloadsSelectedBy } from './serviceTargets.js';

export const serviceExposed = defineRule({
  id: 'service-exposed',
  title: 'Service exposed outside the cluster (NodePort / LoadBalancer)',
  category: 'exposure',
  severity: 'medium',
  description:
    'A Service with `spec.type` `NodePort` or `LoadBalancer`. The message names its ports and the workloads of the input whose pod labels ' +
    'its `spec.selector` matches (same namespace, every pair equal), so each entry point is tied to the code behind it. Ingress and Gateway ' +
    'API routes are the intended HTTP entry points and are not reported here (see ingress-no-tls, gateway-exposure).',
  rationale:
    "A NodePort opens the port on every node of the cluster, usually bypassing the load balancer's and ingress controller's TLS, " +
    'authentication and WAF; a LoadBalancer typically gets a public address. Either makes the selected pods directly reachable from ' +
    'outside, the first step of exploiting a public-facing application (T1190) and a target for scanning (T1046). Medium: exposure is ' +
    'sometimes the purpose, but each one should be a deliberate, reviewed decision.',
  remediation:
    'Use `type: ClusterIP` behind an Ingress or Gateway that terminates TLS and authenticates; if a LoadBalancer is needed, restrict it with ' +
    '`spec.loadBalancerSourceRanges` or make it internal (cloud annotation), and isolate the selected pods with a NetworkPolicy.',
  references: {
    nsa: ['Network separation and hardening'],
    mitre: ['T1190', 'T1046'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ],
  },
  targets: ['Service'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const type = serviceType(resource);
    if (type !== 'NodePort' && type !== 'LoadBalancer') return;
    const where = type === 'NodePort' ? "on every node's IP" : 'outside the cluster';
    const selector = asStringMap(asRecord(resource.object.spec)?.selector);
    const workloads = workloadsSelectedBy(model, resource);
    let to: string;
    if (workloads.length > 0) to = describeWorkloads(workloads);
    else if (Object.keys(selector).length > 0)
      to = `pods labelled ${formatLabels(selector)} (no workload of the input)`;
    else to = 'hand-managed endpoints (no selector)';
    yield {
      message: `Service of type ${type} exposes ${describeServicePorts(resource)} ${where}, to ${to}`,
      path: ['spec', 'type'],
    };
  },
});
