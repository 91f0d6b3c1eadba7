import { ruleTests } from '../../../../test/ruleTester.js';
import { sensitiveUiExposed } from './sensitive-ui-exposed.js';

const deploy = (name: string, image: string, ns = 'tools') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: main, image: "${image}"}]
`;
const service = (name: string, type: string, ns = 'tools') => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {type: ${type}, selector: {app: ${name}}, ports: [{port: 80}]}
`;

ruleTests(sensitiveUiExposed, {
  valid: [
    {
      name: 'sensitive UIs behind ClusterIP Services only',
      yaml: [deploy('jenkins', 'jenkins/jenkins:2.462'), service('jenkins', 'ClusterIP')].join('---'),
    },
    {
      name: 'an ordinary app exposed by a LoadBalancer',
      yaml: [deploy('web', 'nginx:1.27'), service('web', 'LoadBalancer')].join('---'),
    },
    {
      name: 'an Ingress with ingress-nginx external authentication',
      yaml: [
        deploy('prometheus', 'quay.io/prometheus/prometheus:v2.53.0'),
        service('prometheus', 'ClusterIP'),
        `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: prom
  namespace: tools
  annotations: {nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"}
spec:
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: prometheus, port: {number: 80}}}}]}}]
`,
      ].join('---'),
    },
  ],
  invalid: [
    {
      name: 'Dashboard behind a LoadBalancer, Weave Scope by workload name behind a NodePort',
      yaml: [
        deploy('kubernetes-dashboard', 'kubernetesui/dashboard:v2.7.0', 'kubernetes-dashboard'),
        service('kubernetes-dashboard', 'LoadBalancer', 'kubernetes-dashboard'),
        deploy('weave-scope-app', 'registry.example.com/mirror/scope-app:1.13'),
        service('weave-scope-app', 'NodePort'),
      ].join('---'),
      findings: [
        {
          path: 'spec.type',
          message:
            'Service of type LoadBalancer exposes Deployment kubernetes-dashboard/kubernetes-dashboard, which runs the Kubernetes Dashboard: it acts on the cluster with its service account',
        },
        {
          path: 'spec.type',
          message:
            'Service of type NodePort exposes Deployment tools/weave-scope-app, which runs Weave Scope: it lists every container and opens shells in them, without authentication by default',
        },
      ],
    },
    {
      name: 'externalIPs, a mirrored image, and an Ingress whose two paths reach the same workload (reported once)',
      yaml: [
        deploy('notebook', 'registry.example.com/mirror/rayproject/ray:2.9.0'),
        `
apiVersion: v1
kind: Service
metadata: {name: notebook, namespace: tools}
spec: {selector: {app: notebook}, externalIPs: [203.0.113.5]}
`,
        deploy('llm', 'ollama/ollama:0.3.0'),
        service('llm', 'ClusterIP'),
        `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: llm, namespace: tools}
spec:
  rules:
  - http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: llm, port: {number: 80}}}}
      - {path: /v1, pathType: Prefix, backend: {service: {name: llm, port: {number: 80}}}}
`,
      ].join('---'),
      findings: [
        {
          path: 'spec.externalIPs',
          message:
            'Service with externalIPs exposes Deployment tools/notebook, which runs the Ray dashboard: it accepts jobs that run arbitrary code without authentication (ShadowRay, CVE-2023-48022)',
        },
        {
          path: 'spec.rules[0].http.paths[0].backend.service.name',
          message:
            'Ingress backend Service "llm" exposes Deployment tools/llm, which runs Ollama: it serves an unauthenticated model API',
        },
      ],
    },
    {
      name: 'an HTTPRoute attached to a Gateway, routing to the Argo Workflows server',
      yaml: [
        deploy('argo-server', 'quay.io/argoproj/argocli:v3.5.8', 'argo'),
        service('argo-server', 'ClusterIP', 'argo'),
        `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: argo, namespace: argo}
spec:
  parentRefs: [{name: public, namespace: infra}]
  rules: [{backendRefs: [{name: argo-server, port: 80}]}]
`,
      ].join('---'),
      findings: [
        {
          path: 'spec.rules[0].backendRefs[0]',
          message:
            'HTTPRoute backend Service "argo-server" exposes Deployment argo/argo-server, which runs the Argo Workflows server: it submits workflows that run arbitrary pods',
        },
      ],
    },
  ],
});
