import { ruleTests } from '../../../../test/ruleTester.js';
import { gatewayExposure } from './gateway-exposure.js';

const BASE = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: idle, namespace: shop}
spec: {selector: {app: idle}, ports: [{port: 80}]}
`;

ruleTests(gatewayExposure, {
  valid: [
    {
      name: 'a route without parentRefs is not attached; a Gateway API Gateway is reported through routes',
      yaml: `${BASE}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: external
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
    },
    {
      name: 'a route whose only parent is not a Gateway, and a route kind from another API group',
      yaml: `${BASE}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: mesh, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: web}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: example.com/v1
kind: HTTPRoute
metadata: {name: other, namespace: shop}
spec:
  parentRefs: [{name: public}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`,
    },
  ],
  invalid: [
    {
      name: 'an HTTPRoute attached to two Gateways, to a Service with, one without and one not in the input',
      yaml: `${BASE}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra}, {name: internal}]
  rules:
  - backendRefs: [{name: web, port: 80}]
  - backendRefs: [{name: idle, port: 80}, {name: api, namespace: billing, port: 80}]
`,
      findings: [
        {
          path: 'spec.rules[0].backendRefs[0]',
          message:
            'HTTPRoute attached to Gateways infra/public, shop/internal sends traffic to Service shop/web (Deployment shop/web)',
        },
        {
          path: 'spec.rules[1].backendRefs[0]',
          message:
            'HTTPRoute attached to Gateways infra/public, shop/internal sends traffic to Service shop/idle (no workload of the input)',
        },
        {
          path: 'spec.rules[1].backendRefs[1]',
          message:
            'HTTPRoute attached to Gateways infra/public, shop/internal sends traffic to Service billing/api (not in the input)',
        },
      ],
    },
    {
      name: 'a TCPRoute (L4) in the default namespace',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: db}
spec:
  parentRefs: [{name: tcp-gw, sectionName: pg}]
  rules: [{backendRefs: [{name: postgres, port: 5432}]}]
`,
      findings: [
        {
          path: 'spec.rules[0].backendRefs[0]',
          message:
            'TCPRoute attached to Gateway default/tcp-gw sends traffic to Service default/postgres (not in the input)',
        },
      ],
    },
    {
      name: 'an Istio Gateway: one finding per server',
      yaml: `
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com, api.example.com]
    tls: {mode: SIMPLE, credentialName: shop-tls}
`,
      findings: [
        {
          path: 'spec.servers[0]',
          message: 'Istio Gateway accepts HTTP on port 80 for hosts "*" from outside the mesh',
        },
        {
          path: 'spec.servers[1]',
          message:
            'Istio Gateway accepts HTTPS on port 443 for hosts "shop.example.com", "api.example.com" from outside the mesh',
        },
      ],
    },
  ],
});
