import { ruleTests } from '../../../../test/ruleTester.js';
import { danglingBackend } from './dangling-backend.js';

const BASE = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

ruleTests(danglingBackend, {
  valid: [
    {
      name: 'Service selects a workload; Ingress and HTTPRoute name existing Services',
      yaml: `${BASE}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra}]
  rules: [{backendRefs: [{name: web, port: 80}, {group: example.com, kind: Bucket, name: static}]}]
`,
    },
    {
      name: 'no selector (hand-managed endpoints), ExternalName, namespaces without workloads or Services in the input',
      yaml: `${BASE}---
apiVersion: v1
kind: Service
metadata: {name: manual, namespace: shop}
spec: {ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: nothing}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: billing}
spec: {selector: {app: api}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: x, namespace: payments}
spec: {defaultBackend: {service: {name: gone, port: {number: 80}}}}
`,
    },
  ],
  invalid: [
    {
      name: 'a Service selector that matches no workload (every pair must match)',
      yaml: `${BASE}---
apiVersion: v1
kind: Service
metadata: {name: web-admin, namespace: shop}
spec: {selector: {app: web, tier: admin}}
`,
      findings: [
        {
          path: 'spec.selector',
          message:
            'Service selector app=web,tier=admin matches no workload in namespace "shop" of the input: any pod that later carries these labels receives its traffic (this may be intentional if it is deployed from elsewhere)',
        },
      ],
    },
    {
      name: 'Ingress backends of both API versions naming missing Services',
      yaml: `${BASE}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules:
  - http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /static, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: s}}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: legacy, namespace: shop}
spec:
  backend: {serviceName: old-web, servicePort: 80}
`,
      findings: [
        {
          path: 'spec.rules[0].http.paths[0].backend.service.name',
          message:
            'backend Service "api" does not exist in namespace "shop" of the input (this may be intentional if it is deployed from elsewhere)',
        },
        {
          path: 'spec.backend.serviceName',
          message:
            'backend Service "old-web" does not exist in namespace "shop" of the input (this may be intentional if it is deployed from elsewhere)',
        },
      ],
    },
    {
      name: 'a route backendRef to a missing Service, also across namespaces',
      yaml: `${BASE}---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: r, namespace: edge}
spec:
  parentRefs: [{name: public}]
  rules:
  - backendRefs: [{name: web, namespace: shop, port: 80}, {name: grpc, namespace: shop, port: 9000}]
`,
      findings: [
        {
          path: 'spec.rules[0].backendRefs[1]',
          message:
            'backend Service "grpc" does not exist in namespace "shop" of the input (this may be intentional if it is deployed from elsewhere)',
        },
      ],
    },
  ],
});
