import { ruleTests } from '../../../../test/ruleTester.js';
import { lbNoSourceRanges } from './lb-no-source-ranges.js';

const lb = (extra: string, annotations = '{}') => `
apiVersion: v1
kind: Service
metadata: {name: web, annotations: ${annotations}}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 443}]
${extra}
`;

ruleTests(lbNoSourceRanges, {
  valid: [
    {
      name: 'restricted source ranges',
      yaml: lb('  loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.0/24]'),
    },
    {
      name: 'restricted by the annotation',
      yaml: lb('', '{service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24,10.0.0.0/8"}'),
    },
    { name: 'AWS internal', yaml: lb('', '{service.beta.kubernetes.io/aws-load-balancer-internal: "true"}') },
    {
      name: 'AWS scheme internal',
      yaml: lb('', '{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}'),
    },
    { name: 'GKE internal', yaml: lb('', '{networking.gke.io/load-balancer-type: Internal}') },
    {
      name: 'Azure internal',
      yaml: lb('', '{service.beta.kubernetes.io/azure-load-balancer-internal: "true"}'),
    },
    {
      name: 'not a LoadBalancer',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, ports: [{port: 80}]}
`,
    },
  ],
  invalid: [
    {
      name: 'no ranges at all',
      yaml: lb(''),
      findings: [
        {
          path: 'spec.loadBalancerSourceRanges',
          message:
            'Service of type LoadBalancer has no spec.loadBalancerSourceRanges: it accepts connections from any address',
        },
      ],
    },
    {
      name: 'internal annotations set to false do not make it internal',
      yaml: lb(
        '',
        '{service.beta.kubernetes.io/azure-load-balancer-internal: "false", service.beta.kubernetes.io/aws-load-balancer-internal: "false"}',
      ),
      findings: [
        {
          path: 'spec.loadBalancerSourceRanges',
          message:
            'Service of type LoadBalancer has no spec.loadBalancerSourceRanges: it accepts connections from any address',
        },
      ],
    },
    {
      name: 'ranges that admit everything',
      yaml: lb('  loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0, "::/0"]'),
      findings: [
        {
          path: 'spec.loadBalancerSourceRanges[1]',
          message: 'spec.loadBalancerSourceRanges[1] "0.0.0.0/0" admits every address',
        },
        {
          path: 'spec.loadBalancerSourceRanges[2]',
          message: 'spec.loadBalancerSourceRanges[2] "::/0" admits every address',
        },
      ],
    },
    {
      name: 'an annotation that admits everything',
      yaml: lb('', '{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, 0.0.0.0/0"}'),
      findings: [
        {
          path: 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]',
          message:
            'annotation service.beta.kubernetes.io/load-balancer-source-ranges includes "0.0.0.0/0", which admits every address',
        },
      ],
    },
  ],
});
