import { asArray, asRecord } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { serviceType } from './servicePorts.js';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** Cloud annotations that make the load balancer internal (reachable from the VPC only), with the values that do. */
const INTERNAL: readonly (readonly [string, (v: string) => boolean])[] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (v) => v.toLowerCase() !== 'false'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (v) => v === 'internal'],
  ['networking.gke.io/load-balancer-type', (v) => v === 'Internal'],
  ['cloud.google.com/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (v) => v === 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', (v) => v === 'true'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', (v) => v === 'true'],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', (v) => v === 'intranet'],
];

const OPEN = new Set(['0.0.0.0/0', '::/0']);

export const lbNoSourceRanges = defineRule({
  id: 'lb-no-source-ranges',
  title: 'LoadBalancer accepts traffic from any address',
  category: 'exposure',
  severity: 'medium',
  description:
    'A Service of `type: LoadBalancer` with neither `spec.loadBalancerSourceRanges` nor the ' +
    '`service.beta.kubernetes.io/load-balancer-source-ranges` annotation, or whose ranges include `0.0.0.0/0` or `::/0`. Load balancers ' +
    'made internal by a cloud annotation (AWS, GKE, Azure, OCI, OpenStack, Alibaba) are skipped.',
  rationale:
    'An unrestricted cloud load balancer is reachable from the whole internet, so every vulnerability and weak credential of the workload ' +
    'behind it can be found by mass scanning and exploited (T1190, T1046, T1110 brute force). Source ranges are the cheapest layer of ' +
    'defence for services that only partners, offices or other VPCs need. Medium: public exposure is sometimes the point (a public website), ' +
    'in which case the finding should be waived with that reason.',
  remediation:
    'Set `spec.loadBalancerSourceRanges: [203.0.113.0/24]` to the networks that need access, or make the load balancer internal with the ' +
    'cloud annotation, or publish through an Ingress/Gateway with authentication.',
  references: {
    mitre: ['T1190', 'T1046', 'T1110'],
    links: [
      'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#restrict-access-to-the-load-balancer',
    ],
  },
  targets: ['Service'],
  *check({ resource }): Iterable<Report> {
    if (serviceType(resource) !== 'LoadBalancer') return;
    const annotations = resource.annotations;
    for (const [key, isInternal] of INTERNAL) {
      const value = annotations[key];
      if (value !== undefined && isInternal(value.trim())) return;
    }
    const ranges = asArray(asRecord(resource.object.spec)?.loadBalancerSourceRanges);
    const annotated = annotations[SOURCE_RANGES_ANNOTATION];
    if (ranges.length === 0 && (annotated === undefined || annotated.trim() === '')) {
      yield {
        message:
          'Service of type LoadBalancer has no spec.loadBalancerSourceRanges: it accepts connections from any address',
        path: ['spec', 'loadBalancerSourceRanges'],
      };
      return;
    }
    for (const [i, range] of ranges.entries()) {
      if (typeof range === 'string' && OPEN.has(range.trim())) {
        yield {
          message: `spec.loadBalancerSourceRanges[${i}] "${range}" admits every address`,
          path: ['spec', 'loadBalancerSourceRanges', i],
        };
      }
    }
    // The annotation is used only when the field is empty (the cloud providers' GetLoadBalancerSourceRanges).
    if (ranges.length === 0 && annotated !== undefined) {
      for (const range of annotated.split(',').map((r) => r.trim())) {
        if (!OPEN.has(range)) continue;
        yield {
          message: `annotation ${SOURCE_RANGES_ANNOTATION} includes "${range}", which admits every address`,
          path: ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION],
        };
      }
    }
  },
});
