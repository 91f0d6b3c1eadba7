import { ruleTests } from '../../../../test/ruleTester.js';
import { namespaceNoNetpol } from './namespace-no-netpol.js';

const NS = (name: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: ${name}}
`;
const DEPLOY = (name: string, ns?: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${ns !== undefined ? `, namespace: ${ns}` : ''}}
spec:
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;
const POLICY = (ns: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: some, namespace: ${ns}}
spec: {podSelector: {matchLabels: {app: x}}}
`;

ruleTests(namespaceNoNetpol, {
  valid: [
    {
      name: 'a Namespace with a policy (any policy counts)',
      yaml: [NS('shop'), DEPLOY('web', 'shop'), POLICY('shop')].join('---'),
    },
    {
      name: 'a namespace known only from workloads, with a policy',
      yaml: [DEPLOY('web', 'shop'), DEPLOY('api', 'shop'), POLICY('shop')].join('---'),
    },
    {
      name: 'input without namespaces or workloads',
      yaml: POLICY('shop'),
    },
  ],
  invalid: [
    {
      name: 'a Namespace object without policies: reported once, on the Namespace',
      yaml: [DEPLOY('web', 'shop'), NS('shop'), DEPLOY('api', 'shop')].join('---'),
      findings: [
        {
          path: 'metadata.name',
          message:
            'namespace "shop" has no NetworkPolicy: its pods accept and open connections to and from anywhere',
        },
      ],
    },
    {
      name: 'no Namespace object: reported on the first workload that runs pods, once per namespace',
      yaml: [
        `
apiVersion: v1
kind: PodTemplate
metadata: {name: t, namespace: shop}
template:
  spec:
    containers: [{name: app, image: nginx:1.27}]
`,
        DEPLOY('web', 'shop'),
        DEPLOY('api', 'shop'),
        DEPLOY('other'),
        POLICY('billing'),
        CALICO('default'),
      ].join('---'),
      findings: [
        {
          path: 'metadata.namespace',
          message:
            'namespace "shop" has no NetworkPolicy: its pods accept and open connections to and from anywhere (reported on its first workload: the input has no Namespace object for it)',
        },
        {
          path: 'metadata.namespace',
          message:
            'namespace "default" has no NetworkPolicy: its pods accept and open connections to and from anywhere (reported on its first workload: the input has no Namespace object for it)',
        },
      ],
    },
  ],
});

function CALICO(ns: string): string {
  return `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico, namespace: ${ns}}
spec: {selector: all()}
`;
}
