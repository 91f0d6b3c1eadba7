import { ruleTests } from '../../../../test/ruleTester.js';
import { serviceExposed } from './service-exposed.js';

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-canary, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, track: canary}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: other}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;
const service = (spec: string) => `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
${spec}
`;

ruleTests(serviceExposed, {
  valid: [
    {
      name: 'ClusterIP, explicit or by default, and headless',
      yaml: [
        WORKLOADS,
        service('  selector: {app: web}\n  ports: [{port: 80}]'),
        service('  type: ClusterIP\n  clusterIP: None\n  selector: {app: web}'),
      ].join('---'),
    },
    {
      name: 'ExternalName is DNS, not exposure',
      yaml: service('  type: ExternalName\n  externalName: db.example.com'),
    },
  ],
  invalid: [
    {
      name: 'LoadBalancer selecting two workloads of its namespace only',
      yaml: [
        WORKLOADS,
        service('  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 443, targetPort: 8443}]'),
      ].join('---'),
      findings: [
        {
          path: 'spec.type',
          message:
            'Service of type LoadBalancer exposes 443/TCP outside the cluster, to Deployment shop/web and Deployment shop/web-canary',
        },
      ],
    },
    {
      name: 'NodePort with a UDP port and a fixed nodePort; every selector pair must match',
      yaml: [
        WORKLOADS,
        service(
          '  type: NodePort\n  selector: {app: web, tier: front}\n  ports: [{port: 80, nodePort: 30080}, {port: 53, protocol: UDP}]',
        ),
      ].join('---'),
      findings: [
        {
          path: 'spec.type',
          message:
            "Service of type NodePort exposes 80/TCP (nodePort 30080), 53/UDP on every node's IP, to Deployment shop/web",
        },
      ],
    },
    {
      name: 'selector matching nothing, and no selector',
      yaml: [
        service('  type: NodePort\n  selector: {app: api}\n  ports: [{port: 80}]'),
        `
apiVersion: v1
kind: Service
metadata: {name: manual}
spec: {type: LoadBalancer}
`,
      ].join('---'),
      findings: [
        {
          path: 'spec.type',
          message:
            "Service of type NodePort exposes 80/TCP on every node's IP, to pods labelled app=api (no workload of the input)",
        },
        {
          path: 'spec.type',
          message:
            'Service of type LoadBalancer exposes no ports outside the cluster, to hand-managed endpoints (no selector)',
        },
      ],
    },
  ],
});
